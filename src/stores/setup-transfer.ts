import type { AppError } from '@/domain/errors'
import type { ImportChoices, SetupFile, SetupPlan, TargetState, TypeOutcome } from '@/domain/setup/types'
import type { ApplyPhase } from '@/portal/setup-import'
import type { SetupFileError } from '@/domain/setup/parse'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { toAppError } from '@/domain/errors'
import { buildSetupFile, setupFileName } from '@/domain/setup/build'
import { parseSetupFile, stringifySetupFile } from '@/domain/setup/parse'
import { failedChange, pendingEntry } from '@/domain/journal/entry'
import { importedEntry } from '@/domain/journal/import-entry'
import { defaultImportChoices, planImport } from '@/domain/setup/plan'
import { runImport } from '@/portal/setup-import'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useJournalStore } from './journal'

export type ExportStatus = 'idle' | 'reading' | 'ready' | 'error'
export type ImportStatus = 'idle' | 'planning' | 'planned' | 'applying' | 'done' | 'error'
export type { ApplyPhase } from '@/portal/setup-import'

/**
 * Carrying setups between portals (issue 18): export the chosen types to a
 * file; import one as a plan against what the portal holds now, then apply
 * it phase by phase, each phase planned on a fresh read, and report every
 * type from a final read-back. Loaded with the app page's transfer screen only.
 */
export const useSetupTransferStore = defineStore('setup-transfer', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()

  const exportStatus = ref<ExportStatus>('idle')
  const exportError = shallowRef<AppError | null>(null)
  /** The last export: the file's text and its download name. */
  const exported = shallowRef<{ text: string, name: string, count: number } | null>(null)

  const importStatus = ref<ImportStatus>('idle')
  const importError = shallowRef<AppError | null>(null)
  const fileError = shallowRef<SetupFileError | null>(null)
  const file = shallowRef<SetupFile | null>(null)
  const target = shallowRef<TargetState | null>(null)
  const plan = shallowRef<SetupPlan | null>(null)
  const choices = ref<ImportChoices>(defaultImportChoices())
  const progress = ref<{ phase: ApplyPhase, done: number, total: number } | null>(null)
  const outcomes = shallowRef<TypeOutcome[]>([])

  async function exportTypes(entityTypeIds: number[]) {
    exportStatus.value = 'reading'
    exportError.value = null
    try {
      const gateway = context.requireGateway()
      const [state, rows] = await Promise.all([gateway.readTarget(entityTypeIds), gateway.listTypes()])
      const built = buildSetupFile({
        portal: context.portalName,
        now: new Date(),
        types: state.types,
        typeNames: rows.map(r => ({ entityTypeId: r.entityTypeId, title: r.title, code: r.code })),
      })
      exported.value = { text: stringifySetupFile(built), name: setupFileName(built), count: built.types.length }
      exportStatus.value = 'ready'
    }
    catch (e) {
      exportError.value = toAppError(e)
      exportStatus.value = 'error'
    }
  }

  function resetImport() {
    importStatus.value = 'idle'
    importError.value = null
    fileError.value = null
    file.value = null
    target.value = null
    plan.value = null
    choices.value = defaultImportChoices()
    progress.value = null
    outcomes.value = []
  }

  /** Reads the file (nothing is written for a bad one), then the portal, and plans. */
  async function readFile(text: string, byteLength: number) {
    resetImport()
    const parsed = parseSetupFile(text, byteLength)
    if (!parsed.ok) {
      fileError.value = parsed.error
      return
    }
    file.value = parsed.file
    await replan()
  }

  async function replan() {
    if (!file.value)
      return
    importStatus.value = 'planning'
    importError.value = null
    try {
      target.value = await context.requireGateway().readTarget()
      plan.value = planImport(file.value, target.value, choices.value)
      importStatus.value = 'planned'
    }
    catch (e) {
      importError.value = toAppError(e)
      importStatus.value = 'error'
    }
  }

  /** Re-plans with a changed choice against the read already made (no request). */
  function choose(next: ImportChoices) {
    choices.value = next
    if (file.value && target.value)
      plan.value = planImport(file.value, target.value, next)
  }

  async function apply() {
    const setup = file.value
    const before = plan.value
    if (!setup || !before || importStatus.value === 'applying')
      return
    importStatus.value = 'applying'
    importError.value = null
    // One journal entry per type the plan creates or changes, grouped, pending before the first write (issue 19).
    const journal = useJournalStore()
    const was = target.value
    const group = `import-${Date.now().toString(36)}`
    const planned = before.types.filter(t => t.action !== 'skip' && t.changes.length > 0)
    const prior = planned.map(t => (t.action === 'update' ? was?.types.find(x => x.entityTypeId === t.entityTypeId) ?? null : null))
    const handles = await journal.beginMany(planned.map((t, i) => pendingEntry(journal.start('import', prior[i] ?? { id: 0, entityTypeId: t.entityTypeId ?? 0, title: t.title }, { source: 'import', group }))))
    try {
      const run = await runImport(context.requireGateway(), setup, choices.value, before, (phase, done, total) => {
        progress.value = { phase, done, total }
      })
      outcomes.value = typeOutcomes(before, run.left, run.failures)
      void journal.settleMany(handles, (pending, i) => {
        const outcome = outcomes.value.find(o => o.sourceEntityTypeId === planned[i]!.sourceEntityTypeId)!
        const after = outcome.entityTypeId === null ? null : run.final.types.find(x => x.entityTypeId === outcome.entityTypeId) ?? null
        return importedEntry(pending, prior[i] ?? null, after, outcome)
      })
      target.value = run.final
      plan.value = run.left
      importStatus.value = 'done'
      void catalog.load()
    }
    catch (e) {
      importError.value = toAppError(e)
      importStatus.value = 'error'
      // What an import cut short did is not known here: the next read of each type tells (changed outside, if anything).
      void journal.settleMany(handles, pending => failedChange(pending, importError.value!.code, null))
    }
    finally {
      progress.value = null
    }
  }

  return { exportStatus, exportError, exported, exportTypes, importStatus, importError, fileError, file, target, plan, choices, progress, outcomes, readFile, replan, choose, apply, resetImport }
})

/** Each type of the plan as it ended, from the read after the last write (what the plan still lists did not stick). */
function typeOutcomes(before: SetupPlan, left: SetupPlan, failures: Map<number, string>): TypeOutcome[] {
  return before.types.map((t) => {
    const now = left.types.find(l => l.sourceEntityTypeId === t.sourceEntityTypeId)
    const error = failures.get(t.sourceEntityTypeId) ?? null
    const remaining = now?.changes ?? []
    const base = { sourceEntityTypeId: t.sourceEntityTypeId, title: t.title, entityTypeId: now?.entityTypeId ?? t.entityTypeId }
    if (t.action === 'skip' || (t.action === 'update' && t.changes.length === 0))
      return { ...base, result: 'unchanged', missed: [], error: null }
    if (now?.action === 'create')
      return { ...base, result: 'failed', missed: [], error: error ?? 'not_saved' }
    if (remaining.length === 0)
      return { ...base, result: 'applied', missed: [], error: null }
    return { ...base, result: 'partial', missed: remaining.map(c => c.name ? `${c.what}: ${c.name}` : c.what), error }
  })
}
