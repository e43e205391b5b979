/**
 * One change made to many smart processes at once (issue 20): pick the
 * types (filters, select all), pick the action, see per type what would
 * change on a fresh read, apply it 50 types a time with progress and a
 * cancel, and get a result per type from the read-back; retry the failed
 * ones. Every type written is journaled (kind `bulk`, one group), pending
 * before its chunk's write and completed after, so a closed tab leaves the
 * history telling what was applied. Loaded with the app page's bulk screen
 * only.
 */
import type { AppError } from '@/domain/errors'
import type { BulkAction, BulkFilter, TypeAction } from '@/domain/bulk/action'
import type { PlacementPlan } from '@/domain/bulk/placements'
import type { BulkTypePlan } from '@/domain/bulk/plan'
import type { BulkTarget, BulkTypeResult } from '@/domain/bulk/result'
import type { EntryStart, JournalEntry } from '@/domain/journal/entry'
import type { CrmTypeName, SmartProcessType } from '@/domain/types'
import type { RunHandle } from './journal'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { emptyFilter, isTypeAction, matchesFilter } from '@/domain/bulk/action'
import { newGroupId } from '@/domain/bulk/group'
import { planPlacements } from '@/domain/bulk/placements'
import { goneTypePlan, needsPipelines, planBulkType } from '@/domain/bulk/plan'
import { isRetryable, stepResult } from '@/domain/bulk/result'
import { toAppError } from '@/domain/errors'
import { runBulk } from '@/portal/bulk-apply'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useInstallStore } from './install'
import { useJournalStore } from './journal'

export type BulkStatus = 'idle' | 'loading' | 'ready' | 'previewing' | 'previewed' | 'applying' | 'done' | 'error'

/** How the journal sees one run: its kind, its group, and for an undo the entry each type's write undoes. */
export interface RunJournal {
  kind: 'bulk' | 'undo'
  group: string
  undoes?: (entityTypeId: number) => number | null
}

