/**
 * Pipelines and stages of one type, matched between the file and the target
 * (issue 18; plan.ts puts them into the plan and the writes). Pure.
 */
import type { KeptDifference, PipelineSetup, SetupChange, StageSetup, TargetPipeline, TargetStage } from './types'
import { DEFAULT_PIPELINE_NAME, DEFAULT_PIPELINE_SORT, NEW_PIPELINE_STAGES } from './portal-defaults'
import { sameTitle } from './same-title'

export interface PipelineMatch {
  /** The file's pipelines by sort, each with its target pipeline, or null: to add. */
  pairs: { file: PipelineSetup, target: TargetPipeline | null }[]
  /** Exact mode: target pipelines the file lacks and the portal lets go. */
  deletes: TargetPipeline[]
  /** Exact mode: target pipelines the file lacks that stay (the default one). */
  undeletable: TargetPipeline[]
}

/**
 * The file's default pipeline is the target's default pipeline (the portal
 * made one with every type: rename it rather than add); the others match by
 * name, one to one.
 */
export function matchPipelines(fileP: readonly PipelineSetup[], targetP: readonly TargetPipeline[], exact: boolean): PipelineMatch {
  const files = [...fileP].sort((a, b) => a.sort - b.sort || a.sourceId - b.sourceId)
  const targets = [...targetP].sort((a, b) => a.sort - b.sort || a.id - b.id)
  const claimed = new Set<TargetPipeline>()
  const found = new Map<PipelineSetup, TargetPipeline>()
  const fileDefault = files.find(p => p.isDefault)
  const targetDefault = targets.find(p => p.isDefault)
  if (fileDefault && targetDefault) {
    found.set(fileDefault, targetDefault)
    claimed.add(targetDefault)
  }
  // By name, in id order: ids never change, so the same target wins every time (an
  // order by sort would change with the sorts this import writes).
  const byId = [...targets].sort((a, b) => a.id - b.id)
  for (const p of files) {
    if (found.has(p))
      continue
    const t = byId.find(x => !claimed.has(x) && sameTitle(x.name, p.name))
    if (t) {
      found.set(p, t)
      claimed.add(t)
    }
  }
  const pairs = files.map(p => ({ file: p, target: found.get(p) ?? null }))
  const deletes: TargetPipeline[] = []
  const undeletable: TargetPipeline[] = []
  if (exact) {
    const left = targets.filter(t => !claimed.has(t))
    for (const t of left) {
      // The default pipeline cannot be deleted (docs/platform.md "Pipelines and the recycle bin"), and a type keeps one.
      if (t.isDefault || (claimed.size === 0 && deletes.length === left.length - 1))
        undeletable.push(t)
      else
        deletes.push(t)
    }
  }
  return { pairs, deletes, undeletable }
}

/** The default pipeline a new type gets, as the plan imagines it before it exists (names in English). */
export function imaginedDefaultPipeline(): TargetPipeline {
  return { id: 0, name: DEFAULT_PIPELINE_NAME.en, sort: DEFAULT_PIPELINE_SORT, isDefault: true, stages: imaginedStages() }
}

export function imaginedStages(): TargetStage[] {
  return NEW_PIPELINE_STAGES.map((s, i) => ({ id: -(i + 1), code: s.code, name: s.name.en, sort: s.sort, semantics: s.semantics, color: s.color, system: s.system }))
}

export interface StagePlan {
  deletes: TargetStage[]
  updates: { file: StageSetup, target: TargetStage }[]
  adds: StageSetup[]
  lines: SetupChange[]
  kept: KeptDifference[]
}

const sameColor = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * Stages of one pipeline: matched by code, then by name with the same
 * semantics, and the file's success stage onto the target's (a pipeline
 * holds one). A matched stage is renamed, moved and recoloured; its
 * semantics cannot change (crm.status.update drops SEMANTICS, docs/platform.md
 * "Stages"), so exact mode replaces a stage of other semantics unless it is a
 * system one. `imagined`: the pipeline does not exist yet; its stage names
 * are unknown, so none matches by name.
 */
