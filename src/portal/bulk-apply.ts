/**
 * Applies one change to many smart processes (issue 20), 50 types at a
 * time: each chunk is read fresh (one batch), planned on that read (so the
 * full overwrite of relations keeps every link made meanwhile), written
 * (one batch of at most 50 crm.type.update, paced under the rate limit by
 * applyWrites) and read back to verify (one batch). A cancel stops before
 * the next chunk; one type failing never stops the others; a read that
 * fails as a whole fails its chunk, not the run.
 */
import type { SmartProcessGateway } from './gateway'
import type { BulkTypePlan } from '@/domain/bulk/plan'
import type { BulkStep, BulkTarget } from '@/domain/bulk/result'
import type { SetupWrite } from '@/domain/setup/types'
import type { SmartProcessType } from '@/domain/types'
import { goneTypePlan } from '@/domain/bulk/plan'
import { RELATION_SIDES } from '@/domain/relations'
import { failedWrite } from './setup-common'

/**
 * Types a chunk: one batch's worth (rest-client's BATCH_LIMIT, 50). Not imported from rest-client: that would
 * split rest-client out of the card tab's connect chunk into one of its own (+0.8 KB gzip on the tab, npm run bench).
 */
const BATCH_LIMIT = 50

export interface BulkRunOptions<H> {
  /** Read each type's pipelines too (pipelines off is refused while there are several). */
  pipelines: boolean
  /** Before a chunk's writes, with the steps that will be written (the journal's pending entries). */
  beforeWrite: (steps: BulkStep[]) => Promise<H>
  /** After a chunk: every step of it, written or not. */
  afterChunk: (steps: BulkStep[], handle: H | null) => void | Promise<void>
  /** Asked before each chunk: true stops the run there. */
  stopped: () => boolean
  /** Types done so far, of all. */
  onProgress: (done: number, total: number) => void
}

function blankStep(target: BulkTarget): BulkStep {
  return { target, fresh: null, plan: null, write: null, saved: null, error: null, cancelled: false }
}

async function runChunk<H>(
  gateway: Pick<SmartProcessGateway, 'readTypes' | 'applyWrites'>,
  chunk: BulkTarget[],
  planFor: (fresh: SmartProcessType, pipelines: number | null) => BulkTypePlan,
  options: BulkRunOptions<H>,
): Promise<BulkStep[]> {
  const steps = chunk.map(blankStep)
  try {
    const read = await gateway.readTypes(chunk.map(t => t.entityTypeId), { names: false, pipelines: options.pipelines })
    for (const step of steps) {
      const fresh = read.types.find(t => t.entityTypeId === step.target.entityTypeId) ?? null
      step.fresh = fresh
      step.plan = fresh ? planFor(fresh, read.pipelines?.get(fresh.entityTypeId)?.length ?? null) : goneTypePlan(step.target)
    }
  }
  catch (e) {
    const { error, detail } = failedWrite(e)
    steps.forEach((s) => {
      s.error = { code: error, detail }
    })
    await options.afterChunk(steps, null)
    return steps
  }
  const writing = steps.filter(s => s.plan?.status === 'change')
  if (writing.length === 0) {
    await options.afterChunk(steps, null)
    return steps
  }
  const handle = await options.beforeWrite(writing)
  // Only the relation sides a type's links change are sent: fewer links at stake, and most writes still ride in a batch.
  const writes: SetupWrite[] = writing.map(s => ({ kind: 'update_type', entityTypeId: s.fresh!.entityTypeId, id: s.fresh!.id, changes: s.plan!.changes, sides: RELATION_SIDES.filter(side => s.plan!.links.some(l => l.side === side)) }))
  const results = await gateway.applyWrites(writes)
  writing.forEach((s, i) => {
    s.write = results[i] ?? { ok: false, error: 'malformed_response', detail: 'no answer for this write' }
  })
  const landed = writing.filter(s => s.write?.ok)
  if (landed.length > 0) {
    try {
      const back = await gateway.readTypes(landed.map(s => s.target.entityTypeId), { names: false })
      for (const s of landed) {
        s.saved = back.types.find(t => t.entityTypeId === s.target.entityTypeId) ?? null
        if (!s.saved)
          s.error = { code: 'not_found', detail: 'deleted right after the write' }
      }
    }
    catch (e) {
      const { error, detail } = failedWrite(e)
      landed.forEach((s) => {
        s.error = { code: error, detail }
      })
    }
  }
  await options.afterChunk(steps, handle)
  return steps
}

/** Runs the change over every target, chunk by chunk; answers one step per target, in order. */
export async function runBulk<H>(
  gateway: Pick<SmartProcessGateway, 'readTypes' | 'applyWrites'>,
  targets: readonly BulkTarget[],
  planFor: (fresh: SmartProcessType, pipelines: number | null) => BulkTypePlan,
  options: BulkRunOptions<H>,
): Promise<BulkStep[]> {
  const out: BulkStep[] = []
  options.onProgress(0, targets.length)
  for (let i = 0; i < targets.length; i += BATCH_LIMIT) {
    const chunk = targets.slice(i, i + BATCH_LIMIT)
    if (options.stopped()) {
      const rest = targets.slice(i).map(t => ({ ...blankStep(t), cancelled: true }))
      await options.afterChunk(rest, null)
      out.push(...rest)
      break
    }
    out.push(...await runChunk(gateway, chunk, planFor, options))
    options.onProgress(out.length, targets.length)
  }
  return out
}