export const useBulkChangeStore = defineStore('bulk-change', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const install = useInstallStore()
  const journal = useJournalStore()

  const status = ref<BulkStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  /** Every smart process, read one by one (with relations, for the "linked to" filter). */
  const types = shallowRef<SmartProcessType[]>([])
  /** Every CRM type a link can point to. */
  const names = shallowRef<CrmTypeName[]>([])
  const filter = ref<BulkFilter>(emptyFilter())
  const selected = ref<number[]>([])
  const action = shallowRef<BulkAction | null>(null)
  /** The preview: per selected type, on a fresh read. */
  const plans = shallowRef<BulkTypePlan[]>([])
  const placementPlans = shallowRef<PlacementPlan[]>([])
  const progress = ref<{ done: number, total: number } | null>(null)
  const cancelling = ref(false)
  const results = shallowRef<BulkTypeResult[]>([])
  /** What the last run was: the action, or a group's undo (its failed ones are retried from the undo, not with the action). */
  const runKind = ref<RunJournal['kind'] | null>(null)
  /** The journal group of the last run (its entries, for the group's undo). */
  const group = ref<string | null>(null)
  /** The entries the last run wrote, completed: what the group's undo goes back from. */
  const entries = shallowRef<JournalEntry[]>([])

  const shown = computed(() => types.value.filter(t => matchesFilter(t, filter.value)))
  const selectedTypes = computed(() => types.value.filter(t => selected.value.includes(t.entityTypeId)))
  const retryable = computed(() => results.value.filter(isRetryable))

  function fail(e: unknown) {
    error.value = toAppError(e)
    status.value = 'error'
  }

  /** Reads every smart process one by one (the list omits relations): the list plus a batch per 50. */
  async function load() {
    // A run going on keeps its status (the screen opened again meanwhile shows its progress).
    if (!context.canEdit || status.value === 'applying')
      return
    status.value = 'loading'
    error.value = null
    try {
      const read = await context.requireGateway().readTypes()
      types.value = read.types.sort((a, b) => a.title.localeCompare(b.title, undefined, { numeric: true }))
      names.value = read.names
      selected.value = selected.value.filter(id => read.types.some(t => t.entityTypeId === id))
      status.value = 'ready'
    }
    catch (e) {
      fail(e)
    }
  }

  function setSelected(ids: number[]) {
    selected.value = [...new Set(ids)]
  }

  /** Every type the filter shows is selected, or (when all already are) none of them. */
  function toggleShown() {
    const ids = shown.value.map(t => t.entityTypeId)
    const all = ids.every(id => selected.value.includes(id))
    setSelected(all ? selected.value.filter(id => !ids.includes(id)) : [...selected.value, ...ids])
  }

  function setAction(next: BulkAction | null) {
    action.value = next
    plans.value = []
    placementPlans.value = []
    if (status.value === 'previewed')
      status.value = 'ready'
  }

  /** What would change, per selected type, on a fresh read of each (relations merged with it). */
  async function preview() {
    const a = action.value
    if (!a || selected.value.length === 0 || !context.canEdit)
      return
    status.value = 'previewing'
    error.value = null
    try {
      if (isTypeAction(a)) {
        const read = await context.requireGateway().readTypes(selected.value, { names: false, pipelines: needsPipelines(a) })
        plans.value = selectedTypes.value.map((t) => {
          const fresh = read.types.find(x => x.entityTypeId === t.entityTypeId)
          return fresh ? planBulkType(a, fresh, read.pipelines?.get(t.entityTypeId)?.length ?? null) : goneTypePlan(t)
        })
        // The list shows what the portal holds now.
        types.value = types.value.map(t => read.types.find(x => x.entityTypeId === t.entityTypeId) ?? t)
      }
      else {
        await install.loadBindings()
        placementPlans.value = planPlacements(a.op, selectedTypes.value, install.coverage)
      }
      status.value = 'previewed'
    }
    catch (e) {
      fail(e)
    }
  }

  /**
   * Runs a change over the targets, chunk by chunk, journaling each type
   * written (also the group's undo). Answers the results; never throws for
   * one type's failure.
   */
  async function run(targets: BulkTarget[], planFor: (fresh: SmartProcessType, pipelines: number | null) => BulkTypePlan, how: RunJournal, pipelines = false): Promise<BulkTypeResult[]> {
    status.value = 'applying'
    error.value = null
    cancelling.value = false
    group.value = how.group
    runKind.value = how.kind
    const done: BulkTypeResult[] = []
    const written: JournalEntry[] = []
    results.value = []
    const start = (fresh: SmartProcessType): EntryStart => ({ ...journal.start(how.kind, fresh, { source: 'app', group: how.group }), undoes: how.undoes?.(fresh.entityTypeId) ?? null })
    const hooks = journal.runHooks(start, entries => written.push(...entries.filter(e => e.outcome === 'applied' || e.outcome === 'partial')))
    try {
      await runBulk<RunHandle>(context.requireGateway(), targets, planFor, {
        pipelines,
        beforeWrite: hooks.beforeWrite,
        afterChunk: async (steps, handle) => {
          done.push(...steps.map(stepResult))
          results.value = [...done]
          await hooks.afterChunk(steps, handle)
        },
        stopped: () => cancelling.value,
        onProgress: (d, total) => {
          progress.value = { done: d, total }
        },
      })
      entries.value = written
      status.value = 'done'
    }
    catch (e) {
      fail(e)
    }
    finally {
      progress.value = null
      cancelling.value = false
      void catalog.load()
    }
    return done
  }

  /** Applies the action to every selected type (each planned again on its fresh read). */
  async function apply() {
    const a = action.value
    if (!a || status.value === 'applying' || !context.canEdit)
      return
    if (!isTypeAction(a))
      return applyPlacements(a.op, selectedTypes.value)
    await applyTo(a, selectedTypes.value, newGroupId('bulk'))
  }

  function applyTo(a: TypeAction, targets: readonly BulkTarget[], groupId: string) {
    return run(targets.map(t => ({ entityTypeId: t.entityTypeId, title: t.title })), (fresh, pipelines) => planBulkType(a, fresh, pipelines), { kind: 'bulk', group: groupId }, needsPipelines(a))
  }

  /** The failed (and cancelled, partly applied, unverified) ones again, in the same journal group. */
  async function retryFailed() {
    const a = action.value
    const again = retryable.value
    if (!a || again.length === 0 || status.value === 'applying' || runKind.value === 'undo')
      return
    if (!isTypeAction(a))
      return applyPlacements(a.op, again)
    const kept = results.value.filter(r => !isRetryable(r))
    const earlier = entries.value
    const next = await applyTo(a, again, group.value ?? newGroupId('bulk'))
    results.value = [...kept, ...next]
    // The group's undo goes back from every entry of the group, not only the retry's (a type written twice: the newest wins there).
    if (entries.value !== earlier)
      entries.value = [...earlier, ...entries.value]
  }

  /** Stops before the next chunk; the one being written finishes. */
  function cancel() {
    if (status.value === 'applying')
      cancelling.value = true
  }

  /** The app's placements: bound in batches (install's path), unbound in batches, then verified by placement.get. */
  async function applyPlacements(op: 'bind' | 'unbind', targets: readonly BulkTarget[]) {
    if (!install.canBind)
      return
    status.value = 'applying'
    runKind.value = 'bulk'
    error.value = null
    progress.value = { done: 0, total: targets.length }
    const ids = targets.map(t => t.entityTypeId)
    let failure: AppError | null = null
    try {
      if (op === 'bind')
        await install.bindTypes(ids)
      else
        await install.unbindTypes(ids)
    }
    catch (e) {
      failure = toAppError(e)
    }
    try {
      await install.loadBindings()
      const left = planPlacements(op, targets, install.coverage)
      results.value = left.map(p => ({
        entityTypeId: p.entityTypeId,
        title: p.title,
        result: p.status === 'nothing' ? 'applied' : 'failed',
        block: null,
        missed: p.placements,
        error: p.status === 'nothing' ? null : failure?.code ?? 'not_saved',
        detail: failure?.detail ?? '',
      }))
      status.value = 'done'
    }
    catch (e) {
      fail(e)
    }
    finally {
      progress.value = null
    }
  }

  /** Back to picking (the selection and the action stay). */
  function backToPicking() {
    results.value = []
    plans.value = []
    placementPlans.value = []
    status.value = types.value.length > 0 ? 'ready' : 'idle'
  }

  return { status, error, runKind, types, names, filter, selected, action, plans, placementPlans, progress, cancelling, results, group, entries, shown, selectedTypes, retryable, load, setSelected, toggleShown, setAction, preview, run, apply, retryFailed, cancel, backToPicking }
})
