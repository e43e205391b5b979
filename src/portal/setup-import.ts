import type { SmartProcessGateway } from './gateway'
import type { ImportChoices, SetupFile, SetupPlan, SetupWrite, TargetState, WriteResult } from '@/domain/setup/types'
import type { ImportPhase } from '@/domain/setup/plan'
import { choicesAfterCreate, IMPORT_PHASES, planImport, writesFor } from '@/domain/setup/plan'

export type ApplyPhase = ImportPhase

export interface ImportRun {
  /** The portal as read after the last write. */
  final: TargetState
  /** What is still to change after it: empty for a type that fully stuck. */
  left: SetupPlan
  /** The choices with created types pinned to their new entityTypeIds. */
  choices: ImportChoices
  /** The first failed write's error code, by the file type (source entityTypeId) it belongs to. */
  failures: Map<number, string>
  writes: number
}

/**
 * Applies a setup file to a portal (issue 18; docs/setup-file.md "Import"),
 * phase by phase: each phase is planned on a fresh read, because it needs
 * ids the earlier ones made and Bitrix24 adds a default pipeline with its
 * stages to every new type and pipeline. After 'types', a created type is
 * updated by its new id (choicesAfterCreate). The gateway batches each phase's writes (≤ 50 a request, under the
 * rate limit); a final read verifies what stuck.
 */
export async function runImport(
  gateway: Pick<SmartProcessGateway, 'readTarget' | 'applyWrites'>,
  file: SetupFile,
  start: ImportChoices,
  plan: SetupPlan,
  onProgress?: (phase: ApplyPhase, done: number, total: number) => void,
): Promise<ImportRun> {
  const failures = new Map<number, string>()
  let choices = start
  let count = 0
  for (const phase of IMPORT_PHASES) {
    const state = await gateway.readTarget()
    if ((phase === 'pipelines' || phase === 'stages') && !state.pipelinesSupported)
      continue
    const writes = writesFor(phase, file, state, choices)
    if (writes.length === 0)
      continue
    count += writes.length
    onProgress?.(phase, 0, writes.length)
    const results = await gateway.applyWrites(writes, (done, total) => onProgress?.(phase, done, total))
    choices = afterWrites(choices, writes, results, failures, plan)
  }
  const final = await gateway.readTarget()
  return { final, left: planImport(file, final, choices), choices, failures, writes: count }
}

/** Created types are updated by id from now on; a failed write is kept by the file type it belongs to. */
function afterWrites(c: ImportChoices, writes: SetupWrite[], results: WriteResult[], failures: Map<number, string>, plan: SetupPlan): ImportChoices {
  const created: { sourceEntityTypeId: number, entityTypeId: number }[] = []
  writes.forEach((w, i) => {
    const r = results[i]
    if (w.kind === 'create_type' && r?.ok && r.entityTypeId !== undefined)
      created.push({ sourceEntityTypeId: w.sourceEntityTypeId, entityTypeId: r.entityTypeId })
  })
  const next = choicesAfterCreate(c, created)
  const sourceOf = (w: SetupWrite): number | null => {
    if (w.kind === 'create_type')
      return w.sourceEntityTypeId
    for (const [source, t] of Object.entries(next.targets)) {
      if (t.kind === 'update' && t.entityTypeId === w.entityTypeId)
        return Number(source)
    }
    return plan.types.find(t => t.entityTypeId === w.entityTypeId)?.sourceEntityTypeId ?? null
  }
  writes.forEach((w, i) => {
    const r = results[i]
    const source = r && !r.ok ? sourceOf(w) : null
    if (r && !r.ok && source !== null && !failures.has(source))
      failures.set(source, r.error)
  })
  return next
}
