import type { AppError } from '@/domain/errors'
import type { SmartProcessType, TypeChanges } from '@/domain/types'
import type { PlacementSnapshot } from '@/portal/gateway'
import type { ConflictChoice, SaveConflict } from '@/domain/settings-conflict'
import type { FieldDraft, FieldKey, FieldValues } from '@/domain/settings-fields'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { AppError as AppErrorClass, toAppError } from '@/domain/errors'
import { useContextStore } from './context'
import type { Pipeline } from '@/domain/portal-rules'
import { howFlagShows, isFlagKey, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { fieldLocks, refusalSuspects } from '@/domain/portal-rules'
import { emptyRelationSet, relationsEqual } from '@/domain/relations'
import { draftAfterWrite, fieldConflicts, rebaseOnChoices, sortConflicts } from '@/domain/settings-conflict'
import { changesFor, dirtyFields, fieldValues, isLinkedFieldKey, linkedFieldsUsable, pendingSideEffects, sameValue } from '@/domain/settings-fields'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'
/** `partial`: the write went through, but some fields did not stick (named in `unsaved`, kept in the draft). */
export type SaveStatus = 'idle' | 'saving' | 'conflict' | 'error' | 'saved' | 'partial'
export type { ConflictChoice, FieldConflict, SaveConflict } from '@/domain/settings-conflict'

/**
 * A part of the editor that saves with the same Save button. The relations
 * editor (issue 7) joins like this, from its own store:
 *
 *   const settings = useTypeSettingsStore()
 *   settings.registerParticipant({
 *     id: 'relations',
 *     isDirty: () => dirty.value,               // read inside the store's computeds: keep it reactive
 *     onLoaded: snap => { base.value = snap.type.relations; names.value = snap.typeNames },
 *     changesFor: fresh => ({ relations: merge(base, mine, fresh.relations) }),  // full overwrite: docs/platform.md "Relations"
 *     onSaved: saved => verify(saved.relations),  // return an AppError (relations_dropped) to report it
 *     discard: () => { mine.value = base.value },
 *   })
 *
 * Save re-reads the type once (`fresh`), asks every participant for its
 * changes against that read, sends ONE crm.type.update with all keys, then
 * hands every participant the saved type. A participant registered after the
 * load gets `onLoaded` at once.
 */
export interface DraftParticipant {
  id: string
  isDirty: () => boolean
  onLoaded?: (snapshot: PlacementSnapshot) => void
  /** The keys this participant adds to the PATCH, computed against the fresh read; may throw an AppError. */
  changesFor: (fresh: SmartProcessType) => TypeChanges
  /**
   * After a successful write, with the type as the portal holds it; an AppError return marks the save failed.
   * May be async (the relations editor re-reads to verify its write): Save stays `saving` until it settles.
   */
  onSaved?: (saved: SmartProcessType) => AppError | void | Promise<AppError | void>
  /** How many changes the draft holds, each counted (a link added, removed or changed); 1 while dirty when absent. */
  changeCount?: () => number
  /** Drops the participant's draft; returns what `undoDiscard` needs to bring it back. */
  discard: () => unknown
  /** Brings back what `discard` returned (the Undo after Discard). */
  restore?: (kept: unknown) => void
  /** A read taken while editing (the type was saved elsewhere): a participant without a draft takes it as its base. */
  onFresh?: (fresh: SmartProcessType) => void
}

/** The type was saved elsewhere since it was loaded, found on a natural read (focus, visibility). */
export interface SavedElsewhere {
  updatedBy: number | null
  updatedTime: string | null
  /** Settings that differ from what the screen loaded. */
  fields: FieldKey[]
  /** Whether the screen took the new read (nothing unsaved) or keeps the draft (a Save merges). */
  applied: boolean
  /** The type as the screen had it, and as read: for the differences in links. */
  before: SmartProcessType
  fresh: SmartProcessType
}

/** The loaded type, the draft of its settings, save and conflict resolution. */
export const useTypeSettingsStore = defineStore('type-settings', () => {
  const context = useContextStore()
  const loaded = shallowRef<SmartProcessType | null>(null)
  const loadStatus = ref<LoadStatus>('idle')
  const loadError = shallowRef<AppError | null>(null)
  const draft = ref<FieldDraft>({})
  const status = ref<SaveStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  const conflict = shallowRef<SaveConflict | null>(null)
  /** Fields someone else changed since the load, taken into the base without asking (told after the save). */
  const takenElsewhere = ref<FieldKey[]>([])
  /** Fields the last write sent that the portal's answer does not hold (they stay in the draft). */
  const unsaved = ref<FieldKey[]>([])
  /** The type's pipelines as the first screen read them; null when not known. */
  const pipelines = shallowRef<Pipeline[] | null>(null)
  /**
   * The portal refused the last write as a whole (a 4xx on crm.type.update):
   * nothing was saved. `suspect` is the one change a known rule explains
   * (docs/platform.md "Flags"), which the user may leave out; null when the
   * app cannot tell which.
   */
  const refusal = shallowRef<{ suspect: FieldKey | null } | null>(null)
  const choices = ref<Partial<Record<FieldKey, ConflictChoice>>>({})
  /** Set when a glance at the portal found the type saved elsewhere; cleared by the next load or save. */
  const savedElsewhere = shallowRef<SavedElsewhere | null>(null)
  const participants = shallowRef<DraftParticipant[]>([])
  let snapshot: PlacementSnapshot | null = null
  // Bumped by every load and discard: an answer for an older generation is dropped (stale guard).
  let generation = 0

  const base = computed(() => (loaded.value ? fieldValues(loaded.value) : null))
  const values = computed<FieldValues | null>(() => (base.value ? { ...base.value, ...draft.value } : null))
  const dirtyKeys = computed(() => (base.value ? dirtyFields(base.value, draft.value) : []))
  /** Changed fields plus each participant's changes (every link added, removed or changed counts: issue 17). */
  const dirtyCount = computed(() => dirtyKeys.value.length + participants.value.reduce((n, p) => n + (p.changeCount ? p.changeCount() : p.isDirty() ? 1 : 0), 0))
  const isDirty = computed(() => dirtyCount.value > 0)
  const sideEffects = computed(() => pendingSideEffects(draft.value, dirtyKeys.value))
  /** Switches the portal would refuse to change, with the reason (more than one pipeline). */
  const locks = computed(() => (base.value ? fieldLocks(base.value, pipelines.value) : {}))
  const canEdit = computed(() => context.canEdit && loaded.value !== null && status.value !== 'saving')
  /** The portal refuses an empty title ("Required field "Title" is not filled in", docs/platform.md "Errors"): caught before asking. */
  const titleMissing = computed(() => (values.value?.title ?? '').trim() === '')

  async function load(entityTypeId: number) {
    const gen = ++generation
    loadStatus.value = 'loading'
    loadError.value = null
    try {
      // The first screen comes from one request (DESIGN.md: Fast).
      const snap = await context.requireGateway().loadPlacement(entityTypeId)
      if (gen !== generation)
        return
      snapshot = markRaw(snap)
      context.setUser(snap.user)
      pipelines.value = snap.pipelines
      reset(snap.type)
      loadStatus.value = 'ready'
      participants.value.forEach(p => p.onLoaded?.(snap))
    }
    catch (e) {
      if (gen !== generation)
        return
      loadError.value = toAppError(e)
      loadStatus.value = 'error'
    }
  }

  function reset(type: SmartProcessType) {
    loaded.value = type
    savedElsewhere.value = null
    draft.value = {}
    conflict.value = null
    choices.value = {}
    status.value = 'idle'
    error.value = null
    unsaved.value = []
    refusal.value = null
  }

  /** Whether the screen offers this field as a switch: a flag the gateway takes and the record carries; linked fields while they count. */
  function isEditable(key: FieldKey): boolean {
    if (locks.value[key])
      return false
    if (isFlagKey(key))
      return howFlagShows(key, context.gatewayKind, loaded.value?.carriedFlags) === 'switch'
    if (isLinkedFieldKey(key))
      return values.value !== null && linkedFieldsUsable(values.value)
    return true
  }

  /** Puts a value into the draft; the loaded value takes the field out of it again. */
  function setField<K extends FieldKey>(key: K, value: FieldValues[K]) {
    if (!canEdit.value || !base.value || !isEditable(key))
      return
    const next = { ...draft.value }
    if (sameValue(value, base.value[key]))
      delete next[key]
    else
      next[key] = value
    // Linked fields count only with "use in user fields" on (docs/platform.md "linkedUserFields"): turning it off takes them back.
    if (key === 'isUseInUserfieldEnabled' && value === false) {
      for (const k of LINKED_USER_FIELD_KEYS)
        delete next[k]
    }
    draft.value = next
    if (status.value === 'saved' || status.value === 'error' || status.value === 'partial')
      status.value = 'idle'
  }

  /** What the last Discard threw away, for a few seconds' Undo (issue 17); null when there is nothing to bring back. */
  let discarded: { loaded: SmartProcessType, draft: FieldDraft, participants: Map<string, unknown> } | null = null

  function discard() {
    generation++
    const kept = loaded.value && !conflict.value ? { loaded: loaded.value, draft: draft.value, participants: new Map<string, unknown>() } : null
    // After a conflict, discarding shows what the portal holds now.
    const fresh = conflict.value?.fresh ?? loaded.value
    if (fresh)
      reset(fresh)
    participants.value.forEach((p) => {
      const state = p.discard()
      kept?.participants.set(p.id, state)
    })
    discarded = kept
  }

  /** Brings back the draft the last Discard threw away, if the type was not reloaded or saved since. */
  function undoDiscard(): boolean {
    const kept = discarded
    discarded = null
    if (!kept || loaded.value !== kept.loaded || isDirty.value)
      return false
    draft.value = kept.draft
    participants.value.forEach(p => p.restore?.(kept.participants.get(p.id)))
    return true
  }

  async function save() {
    if (status.value === 'saving' || !loaded.value || !isDirty.value || titleMissing.value)
      return
    if (!context.canEdit) {
      fail(new AppErrorClass({ code: 'access_denied' }))
      return
    }
    const gen = ++generation
    const ref = { id: loaded.value.id, entityTypeId: loaded.value.entityTypeId }
    status.value = 'saving'
    error.value = null
    refusal.value = null
    takenElsewhere.value = []
    try {
      const gateway = context.requireGateway()
      // Re-read before writing, so a change made elsewhere is never overwritten silently.
      const fresh = await gateway.getType(ref.entityTypeId)
      if (gen !== generation)
        return
      const found = conflictsWith(fresh)
      if (found) {
        conflict.value = found
        choices.value = Object.fromEntries(found.fields.map(f => [f.key, 'mine']))
        status.value = 'conflict'
        return
      }
      const changes: TypeChanges = changesFor(draft.value, dirtyKeys.value, fresh)
      for (const p of participants.value) {
        if (p.isDirty())
          Object.assign(changes, p.changesFor(fresh))
      }
      // Someone else already saved exactly our changes: nothing to send, and that is a save.
      if (Object.keys(changes).length === 0) {
        reset(fresh)
        status.value = 'saved'
        return
      }
      // Journaled before the write, completed after (issue 19); never blocks the save.
      const journal = await import('./journal').then(m => m.useJournalStore(), () => null)
      const handle = await journal?.begin(fresh, changes)
      let saved: SmartProcessType
      try {
        saved = await gateway.updateType(ref, changes)
      }
      catch (e) {
        // A 4xx is the portal's refusal of the whole write: nothing was saved (docs/platform.md "Errors").
        const err = toAppError(e)
        // Only a refusal (4xx) says nothing was written; a timeout may have been applied: the entry stays pending.
        if (handle && err.status !== null && err.status >= 400 && err.status < 500)
          void journal!.fail(handle, err, fresh)
        if (gen === generation && err.status !== null && err.status >= 400 && err.status < 500) {
          const suspects = refusalSuspects(draft.value, dirtyKeys.value)
          refusal.value = { suspect: suspects.length === 1 ? suspects[0]! : null }
        }
        throw err
      }
      if (gen !== generation) {
        if (handle)
          void journal!.complete(handle, fresh, saved)
        return
      }
      // The portal's answer is the new base: what it holds after the write, not what we sent.
      // What it did not keep is named and stays in the draft (docs/platform.md "Flags").
      const after = draftAfterWrite(changes, fresh, draft.value, saved)
      reset(saved)
      draft.value = after.draft
      unsaved.value = after.missed
      const missed = after.missed
      // Still saving while participants verify their part (an async onSaved).
      status.value = 'saving'
      const problems: AppError[] = []
      for (const p of participants.value) {
        const problem = await p.onSaved?.(saved)
        if (problem)
          problems.push(problem)
      }
      // The journal is completed with what stuck: a link the portal dropped shows only in a read-back (docs/platform.md "Relations").
      if (handle) {
        const gateway = context.requireGateway()
        const dropped = problems.some(p => p.code === 'relations_dropped')
        void (dropped ? gateway.getType(ref.entityTypeId).catch(() => saved) : Promise.resolve(saved)).then(back => journal!.complete(handle, fresh, back))
      }
      if (gen !== generation)
        return
      if (missed.length > 0 || problems[0]) {
        // Written, but not all of it: "partly saved", never "saved".
        error.value = problems[0] ?? new AppErrorClass({ code: 'not_saved' })
        status.value = 'partial'
      }
      else {
        status.value = 'saved'
      }
    }
    catch (e) {
      if (gen !== generation)
        return
      const err = toAppError(e)
      // The plan forbids changing types: read-only for the session, with that reason.
      if (err.code === 'plan_restricted')
        context.markPlanRestricted()
      fail(err)
    }
  }

  function conflictsWith(fresh: SmartProcessType): SaveConflict | null {
    if (!loaded.value || !base.value)
      return null
    const { ask, taken } = sortConflicts(fieldConflicts(base.value, draft.value, dirtyKeys.value, fieldValues(fresh)))
    takenElsewhere.value = taken.map(f => f.key)
    if (ask.length > 0)
      return { fresh, fields: ask, taken }
    // Nothing to choose (changed elsewhere only where we did not edit, or to our own values):
    // the fresh read is the new base; what now equals it drops out of the draft.
    if (fresh.updatedTime !== loaded.value.updatedTime || taken.length > 0) {
      const values = fieldValues(fresh)
      loaded.value = fresh
      draft.value = Object.fromEntries(Object.entries(draft.value).filter(([k, v]) => !sameValue(v, values[k as FieldKey])))
    }
    return null
  }

  // At most one glance per this many ms: focus and visibility come in bursts (DESIGN.md: no hard polling).
  const GLANCE_MS = 15_000
  let lastGlance = -Infinity

  /**
   * Looks whether the type was saved elsewhere meanwhile (issue 17), on the
   * next natural read: the view calls it when the frame gets focus or the tab
   * becomes visible. Without a draft the screen takes the new read; with one
   * it keeps the draft and tells, and the Save merges as always. A failed
   * glance says nothing: the Save re-reads anyway.
   */
  async function glance(now = Date.now()) {
    const type = loaded.value
    if (!type || !base.value || loadStatus.value !== 'ready' || status.value === 'saving' || status.value === 'conflict' || now - lastGlance < GLANCE_MS)
      return
    lastGlance = now
    const gen = generation
    let fresh: SmartProcessType
    try {
      fresh = await context.requireGateway().getType(type.entityTypeId)
    }
    catch {
      return
    }
    if (gen !== generation || loaded.value !== type || (status.value as SaveStatus) === 'saving')
      return
    const fields = dirtyFields(base.value, fieldValues(fresh))
    const linksMoved = !relationsEqual(fresh.relations ?? emptyRelationSet(), type.relations ?? emptyRelationSet())
    if (fresh.updatedTime === type.updatedTime && fields.length === 0 && !linksMoved)
      return
    const applied = !isDirty.value
    if (applied) {
      reset(fresh)
      participants.value.forEach(p => p.onFresh?.(fresh))
    }
    savedElsewhere.value = { updatedBy: fresh.updatedBy, updatedTime: fresh.updatedTime, fields, applied, before: type, fresh }
  }

  /** Closes the conflict view and keeps the draft; the next Save re-reads and compares again. */
  function dismissConflict() {
    conflict.value = null
    choices.value = {}
    status.value = 'idle'
  }

  function choose(key: FieldKey, choice: ConflictChoice) {
    choices.value = { ...choices.value, [key]: choice }
  }

  /** Rebases the draft on the portal's values with the user's choices, then saves again. */
  async function resolveAndSave() {
    const c = conflict.value
    if (!c)
      return
    const rebased = rebaseOnChoices(c.fields, choices.value, draft.value, fieldValues(c.fresh))
    const taken = c.taken.map(f => f.key)
    reset(c.fresh)
    draft.value = rebased
    // The portal already holds every choice (a write whose answer was lost, say): nothing to send, and that is a save.
    if (isDirty.value)
      await save()
    else
      status.value = 'saved'
    // What was taken from elsewhere along the way is told with the save.
    if (status.value === 'saved')
      takenElsewhere.value = [...new Set([...taken, ...takenElsewhere.value])]
  }

  /** Leaves one change out of the draft (the one the portal refused) and saves the rest. */
  async function saveWithout(key: FieldKey) {
    const next = { ...draft.value }
    delete next[key]
    draft.value = next
    refusal.value = null
    await save()
  }

  function fail(e: AppError) {
    error.value = e
    status.value = 'error'
  }

  /** Joins a participant to the one Save; returns the function that removes it. */
  function registerParticipant(p: DraftParticipant): () => void {
    participants.value = [...participants.value.filter(x => x.id !== p.id), markRaw(p)]
    if (snapshot)
      p.onLoaded?.(snapshot)
    return () => {
      participants.value = participants.value.filter(x => x !== p)
    }
  }

  return { savedElsewhere, glance, loaded, loadStatus, loadError, draft, status, error, conflict, unsaved, takenElsewhere, pipelines, refusal, locks, saveWithout, choices, base, values, dirtyKeys, dirtyCount, isDirty, sideEffects, canEdit, titleMissing, load, setField, discard, save, choose, dismissConflict, resolveAndSave, registerParticipant, undoDiscard }
})
