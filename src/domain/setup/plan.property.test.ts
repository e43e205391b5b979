import type { FlagKey } from '@/domain/flags'
import type { ImportChoices, ImportMode, PipelineSetup, RelationSetup, SetupFile, SetupWrite, StageSemantics, StageSetup, TargetState, TypeSetup } from './types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FLAG_KEYS, LINKED_USER_FIELD_KEYS, settableFlags } from '@/domain/flags'
import { applySetupWrites, importIntoModel } from '@test/setup-apply-model'
import { edgesOf } from './edges'
import { parseSetupFile, stringifySetupFile } from './parse'
import { IMPORT_PHASES, planImport, writesFor } from './plan'

/**
 * Issue 18: applying a file, then planning it again, finds nothing to change
 * and no write in any phase; the planner never sends a write the portal
 * refuses; merge never deletes. Files and targets are drawn from small pools
 * of ids, titles, codes and names so that they collide often.
 */

const ID_POOL = [128, 129, 130, 1030, 1032, 1034, 1036]
const TITLES = ['Repairs', ' repairs', 'Parts', 'Заявки', '<img src=x onerror=alert(1)>', 'Deals 2']
const CODES = [null, 'repairs', 'parts', 'x', 'y']
const PIPELINE_NAMES = ['New pipeline', 'Sales', 'sales ', 'Repairs', 'Other']
const STAGE_CODES = ['NEW', 'PREPARATION', 'CLIENT', 'SUCCESS', 'FAIL', 'UC_A', 'UC_B', 'UC_C']
const STAGE_NAMES = ['Start', 'Prepare', 'Won', 'Lost', 'A', 'b ', 'Начало']
const COLORS = ['#22B9FF', '#22b9ff', '#00FF00', '#123456']

const flags = fc.dictionary(fc.constantFrom(...FLAG_KEYS), fc.boolean()) as fc.Arbitrary<Partial<Record<FlagKey, boolean>>>
const linked = fc.dictionary(fc.constantFrom(...LINKED_USER_FIELD_KEYS), fc.boolean())
const semantics = fc.constantFrom<StageSemantics>('process', 'process', 'success', 'failure')

const stages: fc.Arbitrary<StageSetup[]> = fc.uniqueArray(fc.record({
  code: fc.constantFrom(...STAGE_CODES),
  name: fc.constantFrom(...STAGE_NAMES),
  sort: fc.integer({ min: 1, max: 60 }),
  semantics,
  color: fc.constantFrom(...COLORS),
}), { selector: s => s.code, maxLength: 6 }).map((list) => {
  let success = false
  return list.map(s => (s.semantics === 'success' && (success || !(success = true)) ? { ...s, semantics: 'failure' as const } : s))
})

const pipelines: fc.Arbitrary<PipelineSetup[] | null> = fc.option(fc.tuple(
  fc.array(fc.record({ name: fc.constantFrom(...PIPELINE_NAMES), sort: fc.integer({ min: 0, max: 900 }), stages }), { maxLength: 3 }),
  fc.boolean(),
).map(([list, withDefault]) => list.map((p, i) => ({ sourceId: i + 1, ...p, isDefault: withDefault && i === 0 }))), { nil: null, freq: 4 })

interface TypeDraft { entityTypeId: number, title: string, code: string | null, flags: TypeSetup['flags'], linkedUserFields: TypeSetup['linkedUserFields'], pipelines: PipelineSetup[] | null, links: { side: 'parent' | 'child', to: number, on: boolean }[] }

/** Link targets: an index into the file's types, or a standard type (negative: -id), or a foreign smart process (1000+k). */
const linkTarget = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, -2, -3, -4, -7), fc.integer({ min: 1000, max: 1002 }))

