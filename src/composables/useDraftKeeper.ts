import type { ShallowRef } from 'vue'
import type { KeptDraft } from '@/domain/kept-draft'
import type { FieldKey } from '@/domain/settings-fields'
import { effectScope, onScopeDispose, shallowRef, watch } from 'vue'
import { useTypeSettingsStore } from '@/stores/type-settings'

export interface KeptDraftState {
  /** A draft kept from an earlier visit, waiting for Restore or Dismiss. */
  offer: ShallowRef<KeptDraft | null>
  /** After a restore: the fields someone else changed since, whose portal values stayed. */
  changedSince: ShallowRef<FieldKey[]>
  /** After a restore: some link was changed elsewhere since, and the portal's side of it stayed. */
  linksChangedSince: ShallowRef<boolean>
}

/**
 * Keeps the open type's draft in this tab while it is unsaved, and offers a
 * kept one back when the type opens again (domain/kept-draft: why the app
 * cannot ask before the portal's slider closes). Nothing is kept for a user
 * who cannot edit, and nothing is written over a kept draft until the user
 * has answered the offer. The work is in draft-keeper.ts, fetched when the
 * first type is on screen: the card tab's first JS stays within its budget.
 */
export function useDraftKeeper() {
  const settings = useTypeSettingsStore()
  const state: KeptDraftState = { offer: shallowRef(null), changedSince: shallowRef([]), linksChangedSince: shallowRef(false) }
  const scope = effectScope()
  onScopeDispose(() => scope.stop())
  let body: ReturnType<typeof import('./draft-keeper').runDraftKeeper> | undefined

  function start() {
    import('./draft-keeper').then((m) => {
      body = scope.run(() => m.runDraftKeeper(state))
    }).catch(() => {
      // Not kept this time: the draft on screen is untouched.
    })
  }
  if (settings.loaded) {
    start()
  }
  else {
    const stop = watch(() => settings.loaded !== null, (loaded) => {
      if (loaded) {
        stop()
        start()
      }
    })
  }

  return { ...state, restore: () => body?.restore(), dismiss: () => body?.dismiss() }
}
