/**
 * How each type of a bulk change ended (issue 20), from what was read,
 * written and read back: every type is applied, partly applied naming what
 * did not stick, unchanged, left out with its reason, or failed with its
 * error; none is left unsaid. Pure: no Vue, no I/O.
 */
import type { BulkBlock, BulkTypePlan } from './plan'
import type { AppErrorCode } from '@/domain/errors'
import type { WriteResult } from '@/domain/setup/types'
import type { SmartProcessType, TypeChanges } from '@/domain/types'
import { linkChangesBetween, linkKey } from '@/domain/journal/entry'
import { emptyRelationSet, findRelation, normalizeRelations } from '@/domain/relations'
import { unsavedFields } from '@/domain/settings-fields'

/** A type to change: its id and its title as last read (for a type found gone). */
export interface BulkTarget {
  entityTypeId: number
  title: string
}

/** One type's run: what was read, planned, written and read back. */
export interface BulkStep {
  target: BulkTarget
  /** The read just before the write; null when not read (cancelled, the read failed) or gone. */
  fresh: SmartProcessType | null
  /** null when not read. */
  plan: BulkTypePlan | null
  /** The write's answer; null when nothing was written. */
  write: WriteResult | null
  /** The read after the write; null when not written, or not read back. */
  saved: SmartProcessType | null
  /** Why the type could not be read or read back (an AppError code and the portal's text). */
  error: { code: AppErrorCode, detail: string } | null
  /** Stopped by the user before its chunk. */
  cancelled: boolean
}

/**
 * - `unverified`: written, but the read-back failed: it may or may not have stuck.
 * - `cancelled`: not touched, the run was stopped before it.
 */
export type BulkResultKind = 'applied' | 'partial' | 'unchanged' | 'blocked' | 'failed' | 'unverified' | 'cancelled'

export interface BulkTypeResult {
  entityTypeId: number
  title: string
  result: BulkResultKind
  block: BulkBlock | null
  /** Partial: field keys and links (`parent:2`) sent that the portal did not keep. */
  missed: string[]
  /** failed / unverified: the AppError code and the portal's own text. */
  error: AppErrorCode | null
  detail: string
}

/** What was sent and the read-back does not hold: fields, and links not as asked. */
export function missedAfterWrite(fresh: SmartProcessType, changes: TypeChanges, saved: SmartProcessType): string[] {
  const fields: string[] = unsavedFields(changes, saved)
  if (!changes.relations)
    return fields
  const now = saved.relations ?? emptyRelationSet()
  const links = linkChangesBetween(normalizeRelations(fresh.relations ?? emptyRelationSet()), changes.relations)
    .filter((l) => {
      const r = findRelation(now, l.side, l.entityTypeId)
      return (r ? r.isChildrenListEnabled : null) !== l.after
    })
    .map(linkKey)
  return [...fields, ...links]
}

export function stepResult(step: BulkStep): BulkTypeResult {
  const base = { entityTypeId: step.target.entityTypeId, title: step.fresh?.title ?? step.target.title, block: null, missed: [], error: null, detail: '' }
  if (step.cancelled)
    return { ...base, result: 'cancelled' }
  if (!step.plan)
    return { ...base, result: 'failed', error: step.error?.code ?? 'unknown', detail: step.error?.detail ?? '' }
  if (step.plan.block === 'gone')
    return { ...base, result: 'failed', error: 'not_found', detail: '' }
  if (step.plan.status === 'blocked')
    return { ...base, result: 'blocked', block: step.plan.block }
  if (step.plan.status === 'nothing')
    return { ...base, result: 'unchanged' }
  if (step.write && !step.write.ok)
    return { ...base, result: 'failed', error: step.write.error, detail: step.write.detail }
  if (!step.saved) {
    const gone = step.error?.code === 'not_found'
    return { ...base, result: gone ? 'failed' : 'unverified', error: step.error?.code ?? 'unknown', detail: step.error?.detail ?? '' }
  }
  const missed = missedAfterWrite(step.fresh!, step.plan.changes, step.saved)
  return { ...base, title: step.saved.title, result: missed.length > 0 ? 'partial' : 'applied', missed }
}

/** The results worth another try: not applied, nothing refused for good. */
export function isRetryable(r: BulkTypeResult): boolean {
  return r.result === 'failed' || r.result === 'partial' || r.result === 'unverified' || r.result === 'cancelled'
}
