import type { ComputedRef } from 'vue'
import type { AppError } from '@/domain/errors'
import type { BulkTypeResult } from '@/domain/bulk/result'
import type { BulkUndoStatus, GroupUndoRow } from '@/stores/bulk-undo'
import { computed } from 'vue'
import { useBulkChangeStore } from '@/stores/bulk-change'
import { useBulkUndoStore } from '@/stores/bulk-undo'

/** What BulkUndoPanel shows. */
export interface GroupUndoPanelProps {
  rows: readonly GroupUndoRow[]
  toWrite: number
  status: BulkUndoStatus
  error: AppError | null
  busy: boolean
}

export interface UseBulkGroupUndoReturn {
  /** BulkUndoPanel's props. */
  panel: ComputedRef<GroupUndoPanelProps>
  /** The undo is being written (50 types a batch). */
  applying: ComputedRef<boolean>
  progress: ComputedRef<{ done: number, total: number } | null>
  cancelling: ComputedRef<boolean>
  /** How each type of the undo ended, once written. */
  results: ComputedRef<readonly BulkTypeResult[]>
  /** The run failed as a whole (not one type): its error. */
  runError: ComputedRef<AppError | null>
  /** Reads the group's types fresh and plans the undo of each. */
  prepare: (group: string) => Promise<void>
  /** Writes the undo; true when it ran to its end (each type has its result). */
  run: () => Promise<boolean>
  /** Stops before the next batch. */
  cancel: () => void
  /** Drops the plan (the dialog closed). */
  close: () => void
}

/**
 * The undo of a whole bulk change from the history (issue 20): the group
 * undo store and the bulk run it writes through, for BulkUndoModal (a
 * component: stores reach it through a composable). Loaded with that
 * modal's chunk only, so the history's own chunk holds none of the bulk
 * stores.
 */
export function useBulkGroupUndo(): UseBulkGroupUndoReturn {
  const undo = useBulkUndoStore()
  const bulk = useBulkChangeStore()
  const applying = computed(() => bulk.status === 'applying')

  async function run(): Promise<boolean> {
    await undo.run()
    return bulk.status === 'done'
  }

  return {
    panel: computed(() => ({ rows: undo.rows, toWrite: undo.toWrite, status: undo.status, error: undo.error, busy: applying.value })),
    applying,
    progress: computed(() => bulk.progress),
    cancelling: computed(() => bulk.cancelling),
    results: computed(() => bulk.results),
    runError: computed(() => bulk.status === 'error' ? bulk.error : null),
    prepare: group => undo.prepare(group),
    run,
    cancel: () => bulk.cancel(),
    close: () => undo.close(),
  }
}
