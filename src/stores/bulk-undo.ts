/**
 * Undoing a whole bulk change (issue 20): every type of the journal group
 * goes back through the same plan as one entry's undo (domain/journal/undo.ts),
 * on a fresh read: a value still as the change left it goes back, one
 * changed again since is kept (the safe default, said per type), a link to
 * a type deleted since cannot come back. Written by the bulk run (50 types
 * a time, verified, journaled as undos linked to each entry). One type
 * alone is undone from its own history entry.
 */
import type { AppError } from '@/domain/errors'
import type { BulkTypePlan } from '@/domain/bulk/plan'
import type { JournalEntry } from '@/domain/journal/entry'
import type { SmartProcessType } from '@/domain/types'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { groupStart, newGroupId } from '@/domain/bulk/group'
import { changePlan, goneTypePlan } from '@/domain/bulk/plan'
import { toAppError } from '@/domain/errors'
import { isUndoableChange, planUndo, undoChanges } from '@/domain/journal/undo'
import { useBulkChangeStore } from './bulk-change'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useJournalStore } from './journal'

export type BulkUndoStatus = 'idle' | 'reading' | 'ready' | 'error'

/** One type of the group's undo, as previewed. */
export interface GroupUndoRow {
  entry: JournalEntry
  plan: BulkTypePlan
  /** Values and links changed again since the bulk change: kept as they are now. */
  kept: number
  /** Links to types deleted since: they cannot come back. */
  gone: number
}

/** The newest undoable entry of each type of the group (a retry may have added one). */
function latestPerType(entries: readonly JournalEntry[]): JournalEntry[] {
  const out = new Map<number, JournalEntry>()
  for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    if (isUndoableChange(e))
      out.set(e.type.entityTypeId, e)
  }
  return [...out.values()]
}

export const useBulkUndoStore = defineStore('bulk-undo', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const journal = useJournalStore()
  const bulk = useBulkChangeStore()

  const status = ref<BulkUndoStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  const group = ref<string | null>(null)
  const rows = shallowRef<GroupUndoRow[]>([])
  const toWrite = computed(() => rows.value.filter(r => r.plan.status === 'change').length)
  let generation = 0

  const exists = (entityTypeId: number) => !catalog.isDeleted(entityTypeId)

  function plan(entry: JournalEntry, fresh: SmartProcessType) {
    const undo = planUndo(entry, fresh, exists)
    // No choices: whatever changed again since stays as it is now.
    return { undo, write: changePlan(fresh, undoChanges(undo, {}, fresh).changes) }
  }

  /** The group's entries from the journal: its kind, from the moment it began, every page. */
  async function entriesOf(groupId: string): Promise<JournalEntry[]> {
    const from = groupStart(groupId) ?? new Date(0)
    const out: JournalEntry[] = []
    let start: number | undefined
    do {
      const page = await journal.list({ kind: 'bulk', from, start })
      out.push(...page.entries.filter(e => e.group === groupId))
      start = page.next ?? undefined
    } while (start !== undefined)
    return out
  }

  /** Reads the group's types fresh and plans each one's undo. `known`: the entries when the screen has them (no journal read). */
  async function prepare(groupId: string, known?: readonly JournalEntry[]) {
    const gen = ++generation
    group.value = groupId
    rows.value = []
    error.value = null
    status.value = 'reading'
    try {
      const entries = latestPerType(known ?? await entriesOf(groupId))
      const read = await context.requireGateway().readTypes(entries.map(e => e.type.entityTypeId), { names: false })
      if (gen !== generation)
        return
      rows.value = entries.map((entry) => {
        const fresh = read.types.find(t => t.entityTypeId === entry.type.entityTypeId)
        if (!fresh)
          return { entry, plan: goneTypePlan({ entityTypeId: entry.type.entityTypeId, title: entry.type.title }), kept: 0, gone: 0 }
        const { undo, write } = plan(entry, fresh)
        const all = [...undo.fields, ...undo.links]
        return { entry, plan: write, kept: all.filter(x => x.status === 'conflict').length, gone: all.filter(x => x.status === 'gone').length }
      })
      status.value = 'ready'
    }
    catch (e) {
      if (gen === generation) {
        error.value = toAppError(e)
        status.value = 'error'
      }
    }
  }

  /** Undoes every type of the group (each planned again on its fresh read), through the bulk run. */
  async function run() {
    const entries = rows.value.map(r => r.entry)
    if (entries.length === 0 || !context.canEdit)
      return
    const byType = new Map(entries.map(e => [e.type.entityTypeId, e]))
    await bulk.run(
      entries.map(e => ({ entityTypeId: e.type.entityTypeId, title: e.type.title })),
      fresh => plan(byType.get(fresh.entityTypeId)!, fresh).write,
      { kind: 'undo', group: newGroupId('undo'), undoes: id => byType.get(id)?.id ?? null },
    )
    // A run that failed as a whole keeps the plan, so Undo can be asked again.
    if (bulk.status !== 'error')
      close()
  }

  function close() {
    generation++
    status.value = 'idle'
    rows.value = []
    group.value = null
    error.value = null
  }

  return { status, error, group, rows, toWrite, prepare, run, close }
})