export function planStages(fileStages: readonly StageSetup[], targetStages: readonly TargetStage[], pipeline: string, exact: boolean, imagined: boolean): StagePlan {
  const files = [...fileStages].sort((a, b) => a.sort - b.sort)
  // Id order: stable whatever sorts this import writes.
  const targets = [...targetStages].sort((a, b) => a.id - b.id)
  const fileCodes = new Set(files.map(s => s.code))
  const found = new Map<StageSetup, TargetStage>()
  const claimed = new Set<TargetStage>()
  const pass = (same: (s: StageSetup, t: TargetStage) => boolean) => {
    for (const s of files) {
      if (found.has(s))
        continue
      const t = targets.find(x => !claimed.has(x) && same(s, x))
      if (t) {
        found.set(s, t)
        claimed.add(t)
      }
    }
  }
  // Exact mode replaces a stage of other semantics (unless it is a system one): it is no match then.
  pass((s, t) => s.code === t.code && (s.semantics === t.semantics || !exact || t.system))
  // A target stage whose code the file uses belongs to that code: taking it by name would block its re-creation.
  const free = (s: StageSetup, t: TargetStage) => t.code === s.code || !fileCodes.has(t.code)
  if (!imagined)
    pass((s, t) => free(s, t) && s.semantics === t.semantics && sameTitle(s.name, t.name))
  pass((s, t) => free(s, t) && s.semantics === 'success' && t.semantics === 'success')

  const plan: StagePlan = { deletes: [], updates: [], adds: [], lines: [], kept: [] }
  const shape = (x: StageSetup | TargetStage) => ({ code: x.code, name: x.name.trim(), sort: x.sort, semantics: x.semantics, color: x.color })
  for (const t of targets) {
    if (claimed.has(t) || !exact)
      continue
    const line: SetupChange = { what: 'stage', kind: 'remove', name: t.name, pipeline, before: shape(t) }
    if (t.system) {
      plan.kept.push({ ...line, reason: 'system_stage' })
    }
    else {
      plan.deletes.push(t)
      plan.lines.push(line)
    }
  }
  const adds: StageSetup[] = []
  for (const s of files) {
    const t = found.get(s)
    if (!t) {
      adds.push(s)
      continue
    }
    if (t.semantics !== s.semantics) {
      plan.kept.push({ what: 'stage', kind: 'change', name: s.name, pipeline, before: { semantics: t.semantics }, after: { semantics: s.semantics }, reason: 'semantics_fixed' })
    }
    if (s.name.trim() !== t.name || s.sort !== t.sort || !sameColor(s.color, t.color)) {
      plan.updates.push({ file: s, target: t })
      plan.lines.push({ what: 'stage', kind: 'change', name: s.name, pipeline, before: { name: t.name, sort: t.sort, color: t.color }, after: { name: s.name.trim(), sort: s.sort, color: s.color } })
    }
  }
  // One success stage per pipeline (crm.status.add refuses a second): it stays the target's.
  const deleted = new Set(plan.deletes)
  const successLeft = targets.some(t => t.semantics === 'success' && !deleted.has(t))
  for (const s of adds) {
    const line: SetupChange = { what: 'stage', kind: 'add', name: s.name, pipeline, after: shape(s) }
    if (s.semantics === 'success' && successLeft) {
      plan.kept.push({ ...line, reason: 'one_success_stage' })
      continue
    }
    plan.adds.push(s)
    plan.lines.push(line)
  }
  if (imagined) {
    // The pipeline is made by this import: what the plan calls a change is part of making it.
    plan.lines = plan.lines.map(l => (l.kind === 'change' ? { what: l.what, kind: 'add', name: l.name, pipeline: l.pipeline, after: l.after } : l))
  }
  return plan
}
