/**
 * Undoing one history entry (issue 19). The plan is computed against the
 * portal's current state (domain/journal/undo.ts); Undo re-reads, writes
 * only what goes back (relations whole, merged with the read), reads back
 * to verify and journals the undo, linked to the entry it undid. A deleted
 * type is recreated from the setup its entry kept, with a new entityTypeId.
 */
import type { AppError } from '@/domain/errors'
import type { JournalEntry } from '@/domain/journal/entry'
import type { UndoChoice, UndoPlan } from '@/domain/journal/undo'
import type { SmartProcessType } from '@/domain/types'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { AppError as AppErrorClass, toAppError } from '@/domain/errors'
import { createdEntry, failedChange, pendingEntry } from '@/domain/journal/entry'
import { isRecreatable, planUndo, undoChanges, undoChoiceKey, undoWrites } from '@/domain/journal/undo'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useJournalStore } from './journal'

/** A key for the recreated type inside the one-type import: no portal allows or uses it. */
const NEVER_ALLOWED_ID = 999_999

/** Whether two plans show the same statuses and current values (nothing changed in between). */
function samePlan(a: UndoPlan, b: UndoPlan): boolean {
  const flat = (p: UndoPlan) => JSON.stringify([...p.fields, ...p.links].map(x => [x.status, x.current]))
  return flat(a) === flat(b)
}

export type UndoStatus = 'idle' | 'reading' | 'ready' | 'writing' | 'done' | 'partial' | 'error'

