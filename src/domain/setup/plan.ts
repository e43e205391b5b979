/**
 * The import planner (issue 18): what a setup file would change on a target
 * portal, and the writes that bring the target to it, phase by phase.
 *
 * Matching. Each type of the file updates a type of the target, is created,
 * or is skipped: the user's choice (ImportChoices.targets) first, then a
 * target type with the same code, then one with the same title (trimmed,
 * case-insensitive); one target type takes one file type. Nothing found:
 * create, keeping the source's entityTypeId when the target allows it.
 *
 * Title and code of a matched type. Merge mode leaves them as the target has
 * them (a portal's own names stay its own; the code is what its integrations
 * know) and shows the difference in `kept`. Exact mode, or a target the user
 * chose by hand, sets both; a code another target type holds is never set.
 *
 * Merge never removes: links, pipelines and stages the target has stay.
 * Exact also removes what the file lacks, except what the portal keeps
 * anyway (predefined links, the default pipeline, system stages).
 *
 * Phases. Writes come in four phases, each computed by `writesFor` from a
 * fresh read taken after the previous phase ran, because a phase needs what
 * the previous one made: 'types' (create types, set title, code, flags,
 * linkedUserFields), 'relations' (whole sets: crm.type.update overwrites
 * them, docs/platform.md "Relations"), 'pipelines' (the portal gave each new
 * type a default pipeline: the file's default pipeline renames it), 'stages'
 * (the portal gave each new pipeline five stages: the file's stages rename,
 * add, and in exact mode remove them). After 'types', turn each create into
 * an update of the created type with `choicesAfterCreate`.
 *
 * Idempotent: when the target already matches the file, the plan says
 * nothingToChange and no phase has a write (plan.property.test.ts).
 */