const fileArb: fc.Arbitrary<SetupFile> = fc.uniqueArray(fc.record({
  entityTypeId: fc.constantFrom(...ID_POOL),
  title: fc.constantFrom(...TITLES),
  code: fc.constantFrom(...CODES),
  flags,
  linkedUserFields: linked,
  pipelines,
  links: fc.array(fc.record({ side: fc.constantFrom<'parent' | 'child'>('parent', 'child'), to: linkTarget, on: fc.boolean() }), { maxLength: 4 }),
}), { selector: t => t.entityTypeId, minLength: 1, maxLength: 4 }).map((drafts: TypeDraft[]): SetupFile => {
  // One code per file (parse refuses a second).
  const seen = new Set<string>()
  for (const d of drafts) {
    if (d.code !== null && seen.has(d.code))
      d.code = null
    if (d.code !== null)
      seen.add(d.code)
  }
  const foreign = [{ code: 'foreign', title: 'Foreign' }, { code: null, title: 'Parts' }, { code: 'x', title: 'Whatever' }]
  const types = drafts.map((d, i): TypeSetup => {
    const relations: TypeSetup['relations'] = { parent: [], child: [] }
    for (const l of d.links) {
      let rel: RelationSetup | null = null
      if (l.to < 0)
        rel = { entityTypeId: -l.to, isChildrenListEnabled: l.on }
      else if (l.to >= 1000)
        rel = { entityTypeId: 2000 + 2 * (l.to - 1000), isChildrenListEnabled: l.on, smartProcess: foreign[l.to - 1000]! }
      else if (l.to < drafts.length && l.to !== i)
        rel = { entityTypeId: drafts[l.to]!.entityTypeId, isChildrenListEnabled: l.on, smartProcess: { code: drafts[l.to]!.code, title: drafts[l.to]!.title } }
      if (rel && !relations[l.side].some(r => r.entityTypeId === rel.entityTypeId))
        relations[l.side].push(rel)
    }
    return { entityTypeId: d.entityTypeId, title: d.title, code: d.code, flags: d.flags, linkedUserFields: d.linkedUserFields, relations, pipelines: d.pipelines }
  })
  return { kind: 'smart-process-studio/setup', version: 1, exportedAt: '2026-12-02T10:00:00.000Z', source: { portal: null }, types }
})

/** A target portal made the way a portal is made: by writes to the in-memory model (whatever it refuses is simply not there). */
const targetArb: fc.Arbitrary<TargetState> = fc.record({
  settable: fc.constantFrom<'rest' | 'vibecode' | null>(null, 'rest', 'vibecode'),
  pipelinesSupported: fc.constantFrom(true, true, true, false),
  types: fc.array(fc.record({
    entityTypeId: fc.option(fc.constantFrom(...ID_POOL), { nil: null }),
    title: fc.constantFrom(...TITLES),
    code: fc.constantFrom(...CODES),
    flags,
    useLinked: fc.boolean(),
    linkedUserFields: linked,
    pipelines: fc.array(fc.record({ name: fc.constantFrom(...PIPELINE_NAMES), sort: fc.integer({ min: 0, max: 900 }) }), { maxLength: 2 }),
    stageOps: fc.array(fc.record({ pipeline: fc.nat(2), op: fc.constantFrom('add', 'rename', 'delete'), code: fc.constantFrom(...STAGE_CODES), name: fc.constantFrom(...STAGE_NAMES), sort: fc.integer({ min: 1, max: 60 }), semantics, color: fc.constantFrom(...COLORS) }), { maxLength: 6 }),
    links: fc.array(fc.record({ side: fc.constantFrom<'parent' | 'child'>('parent', 'child'), to: fc.oneof(fc.nat(3), fc.constantFrom(-1, -2, -3, -4)), on: fc.boolean() }), { maxLength: 3 }),
  }), { maxLength: 4 }),
}).map((spec) => {
  let state: TargetState = {
    types: [],
    knownEntityTypeIds: [1, 2, 3, 4, 7, 31],
    pipelinesSupported: spec.pipelinesSupported,
    ...(spec.settable ? { settableFlags: settableFlags(spec.settable) } : {}),
  }
  const run = (writes: SetupWrite[]) => {
    state = applySetupWrites(state, writes).state
  }
  run(spec.types.map((t, i): SetupWrite => ({
    kind: 'create_type',
    sourceEntityTypeId: i,
    entityTypeId: t.entityTypeId,
    title: t.title,
    code: t.code,
    flags: { ...t.flags, ...(t.useLinked ? { isUseInUserfieldEnabled: true } : {}) },
    linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': false, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false, ...t.linkedUserFields },
  })))
  const made = [...state.types]
  made.forEach((t, i) => {
    const s = spec.types[i]
    if (!s)
      return
    run(s.pipelines.map(p => ({ kind: 'add_pipeline', entityTypeId: t.entityTypeId, name: p.name, sort: p.sort, isDefault: false })))
    for (const op of s.stageOps) {
      const p = state.types.find(x => x.entityTypeId === t.entityTypeId)?.pipelines?.[op.pipeline]
      if (!p)
        continue
      const st = p.stages.find(x => x.code === op.code)
      if (op.op === 'add')
        run([{ kind: 'add_stage', entityTypeId: t.entityTypeId, categoryId: p.id, code: op.code, name: op.name, sort: op.sort, semantics: op.semantics, color: op.color }])
      else if (st && op.op === 'rename')
        run([{ kind: 'update_stage', entityTypeId: t.entityTypeId, id: st.id, name: op.name, sort: op.sort, color: op.color }])
      else if (st)
        run([{ kind: 'delete_stage', entityTypeId: t.entityTypeId, id: st.id }])
    }
    const relations = { parent: [] as { entityTypeId: number, isChildrenListEnabled: boolean, isPredefined: boolean }[], child: [] as { entityTypeId: number, isChildrenListEnabled: boolean, isPredefined: boolean }[] }
    for (const l of s.links) {
      const to = l.to < 0 ? -l.to : made[l.to]?.entityTypeId
      if (to !== undefined && !relations[l.side].some(r => r.entityTypeId === to))
        relations[l.side].push({ entityTypeId: to, isChildrenListEnabled: l.on, isPredefined: false })
    }
    const fresh = state.types.find(x => x.entityTypeId === t.entityTypeId)!
    run([{ kind: 'update_type', entityTypeId: t.entityTypeId, id: t.id, changes: { relations: { parent: [...fresh.relations.parent, ...relations.parent], child: [...fresh.relations.child, ...relations.child] } } }])
  })
  return state
})