export const useHistoryUndoStore = defineStore('history-undo', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const journal = useJournalStore()
  const entry = shallowRef<JournalEntry | null>(null)
  const status = ref<UndoStatus>('idle')
  const plan = shallowRef<UndoPlan | null>(null)
  const choices = ref<Record<string, UndoChoice>>({})
  const error = shallowRef<AppError | null>(null)
  /** The undo's own journal entry, once written. */
  const result = shallowRef<JournalEntry | null>(null)
  /** A recreated type's new entityTypeId. */
  const recreatedId = ref<number | null>(null)
  let generation = 0

  const exists = (entityTypeId: number) => !catalog.isDeleted(entityTypeId)

  /** The last Undo found nothing to write: everything was already as before. */
  const nothingWritten = ref(false)
  /** The last Undo found the type changed again while the choices were shown: asked again. */
  const changedWhileOpen = ref(false)

  function close() {
    generation++
    nothingWritten.value = false
    changedWhileOpen.value = false
    entry.value = null
    status.value = 'idle'
    plan.value = null
    choices.value = {}
    error.value = null
    result.value = null
    recreatedId.value = null
  }

  function fail(e: unknown) {
    error.value = toAppError(e)
    status.value = 'error'
  }

  /** Opens the undo of an entry: reads the type and plans (a delete needs no read). */
  async function prepare(target: JournalEntry) {
    close()
    const gen = generation
    entry.value = target
    if (isRecreatable(target)) {
      status.value = 'ready'
      return
    }
    status.value = 'reading'
    try {
      const current = await context.requireGateway().getType(target.type.entityTypeId)
      if (gen !== generation)
        return
      show(planUndo(target, current, exists))
    }
    catch (e) {
      if (gen === generation)
        fail(e)
    }
  }

  function show(next: UndoPlan) {
    plan.value = next
    // A value changed again since stays unless the user asks: the safe default.
    const kept = { ...choices.value }
    for (const x of [...next.fields, ...next.links]) {
      if (x.status === 'conflict')
        kept[undoChoiceKey(x)] ??= 'keep'
    }
    choices.value = kept
    status.value = 'ready'
  }

  function choose(key: string, choice: UndoChoice) {
    choices.value = { ...choices.value, [key]: choice }
  }

  /** Re-reads, writes what goes back, reads back, journals. */
  async function run() {
    const target = entry.value
    if (!target || status.value === 'writing' || !context.canEdit)
      return
    if (isRecreatable(target))
      return recreate(target)
    const gen = generation
    status.value = 'writing'
    error.value = null
    nothingWritten.value = false
    changedWhileOpen.value = false
    try {
      const gateway = context.requireGateway()
      // The dialog may have stayed open: planned again on a fresh read, so nothing changed since is overwritten.
      const fresh = await gateway.getType(target.type.entityTypeId)
      const again = planUndo(target, fresh, exists)
      // Something changed again while the choices were shown: the new state is shown and asked about, never overwritten.
      if (plan.value && !samePlan(plan.value, again)) {
        show(again)
        changedWhileOpen.value = true
        return
      }
      const { changes } = undoChanges(again, choices.value, fresh)
      // Linked fields go back only while "use in user fields" is on (docs/platform.md "linkedUserFields"): then nothing is left to send.
      if (!undoWrites(again, choices.value) || Object.keys(changes).length === 0) {
        show(again)
        nothingWritten.value = true
        status.value = 'done'
        return
      }
      const handle = await journal.begin(fresh, changes, { kind: 'undo', undoes: target.id })
      const ref = { id: fresh.id, entityTypeId: fresh.entityTypeId }
      let saved: SmartProcessType
      try {
        saved = await gateway.updateType(ref, changes)
      }
      catch (e) {
        const err = toAppError(e)
        // Only a refusal (4xx) says nothing was written; otherwise the entry stays pending ("not finished").
        if (err.status !== null && err.status >= 400 && err.status < 500)
          void journal.fail(handle, err, fresh)
        throw e
      }
      // Read back and verified like any write (the portal drops what it does not take without a word); the write's answer if the read fails.
      const back: SmartProcessType = await gateway.getType(fresh.entityTypeId).catch(() => saved)
      await journal.complete(handle, fresh, back)
      if (gen !== generation)
        return
      result.value = handle.entry
      // The app page's list shows the title the portal holds now.
      if (catalog.find(back.entityTypeId))
        catalog.upsert(back)
      plan.value = planUndo(target, back, exists)
      status.value = handle.entry.outcome === 'partial' ? 'partial' : 'done'
    }
    catch (e) {
      if (gen === generation)
        fail(e)
    }
  }

  /** A deleted type comes back as a new one (a new entityTypeId), from the setup its entry kept. */
  async function recreate(target: JournalEntry) {
    if (!target.setup)
      return
    // The portal never hands out a deleted entityTypeId again (crm-type-add.md), and the import
    // would ask for the file's id where it looks free: an odd id above 1030 is never allowed
    // (docs/platform.md "Types"), so the portal picks a new one.
    const setup = { ...target.setup, entityTypeId: NEVER_ALLOWED_ID }
    const gen = generation
    status.value = 'writing'
    error.value = null
    // Journaled before the first write, like every change: a run cut short still leaves a trace.
    const handle = await journal.beginEntry(pendingEntry({ ...journal.start('create', { id: 0, entityTypeId: 0, title: setup.title }), undoes: target.id }))
    try {
      const gateway = context.requireGateway()
      const [{ planImport }, { runImport }, { SETUP_FILE_KIND, SETUP_FILE_VERSION }] = await Promise.all([import('@/domain/setup/plan'), import('@/portal/setup-import'), import('@/domain/setup/types')])
      const file = { kind: SETUP_FILE_KIND, version: SETUP_FILE_VERSION, exportedAt: target.at, source: { portal: null }, types: [setup] } as const
      const start = { mode: 'merge' as const, targets: { [setup.entityTypeId]: { kind: 'create' as const } }, relationTargets: {} }
      const planned = planImport({ ...file, types: [...file.types] }, await gateway.readTarget(), start)
      const run = await runImport(gateway, { ...file, types: [...file.types] }, start, planned)
      const made = run.choices.targets[setup.entityTypeId]
      if (!made || made.kind !== 'update') {
        const err = new AppErrorClass({ code: (run.failures.values().next().value ?? 'unknown') as AppError['code'] })
        void journal.settle(handle, pending => failedChange(pending, err.code, null))
        throw err
      }
      const type = await gateway.getType(made.entityTypeId)
      catalog.upsert(type)
      // Its card tab and list action, as for a type created on the app page.
      const install = (await import('./install')).useInstallStore()
      if (install.canBind)
        await install.bindType(type.entityTypeId).catch(() => {})
      // What the setup asked for and did not stick (the import's read-back) makes it partly applied.
      const left = run.left.types.flatMap(t => t.changes.map(c => (c.name ? `${c.what}: ${c.name}` : c.what)))
      await journal.settle(handle, pending => ({ ...createdEntry(pending, type), outcome: left.length > 0 ? 'partial' : 'applied', missed: left }))
      if (gen !== generation)
        return
      result.value = handle.entry
      recreatedId.value = type.entityTypeId
      status.value = left.length > 0 ? 'partial' : 'done'
    }
    catch (e) {
      if (gen === generation)
        fail(e)
    }
  }

  return { entry, status, plan, choices, error, result, recreatedId, nothingWritten, changedWhileOpen, prepare, choose, run, close }
})
