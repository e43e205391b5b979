import type { KeptDraftState } from './useDraftKeeper'
import type { FieldKey } from '@/domain/settings-fields'
import { watch } from 'vue'
import { keepDraft, keptDraftKey, parseKeptDraft, restorePlan } from '@/domain/kept-draft'
import { useContextStore } from '@/stores/context'
import { useRelationsStore } from '@/stores/relations'
import { useTypeSettingsStore } from '@/stores/type-settings'

/** sessionStorage, or null where the browser refuses it (storage blocked in a third-party frame). */
function storage(): Storage | null {
  try {
    return window.sessionStorage
  }
  catch {
    return null
  }
}

/**
 * The body of useDraftKeeper, loaded once a type is on screen (out of the
 * card tab's first JS). Runs inside the view's effect scope: its watchers
 * stop with the view.
 */
export function runDraftKeeper(state: KeptDraftState) {
  const context = useContextStore()
  const settings = useTypeSettingsStore()
  const relations = useRelationsStore()
  let answered = false

  const key = () => settings.loaded ? keptDraftKey(context.user?.id ?? null, settings.loaded.entityTypeId) : null

  function write() {
    const k = key()
    const type = settings.loaded
    const store = storage()
    if (!k || !type || !store || !settings.base || !answered)
      return
    try {
      if (!settings.isDirty || !settings.canEdit) {
        store.removeItem(k)
        return
      }
      const links = relations.isDirty ? { base: relations.base, mine: relations.draft } : null
      store.setItem(k, JSON.stringify(keepDraft({ entityTypeId: type.entityTypeId, typeId: type.id, base: settings.base, draft: settings.draft, relations: links, now: new Date() })))
    }
    catch {
      // Full or blocked: the draft is still on screen, only the keeping is lost.
    }
  }

  // A new load (another type, a reload): look for a kept draft of it first.
  watch(() => settings.loaded?.entityTypeId, () => {
    answered = false
    state.offer.value = null
    state.changedSince.value = []
    state.linksChangedSince.value = false
    const k = key()
    // Nothing loaded yet: nothing may be written either (a write would drop the kept draft before it is read).
    if (!k)
      return
    const kept = parseKeptDraft(storage()?.getItem(k) ?? null)
    if (kept && kept.typeId === settings.loaded?.id && settings.canEdit)
      state.offer.value = kept
    else
      answered = true
  }, { immediate: true })
  watch(() => [settings.draft, relations.draft, settings.isDirty], write, { deep: true })

  return {
    restore() {
      const kept = state.offer.value
      const current = settings.base
      state.offer.value = null
      answered = true
      if (!kept || !current)
        return
      const plan = restorePlan(kept, current, relations.base)
      for (const [k, v] of Object.entries(plan.fields))
        settings.setField(k as FieldKey, v as never)
      if (plan.relations)
        relations.restore(plan.relations)
      state.changedSince.value = plan.changedSince
      state.linksChangedSince.value = plan.relationsChangedSince
      write()
    },
    dismiss() {
      state.offer.value = null
      answered = true
      write()
    },
  }
}