const relationChoices: fc.Arbitrary<ImportChoices['relationTargets']> = fc.dictionary(
  fc.constantFrom('2000', '2002', '2004', '7'),
  fc.oneof(fc.constant({ kind: 'drop' as const }), fc.constantFrom(2, 128, 1030, 1032).map(id => ({ kind: 'map' as const, entityTypeId: id }))),
)

function userEdges(state: TargetState): string[] {
  return [...edgesOf(state.types).values()].filter(e => !e.isPredefined).map(e => `${e.parent}>${e.child}`)
}

function ids(state: TargetState): { pipelines: number[], stages: number[] } {
  const ps = state.types.flatMap(t => t.pipelines ?? [])
  return { pipelines: ps.map(p => p.id), stages: ps.flatMap(p => p.stages.map(s => s.id)) }
}

describe('importing a setup file (property)', () => {
  it('the generated files are valid setup files', () => {
    fc.assert(fc.property(fileArb, (file) => {
      const text = stringifySetupFile(file)
      const r = parseSetupFile(text, text.length)
      if (!r.ok)
        throw new Error(JSON.stringify(r.error))
    }), { numRuns: 200 })
  })

  it('applies without a refused write, then has nothing left to change; merge deletes nothing', () => {
    fc.assert(fc.property(fileArb, targetArb, fc.constantFrom<ImportMode>('merge', 'exact'), relationChoices, (file, target, mode, relationTargets) => {
      const choices: ImportChoices = { mode, targets: {}, relationTargets }
      const run = importIntoModel(file, target, choices)
      const refused = run.phases.flatMap(p => p.writes.map((w, i) => ({ phase: p.phase, w, r: p.results[i]! }))).filter(x => !x.r.ok)
      expect(refused).toEqual([])

      const again = planImport(file, run.state, run.choices)
      expect(again.types.filter(t => t.action === 'create' || t.changes.length > 0)).toEqual([])
      expect(again.nothingToChange).toBe(true)
      for (const phase of IMPORT_PHASES)
        expect(writesFor(phase, file, run.state, run.choices)).toEqual([])

      if (mode === 'merge') {
        expect(run.phases.flatMap(p => p.writes).filter(w => w.kind === 'delete_pipeline' || w.kind === 'delete_stage')).toEqual([])
        const before = ids(target)
        const after = ids(run.state)
        expect(after.pipelines).toEqual(expect.arrayContaining(before.pipelines))
        expect(after.stages).toEqual(expect.arrayContaining(before.stages))
        expect(userEdges(run.state)).toEqual(expect.arrayContaining(userEdges(target).filter(e => !/^[34]>/.test(e) || !isClientLinkTurnedPredefined(run.state, e))))
      }
    }), { numRuns: 400 })
  })

  // Two types of one file with one title and no code to tell them apart may swap on a second
  // import (docs/setup-file.md "Matching"): those files are left to the property above.
  it('planning the file again from scratch, as a second import would, finds nothing to change', () => {
    fc.assert(fc.property(fileArb, targetArb, fc.constantFrom<ImportMode>('merge', 'exact'), (file, target, mode) => {
      const titles = file.types.map(t => t.title.trim().toLowerCase())
      fc.pre(new Set(titles).size === titles.length)
      const choices: ImportChoices = { mode, targets: {}, relationTargets: {} }
      const run = importIntoModel(file, target, choices)
      const again = planImport(file, run.state, choices)
      expect(again.types.filter(t => t.action === 'create' || t.changes.length > 0)).toEqual([])
    }), { numRuns: 300 })
  })
})

/** isClientEnabled turned on makes an existing user link to contacts or companies predefined (docs/platform.md "Relations"). */
function isClientLinkTurnedPredefined(state: TargetState, edge: string): boolean {
  return [...edgesOf(state.types).values()].some(e => `${e.parent}>${e.child}` === edge && e.isPredefined)
}