import type { FlagKey, LinkedUserFields } from '@/domain/flags'
import type { FieldDraft, FieldKey } from '@/domain/settings-fields'
import type { RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import type {
  ImportChoices,
  KeptDifference,
  PipelineSetup,
  RelationSetup,
  SetupChange,
  SetupFile,
  SetupPlan,
  SetupWrite,
  TargetPipeline,
  TargetState,
  TargetType,
  TypePlan,
  TypeSetup,
} from './types'
import { standardTypeNames, validateEntityTypeId } from '@/domain/entity-type-id'
import { defaultFlags, defaultLinkedUserFields, FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { diffRelations, RELATION_SIDES, relationsEqual } from '@/domain/relations'
import { changesFor } from '@/domain/settings-fields'
import type { Edge } from './edges'
import { edgeKey, edgesOf, setOf } from './edges'
import { REFUSABLE_WHEN_OFF } from './portal-defaults'
import type { PipelineMatch, StagePlan } from './plan-stages'
import { imaginedDefaultPipeline, imaginedStages, matchPipelines, planStages } from './plan-stages'
import { sameTitle } from './same-title'

/** The write phases, in the order they run. */
export type ImportPhase = 'types' | 'relations' | 'pipelines' | 'stages'
export const IMPORT_PHASES: readonly ImportPhase[] = ['types', 'relations', 'pipelines', 'stages']

/** The planner's default choices: merge, match automatically, no relation mapped. */
export function defaultImportChoices(): ImportChoices {
  return { mode: 'merge', targets: {}, relationTargets: {} }
}

/**
 * docs/platform.md "Where sources disagree" (entityTypeId upper bound): the
 * docs leave it open whether 192 is allowed, so the app never asks for it.
 */
const NEVER_ASKED_ID = 192

// ─── matching ──────────────────────────────────────────────────────────


function emptyToNull(code: string | null | undefined): string | null {
  return code === null || code === undefined || code.trim() === '' ? null : code.trim()
}

function sameCode(a: string | null, b: string | null): boolean {
  const x = emptyToNull(a)
  return x !== null && x === emptyToNull(b)
}

type Resolution =
  | { action: 'skip', file: TypeSetup, index: number, matchedBy: 'chosen' | null }
  | {
    action: 'update'
    file: TypeSetup
    index: number
    target: TargetType
    matchedBy: 'code' | 'title' | 'chosen'
    /** The file's code is held by another type of the target, or given to another type of this import. */
    codeTaken: boolean
  }
  | {
    action: 'create'
    file: TypeSetup
    index: number
    /** The entityTypeId asked for; null: the portal picks. */
    requestedId: number | null
    /** What relations of this plan call it before it exists: requestedId, or a negative placeholder. */
    key: number
    /** The code it is created with: null when another type already holds the file's. */
    code: string | null
  }

type CreateResolution = Extract<Resolution, { action: 'create' }>
type UpdateResolution = Extract<Resolution, { action: 'update' }>

function resolveTypes(file: SetupFile, target: TargetState, choices: ImportChoices): Resolution[] {
  const out: (Resolution | undefined)[] = Array.from({ length: file.types.length })
  const claimed = new Set<number>()
  const toCreate = new Set<number>()
  const take = (t: TargetType) => {
    claimed.add(t.entityTypeId)
    return t
  }
  // The user's word first: a chosen target is taken before any automatic match.
  file.types.forEach((f, index) => {
    const choice = choices.targets[f.entityTypeId]
    if (!choice)
      return
    if (choice.kind === 'skip') {
      out[index] = { action: 'skip', file: f, index, matchedBy: 'chosen' }
    }
    else if (choice.kind === 'create') {
      toCreate.add(index)
    }
    else {
      // A target gone since the choice, or chosen twice: skipped rather than guessed.
      const t = target.types.find(x => x.entityTypeId === choice.entityTypeId && !claimed.has(x.entityTypeId))
      out[index] = t ? { action: 'update', file: f, index, target: take(t), matchedBy: 'chosen', codeTaken: false } : { action: 'skip', file: f, index, matchedBy: 'chosen' }
    }
  })
  const pass = (matchedBy: 'code' | 'title', same: (f: TypeSetup, t: TargetType) => boolean) => {
    // A candidate with the source's own entityTypeId first (a type an earlier import
    // created keeps it), so two types of one title find their own again.
    for (const sameId of [true, false]) {
      file.types.forEach((f, index) => {
        if (out[index] || toCreate.has(index))
          return
        const t = target.types.find(x => !claimed.has(x.entityTypeId) && (!sameId || x.entityTypeId === f.entityTypeId) && same(f, x))
        if (t)
          out[index] = { action: 'update', file: f, index, target: take(t), matchedBy, codeTaken: false }
      })
    }
  }
  pass('code', (f, t) => sameCode(f.code, t.code))
  pass('title', (f, t) => sameTitle(f.title, t.title))

  const takenIds = new Set([...target.knownEntityTypeIds, ...target.types.map(t => t.entityTypeId)])
  file.types.forEach((f, index) => {
    if (out[index])
      return
    const keep = f.entityTypeId !== NEVER_ASKED_ID && validateEntityTypeId(f.entityTypeId, takenIds).ok
    const requestedId = keep ? f.entityTypeId : null
    if (requestedId !== null)
      takenIds.add(requestedId)
    out[index] = { action: 'create', file: f, index, requestedId, key: requestedId ?? -(index + 1), code: null }
  })

  // The import never gives two types one code, so that matching by code stays
  // unambiguous: in file order, a code goes to the first type that sets it.
  const heldCodes = new Set(target.types.flatMap(t => emptyToNull(t.code) ?? []))
  const resolved = out as Resolution[]
  for (const r of resolved) {
    const wanted = emptyToNull(r.file.code)
    if (wanted === null)
      continue
    if (r.action === 'create') {
      r.code = heldCodes.has(wanted) ? null : wanted
      heldCodes.add(wanted)
    }
    else if (r.action === 'update' && wanted !== emptyToNull(r.target.code) && (choices.mode === 'exact' || r.matchedBy === 'chosen')) {
      r.codeTaken = heldCodes.has(wanted)
      heldCodes.add(wanted)
    }
  }
  return resolved
}

// ─── context ───────────────────────────────────────────────────────────

interface Ctx {
  file: SetupFile
  target: TargetState
  choices: ImportChoices
  exact: boolean
  resolutions: Resolution[]
  /** planImport: types to create take part under their key; a write phase: they do not exist (yet). */
  withCreates: boolean
  bySourceId: Map<number, Resolution>
  known: Set<number>
  settable: (key: FlagKey) => boolean
}

function context(file: SetupFile, target: TargetState, choices: ImportChoices, withCreates: boolean): Ctx {
  const resolutions = resolveTypes(file, target, choices)
  const settable = target.settableFlags
  return {
    file,
    target,
    choices,
    exact: choices.mode === 'exact',
    resolutions,
    withCreates,
    bySourceId: new Map(resolutions.map(r => [r.file.entityTypeId, r])),
    known: new Set([...target.knownEntityTypeIds, ...target.types.map(t => t.entityTypeId)]),
    settable: key => !settable || settable.includes(key),
  }
}

/** The id a resolution goes by on the target: the matched type's, or a create's key. */
function keyOf(r: UpdateResolution | CreateResolution): number {
  return r.action === 'update' ? r.target.entityTypeId : r.key
}

function pipelinesHandled(r: UpdateResolution | CreateResolution, ctx: Ctx): boolean {
  return ctx.target.pipelinesSupported && r.file.pipelines !== null && (r.action === 'create' || r.target.pipelines !== null)
}

// ─── fields: title, code, flags, linkedUserFields ─────────────────────

/** A target type as the settings editor's helpers take it (settings-fields.ts). */
function asFresh(t: TargetType): SmartProcessType {
  return {
    ...defaultFlags(),
    ...t.flags,
    id: t.id,
    entityTypeId: t.entityTypeId,
    title: t.title,
    code: t.code,
    isInitialized: true,
    createdBy: null,
    updatedBy: null,
    createdTime: null,
    updatedTime: null,
    customSectionId: null,
    relations: t.relations,
    linkedUserFields: { ...defaultLinkedUserFields(), ...t.linkedUserFields },
    carriedFlags: FLAG_KEYS.filter(k => t.flags[k] !== undefined),
  }
}

interface FieldPlan {
  /** One crm.type.update with everything that cannot be refused. */
  main: TypeChanges
  /** Flags turned off that the portal may refuse, each sent alone ('types'). */
  alone: TypeChanges[]
  /** isCategoriesEnabled off once exact mode has deleted the extra pipelines ('pipelines'). */
  categoriesOffLater: boolean
  lines: SetupChange[]
  kept: KeptDifference[]
}

function planFields(r: UpdateResolution, ctx: Ctx): FieldPlan {
  const f = r.file
  const t = r.target
  const lines: SetupChange[] = []
  const kept: KeptDifference[] = []
  const alone: TypeChanges[] = []
  const draft: FieldDraft = {}
  const dirty: FieldKey[] = []
  let categoriesOffLater = false

  const setsIdentity = ctx.exact || r.matchedBy === 'chosen'
  const title = f.title.trim()
  if (title !== t.title) {
    const line: SetupChange = { what: 'title', kind: 'change', before: t.title, after: title }
    if (setsIdentity) {
      draft.title = title
      dirty.push('title')
      lines.push(line)
    }
    else {
      kept.push({ ...line, reason: 'merge_keeps' })
    }
  }
  const code = emptyToNull(f.code)
  if (code !== emptyToNull(t.code)) {
    const line: SetupChange = { what: 'code', kind: 'change', before: t.code, after: code }
    if (!setsIdentity)
      kept.push({ ...line, reason: 'merge_keeps' })
    else if (code !== null && r.codeTaken)
      kept.push({ ...line, reason: 'code_taken' })
    else {
      draft.code = code
      dirty.push('code')
      lines.push(line)
    }
  }

  // Pipelines off fails the whole update while the type has more than one (docs/platform.md "Pipelines and the recycle bin").
  const pipelineCount = t.pipelines?.length ?? null
  const afterDeletes = ctx.exact && pipelinesHandled(r, ctx) && t.pipelines ? t.pipelines.length - matchPipelines(f.pipelines ?? [], t.pipelines, true).deletes.length : null
  for (const key of FLAG_KEYS) {
    const want = f.flags[key]
    const have = t.flags[key]
    if (want === undefined || want === have)
      continue
    const line: SetupChange = { what: key, kind: 'change', before: have, after: want }
    if (!ctx.settable(key)) {
      kept.push({ ...line, reason: 'not_settable' })
      continue
    }
    if (!want && REFUSABLE_WHEN_OFF.includes(key)) {
      if (key === 'isCategoriesEnabled' && pipelineCount !== null && pipelineCount > 1) {
        if (afterDeletes !== null && afterDeletes <= 1) {
          categoriesOffLater = true
          lines.push(line)
        }
        else {
          kept.push({ ...line, reason: 'more_than_one_pipeline' })
        }
      }
      else {
        alone.push({ [key]: false })
        lines.push(line)
      }
      continue
    }
    draft[key] = want
    dirty.push(key)
    lines.push(line)
  }

  const linkedDirty: (typeof LINKED_USER_FIELD_KEYS)[number][] = []
  for (const key of LINKED_USER_FIELD_KEYS) {
    const want = f.linkedUserFields[key]
    if (want === undefined || want === (t.linkedUserFields[key] ?? false))
      continue
    draft[key] = want
    dirty.push(key)
    linkedDirty.push(key)
  }
  // The editor's own pairing: all three keys, only while isUseInUserfieldEnabled ends up on (docs/platform.md "linkedUserFields").
  const main = changesFor(draft, dirty, asFresh(t))
  for (const key of linkedDirty) {
    const line: SetupChange = { what: key, kind: 'change', before: t.linkedUserFields[key] ?? false, after: f.linkedUserFields[key] }
    if (main.linkedUserFields)
      lines.push(line)
    else
      kept.push({ ...line, reason: 'needs_userfield_flag' })
  }
  return { main, alone, categoriesOffLater, lines, kept }
}

interface CreatePlan {
  write: Extract<SetupWrite, { kind: 'create_type' }>
  lines: SetupChange[]
  kept: KeptDifference[]
}

function planCreate(r: CreateResolution, ctx: Ctx): CreatePlan {
  const f = r.file
  const defaults = defaultFlags()
  const flags: Partial<Record<FlagKey, boolean>> = {}
  const lines: SetupChange[] = []
  const kept: KeptDifference[] = []
  for (const key of FLAG_KEYS) {
    const want = f.flags[key]
    if (want === undefined)
      continue
    const line: SetupChange = { what: key, kind: 'change', before: defaults[key], after: want }
    if (!ctx.settable(key)) {
      if (want !== defaults[key])
        kept.push({ ...line, reason: 'not_settable' })
      continue
    }
    flags[key] = want
    if (want !== defaults[key])
      lines.push(line)
  }
  const wantsCode = emptyToNull(f.code)
  if (wantsCode !== null && r.code === null)
    kept.push({ what: 'code', kind: 'change', before: null, after: wantsCode, reason: 'code_taken' })
  const write: CreatePlan['write'] = { kind: 'create_type', sourceEntityTypeId: f.entityTypeId, entityTypeId: r.requestedId, title: f.title.trim(), code: r.code, flags }
  const linked: LinkedUserFields = { ...defaultLinkedUserFields(), ...f.linkedUserFields }
  const linkedLines = LINKED_USER_FIELD_KEYS.filter(k => linked[k]).map((k): SetupChange => ({ what: k, kind: 'change', before: false, after: true }))
  if (linkedLines.length > 0) {
    if (flags.isUseInUserfieldEnabled === true) {
      write.linkedUserFields = linked
      lines.push(...linkedLines)
    }
    else {
      kept.push(...linkedLines.map(l => ({ ...l, reason: 'needs_userfield_flag' as const })))
    }
  }
  return { write, lines, kept }
}

// ─── relations ─────────────────────────────────────────────────────────

type RelationTarget = { kind: 'to', id: number } | { kind: 'drop' } | { kind: 'unresolved' }

/**
 * Where a link of the file points on the target: a type of the same file
 * (matched or created); a smart process found by code, then by title; a
 * standard type by its id; else the user's choice; else unresolved.
 */
function relationTarget(r: RelationSetup, ctx: Ctx): RelationTarget {
  const same = ctx.bySourceId.get(r.entityTypeId)
  if (same?.action === 'update')
    return { kind: 'to', id: same.target.entityTypeId }
  if (same?.action === 'create')
    return ctx.withCreates ? { kind: 'to', id: same.key } : { kind: 'drop' }
  if (r.smartProcess) {
    const sp = r.smartProcess
    // Types this import creates count as the target's (a later phase finds them there).
    const creates = ctx.withCreates ? ctx.resolutions.filter((x): x is CreateResolution => x.action === 'create') : []
    const candidates = [
      ...ctx.target.types.map(t => ({ id: t.entityTypeId, code: t.code, title: t.title })),
      ...creates.map(c => ({ id: c.key, code: c.code, title: c.file.title })),
    ]
    const t = candidates.find(x => sameCode(x.code, sp.code)) ?? candidates.find(x => sameTitle(x.title, sp.title))
    if (t)
      return { kind: 'to', id: t.id }
  }
  else if (ctx.known.has(r.entityTypeId)) {
    return { kind: 'to', id: r.entityTypeId }
  }
  const choice = ctx.choices.relationTargets[r.entityTypeId]
  if (choice?.kind === 'drop')
    return { kind: 'drop' }
  if (choice?.kind === 'map' && ctx.known.has(choice.entityTypeId))
    return { kind: 'to', id: choice.entityTypeId }
  return { kind: 'unresolved' }
}

interface RelationPlan {
  /** The whole set each written type ends with, by its key. */
  after: Map<number, RelationSet>
  /** Unresolved links, by the file type's index. */
  unresolved: Map<number, TypePlan['unresolved']>
}

/**
 * The links after the import, as one set of edges, so that both ends of a
 * link between two written types agree: the target's links (all kept in
 * merge; in exact, the user links of written types the file lacks go), the
 * file's added or set; predefined links exactly as the target has them.
 */
function planRelations(ctx: Ctx): RelationPlan {
  const written = new Map<number, UpdateResolution | CreateResolution>()
  for (const r of ctx.resolutions) {
    if (r.action === 'update' || (r.action === 'create' && ctx.withCreates))
      written.set(keyOf(r), r)
  }
  const wanted = new Map<string, Edge>()
  const unresolved = new Map<number, TypePlan['unresolved']>()
  const standard = new Map(standardTypeNames().map(s => [s.entityTypeId, s.title]))
  for (const [self, r] of written) {
    const list: TypePlan['unresolved'] = []
    for (const side of RELATION_SIDES) {
      for (const rel of r.file.relations[side]) {
        const to = relationTarget(rel, ctx)
        if (to.kind === 'unresolved') {
          list.push({ entityTypeId: rel.entityTypeId, title: rel.smartProcess?.title ?? standard.get(rel.entityTypeId) ?? '', code: rel.smartProcess?.code ?? null, side })
          continue
        }
        if (to.kind === 'drop' || to.id === self)
          continue
        const [parent, child] = side === 'parent' ? [to.id, self] : [self, to.id]
        const k = edgeKey(parent, child)
        if (!wanted.has(k))
          wanted.set(k, { parent, child, isChildrenListEnabled: rel.isChildrenListEnabled, isPredefined: false })
      }
    }
    unresolved.set(r.index, list)
  }
  const current = edgesOf(ctx.target.types)
  const result = new Map<string, Edge>()
  for (const [k, e] of current) {
    const touches = written.has(e.parent) || written.has(e.child)
    // Predefined links are the portal's (docs/platform.md "Relations"): never changed, never removed.
    if (!touches || e.isPredefined) {
      result.set(k, e)
      continue
    }
    const w = wanted.get(k)
    if (w)
      result.set(k, { ...e, isChildrenListEnabled: w.isChildrenListEnabled })
    else if (!ctx.exact)
      result.set(k, e)
  }
  for (const [k, w] of wanted) {
    if (!result.has(k))
      result.set(k, w)
  }
  const edges = [...result.values()]
  return { after: new Map([...written.keys()].map(id => [id, setOf(edges, id)])), unresolved }
}

function relationLines(before: RelationSet, after: RelationSet, ctx: Ctx): SetupChange[] {
  const diff = diffRelations(before, after)
  const shown = (id: number) => (id > 0 ? id : null)
  const lines: SetupChange[] = []
  for (const side of RELATION_SIDES) {
    for (const r of diff[side].added)
      lines.push({ what: 'relation', kind: 'add', name: typeName(r.entityTypeId, ctx), after: { side, entityTypeId: shown(r.entityTypeId), isChildrenListEnabled: r.isChildrenListEnabled } })
    for (const c of diff[side].changed)
      lines.push({ what: 'relation', kind: 'change', name: typeName(c.entityTypeId, ctx), before: { side, entityTypeId: shown(c.entityTypeId), isChildrenListEnabled: c.from.isChildrenListEnabled }, after: { side, entityTypeId: shown(c.entityTypeId), isChildrenListEnabled: c.to.isChildrenListEnabled } })
    for (const r of diff[side].removed)
      lines.push({ what: 'relation', kind: 'remove', name: typeName(r.entityTypeId, ctx), before: { side, entityTypeId: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled } })
  }
  return lines
}

/** A related type's name for the plan: the file's title, the target's, a standard type's, or `#id`. */
function typeName(id: number, ctx: Ctx): string {
  for (const r of ctx.resolutions) {
    if ((r.action === 'update' || r.action === 'create') && keyOf(r) === id)
      return r.file.title
  }
  return ctx.target.types.find(t => t.entityTypeId === id)?.title
    ?? standardTypeNames().find(s => s.entityTypeId === id)?.title
    ?? `#${id}`
}

// ─── pipelines and stages (matching: plan-stages.ts) ────────────────────

interface PipelinesPlan {
  match: PipelineMatch
  stages: { pair: PipelineMatch['pairs'][number], plan: StagePlan }[]
  lines: SetupChange[]
  kept: KeptDifference[]
}

function planPipelines(r: UpdateResolution | CreateResolution, ctx: Ctx): PipelinesPlan {
  const imaginedType = r.action === 'create'
  const targetP = r.action === 'create' ? [imaginedDefaultPipeline()] : r.target.pipelines ?? []
  const match = matchPipelines(r.file.pipelines ?? [], targetP, ctx.exact)
  const lines: SetupChange[] = []
  const kept: KeptDifference[] = []
  const shape = (p: PipelineSetup | TargetPipeline) => ({ name: p.name.trim(), sort: p.sort, isDefault: p.isDefault })
  for (const t of match.deletes)
    lines.push({ what: 'pipeline', kind: 'remove', name: t.name, before: shape(t) })
  for (const t of match.undeletable)
    kept.push({ what: 'pipeline', kind: 'remove', name: t.name, before: shape(t), reason: 'default_pipeline' })
  const stages: PipelinesPlan['stages'] = []
  for (const pair of match.pairs) {
    const { file: p, target: t } = pair
    if (!t || imaginedType)
      lines.push({ what: 'pipeline', kind: 'add', name: p.name, after: shape(p) })
    else if (p.name.trim() !== t.name || p.sort !== t.sort)
      lines.push({ what: 'pipeline', kind: 'change', name: p.name, before: shape(t), after: shape(p) })
    const imagined = !t || imaginedType
    const plan = planStages(p.stages, t && !imaginedType ? t.stages : imaginedStages(), p.name, ctx.exact, imagined)
    stages.push({ pair, plan })
    lines.push(...plan.lines)
    kept.push(...plan.kept)
  }
  return { match, stages, lines, kept }
}

// ─── the plan ──────────────────────────────────────────────────────────

/**
 * What importing `file` would do to `target`, type by type, for the user to
 * read before applying. `unresolved` lists the links whose target the
 * planner could not find and the user has not decided (ImportChoices.relationTargets);
 * to list every link that needed a decision, plan again with
 * `relationTargets: {}`.
 */
export function planImport(file: SetupFile, target: TargetState, choices: ImportChoices): SetupPlan {
  const ctx = context(file, target, choices, true)
  const relations = planRelations(ctx)
  const types: TypePlan[] = ctx.resolutions.map((r): TypePlan => {
    const base = { sourceEntityTypeId: r.file.entityTypeId, title: r.file.title }
    if (r.action === 'skip')
      return { ...base, action: 'skip', entityTypeId: null, idChanged: false, matchedBy: r.matchedBy, changes: [], kept: [], unresolved: [], pipelinesSkipped: false }
    const changes: SetupChange[] = []
    const kept: KeptDifference[] = []
    if (r.action === 'create') {
      const c = planCreate(r, ctx)
      changes.push(...c.lines)
      kept.push(...c.kept)
    }
    else {
      const f = planFields(r, ctx)
      changes.push(...f.lines)
      kept.push(...f.kept)
    }
    const before = r.action === 'update' ? r.target.relations : { parent: [], child: [] }
    const after = relations.after.get(keyOf(r)) ?? before
    changes.push(...relationLines(before, after, ctx))
    const handled = pipelinesHandled(r, ctx)
    if (handled) {
      const p = planPipelines(r, ctx)
      changes.push(...p.lines)
      kept.push(...p.kept)
    }
    return {
      ...base,
      action: r.action,
      entityTypeId: r.action === 'update' ? r.target.entityTypeId : r.requestedId,
      idChanged: r.action === 'create' && r.requestedId === null,
      matchedBy: r.action === 'update' ? r.matchedBy : null,
      changes,
      kept,
      unresolved: relations.unresolved.get(r.index) ?? [],
      pipelinesSkipped: !handled,
    }
  })
  return { types, nothingToChange: types.every(t => t.action !== 'create' && t.changes.length === 0) }
}

/**
 * The writes of one phase, computed from `target` as read after the
 * previous phase ran (see the file's header). Within a phase the writes go
 * in the order given: deletions before additions, so a stage replaced in
 * exact mode frees its code first. A type still to be created in a later
 * phase (its create failed, or the choices were not updated with
 * `choicesAfterCreate`) gets no writes there, and links to it are left out.
 */
export function writesFor(phase: ImportPhase, file: SetupFile, target: TargetState, choices: ImportChoices): SetupWrite[] {
  const ctx = context(file, target, choices, false)
  const writes: SetupWrite[] = []
  if (phase === 'types') {
    // Creates that ask for an id first: a create that lets the portal pick might take it.
    const creates = ctx.resolutions.filter((r): r is CreateResolution => r.action === 'create')
    for (const r of [...creates.filter(c => c.requestedId !== null), ...creates.filter(c => c.requestedId === null)])
      writes.push(planCreate(r, ctx).write)
    for (const r of ctx.resolutions) {
      if (r.action === 'update') {
        const f = planFields(r, ctx)
        const ref = { entityTypeId: r.target.entityTypeId, id: r.target.id }
        if (Object.keys(f.main).length > 0)
          writes.push({ kind: 'update_type', ...ref, changes: f.main })
        for (const changes of f.alone)
          writes.push({ kind: 'update_type', ...ref, changes })
      }
    }
    return writes
  }
  if (phase === 'relations') {
    const relations = planRelations(ctx)
    for (const r of ctx.resolutions) {
      if (r.action !== 'update')
        continue
      const after = relations.after.get(r.target.entityTypeId)
      // crm.type.update overwrites relations whole (docs/platform.md "Relations"): the full merged set goes.
      if (after && !relationsEqual(r.target.relations, after))
        writes.push({ kind: 'update_type', entityTypeId: r.target.entityTypeId, id: r.target.id, changes: { relations: after } })
    }
    return writes
  }
  for (const r of ctx.resolutions) {
    if (r.action !== 'update' || !pipelinesHandled(r, ctx))
      continue
    const entityTypeId = r.target.entityTypeId
    const p = planPipelines(r, ctx)
    if (phase === 'pipelines') {
      for (const t of p.match.deletes)
        writes.push({ kind: 'delete_pipeline', entityTypeId, id: t.id })
      if (planFields(r, ctx).categoriesOffLater)
        writes.push({ kind: 'update_type', entityTypeId, id: r.target.id, changes: { isCategoriesEnabled: false } })
      for (const { file: fp, target: tp } of p.match.pairs) {
        if (!tp)
          writes.push({ kind: 'add_pipeline', entityTypeId, name: fp.name.trim(), sort: fp.sort, isDefault: fp.isDefault })
        else if (fp.name.trim() !== tp.name || fp.sort !== tp.sort)
          writes.push({ kind: 'update_pipeline', entityTypeId, id: tp.id, name: fp.name.trim(), sort: fp.sort })
      }
    }
    else {
      for (const { pair, plan } of p.stages) {
        const categoryId = pair.target?.id
        if (categoryId === undefined)
          continue
        for (const t of plan.deletes)
          writes.push({ kind: 'delete_stage', entityTypeId, id: t.id })
        for (const { file: s, target: t } of plan.updates)
          writes.push({ kind: 'update_stage', entityTypeId, id: t.id, name: s.name.trim(), sort: s.sort, color: s.color })
        for (const s of plan.adds)
          writes.push({ kind: 'add_stage', entityTypeId, categoryId, code: s.code, name: s.name.trim(), sort: s.sort, semantics: s.semantics, color: s.color })
      }
    }
  }
  return writes
}

/**
 * The choices for the phases after 'types': each type created there becomes
 * an update of the new type (the apply loop knows its entityTypeId from the
 * create's answer), so later phases find it even when matching by code or
 * title would be ambiguous.
 */
export function choicesAfterCreate(choices: ImportChoices, created: readonly { sourceEntityTypeId: number, entityTypeId: number }[]): ImportChoices {
  const targets = { ...choices.targets }
  for (const c of created)
    targets[c.sourceEntityTypeId] = { kind: 'update', entityTypeId: c.entityTypeId }
  return { ...choices, targets }
}
