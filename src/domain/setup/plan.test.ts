import type { ImportChoices, PipelineSetup, SetupFile, StageSetup, TargetPipeline, TargetStage, TargetState, TargetType, TypeSetup } from './types'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { settableFlags } from '@/domain/flags'
import { applySetupWrites, importIntoModel } from '@test/setup-apply-model'
import { parseSetupFile } from './parse'
import { choicesAfterCreate, defaultImportChoices, IMPORT_PHASES, planImport, writesFor } from './plan'
import { NEW_PIPELINE_STAGES } from './portal-defaults'

// ─── fixtures ──────────────────────────────────────────────────────────

function fileType(over: Partial<TypeSetup> = {}): TypeSetup {
  return {
    entityTypeId: 1030,
    title: 'Repairs',
    code: 'repairs',
    flags: {},
    linkedUserFields: {},
    relations: { parent: [], child: [] },
    pipelines: null,
    ...over,
  }
}

function setup(...types: TypeSetup[]): SetupFile {
  return { kind: 'smart-process-studio/setup', version: 1, exportedAt: '2026-12-02T10:00:00.000Z', source: { portal: 'source.bitrix24.com' }, types }
}

let nextStageId = 1000
function defaultStages(): TargetStage[] {
  return NEW_PIPELINE_STAGES.map(s => ({ id: nextStageId++, code: s.code, name: s.name.en, sort: s.sort, semantics: s.semantics, color: s.color, system: s.system }))
}

function targetPipeline(over: Partial<TargetPipeline> = {}): TargetPipeline {
  return { id: 1, name: 'New pipeline', sort: 500, isDefault: true, stages: defaultStages(), ...over }
}

function targetType(over: Partial<TargetType> = {}): TargetType {
  return {
    id: 1,
    entityTypeId: 1040,
    title: 'Repairs',
    code: 'repairs',
    flags: {},
    linkedUserFields: {},
    relations: { parent: [], child: [] },
    pipelines: [targetPipeline()],
    ...over,
  }
}

function target(...types: TargetType[]): TargetState {
  return { types, knownEntityTypeIds: [1, 2, 3, 4, 7, 31, ...types.map(t => t.entityTypeId)], pipelinesSupported: true }
}

function stage(over: Partial<StageSetup> = {}): StageSetup {
  return { code: 'NEW', name: 'Start', sort: 10, semantics: 'process', color: '#22B9FF', ...over }
}

/** The default pipeline as the file holds it when nothing was changed on the source. */
function filePipeline(over: Partial<PipelineSetup> = {}): PipelineSetup {
  return {
    sourceId: 1,
    name: 'New pipeline',
    sort: 500,
    isDefault: true,
    stages: NEW_PIPELINE_STAGES.map(s => ({ code: s.code, name: s.name.en, sort: s.sort, semantics: s.semantics, color: s.color })),
    ...over,
  }
}

const merge = defaultImportChoices()
const exact: ImportChoices = { ...merge, mode: 'exact' }
const choose = (targets: ImportChoices['targets'], base: ImportChoices = merge): ImportChoices => ({ ...base, targets })

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1)
  return list[0]!
}

// ─── matching ──────────────────────────────────────────────────────────

describe('matching the file\'s types to the target\'s', () => {
  it('finds a type by code first, then by title (trimmed, any case)', () => {
    const file = setup(
      fileType({ entityTypeId: 1030, title: 'Repairs', code: 'repairs' }),
      fileType({ entityTypeId: 1032, title: '  spare PARTS ', code: null }),
    )
    const plan = planImport(file, target(
      targetType({ id: 1, entityTypeId: 1040, title: 'Ремонт', code: 'repairs' }),
      targetType({ id: 2, entityTypeId: 1042, title: 'Spare parts', code: 'parts' }),
    ), merge)
    expect(plan.types.map(t => [t.action, t.entityTypeId, t.matchedBy])).toEqual([['update', 1040, 'code'], ['update', 1042, 'title']])
  })

  it('matches one target type to one file type only', () => {
    const file = setup(fileType({ entityTypeId: 1030, code: null }), fileType({ entityTypeId: 1032, code: null }))
    const plan = planImport(file, target(targetType({ code: null })), merge)
    expect(plan.types.map(t => t.action)).toEqual(['update', 'create'])
  })

  it('creates what it cannot find, keeping the source entityTypeId when it is free', () => {
    const plan = planImport(setup(fileType({ entityTypeId: 1030 })), target(), merge)
    expect(only(plan.types)).toMatchObject({ action: 'create', entityTypeId: 1030, idChanged: false, matchedBy: null })
    expect(plan.nothingToChange).toBe(false)
  })

  it('lets the portal pick the id when the source one is taken, and says so', () => {
    const plan = planImport(setup(fileType({ entityTypeId: 1040, code: 'other', title: 'Other' })), target(targetType({ entityTypeId: 1040 })), merge)
    expect(only(plan.types)).toMatchObject({ action: 'create', entityTypeId: null, idChanged: true })
  })

  it('never asks for 192, whose validity the sources dispute', () => {
    expect(only(planImport(setup(fileType({ entityTypeId: 192 })), target(), merge).types)).toMatchObject({ entityTypeId: null, idChanged: true })
  })

  it('follows the user: a chosen target, a skip, a create against a match', () => {
    const file = setup(
      fileType({ entityTypeId: 1030, code: 'a', title: 'A' }),
      fileType({ entityTypeId: 1032, code: 'b', title: 'B' }),
      fileType({ entityTypeId: 1034, code: 'c', title: 'C' }),
    )
    const t = target(targetType({ id: 1, entityTypeId: 1040, code: 'x', title: 'X' }), targetType({ id: 2, entityTypeId: 1042, code: 'b', title: 'B' }), targetType({ id: 3, entityTypeId: 1044, code: 'c', title: 'C' }))
    const plan = planImport(file, t, choose({ 1030: { kind: 'update', entityTypeId: 1040 }, 1032: { kind: 'skip' }, 1034: { kind: 'create' } }))
    expect(plan.types.map(p => [p.action, p.entityTypeId, p.matchedBy])).toEqual([['update', 1040, 'chosen'], ['skip', null, 'chosen'], ['create', 1034, null]])
  })

  it('skips a type whose chosen target is gone, rather than guessing', () => {
    const plan = planImport(setup(fileType()), target(targetType()), choose({ 1030: { kind: 'update', entityTypeId: 9999 } }))
    expect(only(plan.types).action).toBe('skip')
  })
})

// ─── title, code, flags, linked fields ────────────────────────────────

describe('title and code of a matched type', () => {
  it('are kept in merge mode, the difference shown', () => {
    const plan = planImport(setup(fileType({ title: 'Repairs', code: 'repairs' })), target(targetType({ title: 'Ремонт' })), merge)
    const t = only(plan.types)
    expect(t.changes).toEqual([])
    expect(t.kept).toEqual([{ what: 'title', kind: 'change', before: 'Ремонт', after: 'Repairs', reason: 'merge_keeps' }])
    expect(plan.nothingToChange).toBe(true)
  })

  it('are set in exact mode and for a target the user chose', () => {
    const file = setup(fileType({ title: 'Repairs', code: 'repairs' }))
    const t = target(targetType({ title: 'repairs ', code: 'remont' }))
    const set = { kind: 'update_type', entityTypeId: 1040, id: 1, changes: { title: 'Repairs', code: 'repairs' } }
    expect(writesFor('types', file, t, exact)).toEqual([set])
    expect(writesFor('types', file, t, choose({ 1030: { kind: 'update', entityTypeId: 1040 } }))).toEqual([set])
    expect(planImport(file, t, exact).types[0]!.changes).toEqual([
      { what: 'title', kind: 'change', before: 'repairs ', after: 'Repairs' },
      { what: 'code', kind: 'change', before: 'remont', after: 'repairs' },
    ])
    expect(writesFor('types', file, t, merge)).toEqual([])
  })

  it('never takes a code another target type holds', () => {
    const t = target(targetType({ id: 1, entityTypeId: 1040, title: 'Repairs', code: null }), targetType({ id: 2, entityTypeId: 1042, title: 'Other', code: 'repairs' }))
    const plan = planImport(setup(fileType({ code: 'repairs' })), t, choose({ 1030: { kind: 'update', entityTypeId: 1040 } }))
    expect(plan.types[0]!.kept).toContainEqual({ what: 'code', kind: 'change', before: null, after: 'repairs', reason: 'code_taken' })
    expect(writesFor('types', setup(fileType({ code: 'repairs' })), t, choose({ 1030: { kind: 'update', entityTypeId: 1040 } }))).toEqual([])
  })
})

describe('flags and linked fields', () => {
  it('lists each flag that differs and writes them in one update', () => {
    const file = setup(fileType({ flags: { isClientEnabled: true, isObserversEnabled: false, isDocumentsEnabled: true } }))
    const t = target(targetType({ flags: { isClientEnabled: false, isObserversEnabled: false, isDocumentsEnabled: false } }))
    expect(planImport(file, t, merge).types[0]!.changes).toEqual([
      { what: 'isClientEnabled', kind: 'change', before: false, after: true },
      { what: 'isDocumentsEnabled', kind: 'change', before: false, after: true },
    ])
    expect(writesFor('types', file, t, merge)).toEqual([{ kind: 'update_type', entityTypeId: 1040, id: 1, changes: { isClientEnabled: true, isDocumentsEnabled: true } }])
  })

  it('does not send a flag the target\'s gateway does not take, and says so', () => {
    const file = setup(fileType({ flags: { isPaymentsEnabled: true, isRecurringEnabled: true } }))
    const t = { ...target(targetType({ flags: { isPaymentsEnabled: false } })), settableFlags: settableFlags('rest') }
    const plan = planImport(file, t, merge)
    expect(plan.types[0]!.kept.map(k => [k.what, k.reason])).toEqual([['isRecurringEnabled', 'not_settable'], ['isPaymentsEnabled', 'not_settable']])
    expect(plan.nothingToChange).toBe(true)
    expect(writesFor('types', file, t, merge)).toEqual([])
  })

  it('sends turning off the recycle bin or pipelines alone, so a refusal costs only that flag', () => {
    const file = setup(fileType({ flags: { isRecyclebinEnabled: false, isCategoriesEnabled: false, isObserversEnabled: true } }))
    const t = target(targetType({ flags: { isRecyclebinEnabled: true, isCategoriesEnabled: true, isObserversEnabled: false } }))
    expect(writesFor('types', file, t, merge)).toEqual([
      { kind: 'update_type', entityTypeId: 1040, id: 1, changes: { isObserversEnabled: true } },
      { kind: 'update_type', entityTypeId: 1040, id: 1, changes: { isCategoriesEnabled: false } },
      { kind: 'update_type', entityTypeId: 1040, id: 1, changes: { isRecyclebinEnabled: false } },
    ])
  })

  it('keeps pipelines on while the type has more than one and merge keeps them', () => {
    const file = setup(fileType({ flags: { isCategoriesEnabled: false } }))
    const t = target(targetType({ flags: { isCategoriesEnabled: true }, pipelines: [targetPipeline(), targetPipeline({ id: 2, name: 'Second', isDefault: false })] }))
    expect(planImport(file, t, merge).types[0]!.kept).toEqual([{ what: 'isCategoriesEnabled', kind: 'change', before: true, after: false, reason: 'more_than_one_pipeline' }])
    expect(writesFor('types', file, t, merge)).toEqual([])
  })

  it('turns pipelines off in exact mode once the extra pipelines are deleted', () => {
    const file = setup(fileType({ flags: { isCategoriesEnabled: false }, pipelines: [filePipeline()] }))
    const t = target(targetType({ flags: { isCategoriesEnabled: true }, pipelines: [targetPipeline(), targetPipeline({ id: 2, name: 'Second', isDefault: false })] }))
    expect(planImport(file, t, exact).types[0]!.changes).toContainEqual({ what: 'isCategoriesEnabled', kind: 'change', before: true, after: false })
    expect(writesFor('types', file, t, exact)).toEqual([])
    expect(writesFor('pipelines', file, t, exact)).toEqual([
      { kind: 'delete_pipeline', entityTypeId: 1040, id: 2 },
      { kind: 'update_type', entityTypeId: 1040, id: 1, changes: { isCategoriesEnabled: false } },
    ])
  })

  it('writes linked fields whole, with isUseInUserfieldEnabled, as the editor does', () => {
    const file = setup(fileType({ flags: { isUseInUserfieldEnabled: true }, linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true } }))
    const t = target(targetType({ flags: { isUseInUserfieldEnabled: false }, linkedUserFields: { 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true } }))
    expect(writesFor('types', file, t, merge)).toEqual([{
      kind: 'update_type',
      entityTypeId: 1040,
      id: 1,
      changes: {
        isUseInUserfieldEnabled: true,
        linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true },
      },
    }])
  })

  it('leaves linked fields alone while isUseInUserfieldEnabled stays off, and says why', () => {
    const file = setup(fileType({ linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true } }))
    const plan = planImport(file, target(targetType({ flags: { isUseInUserfieldEnabled: false } })), merge)
    expect(plan.types[0]!.kept).toEqual([{ what: 'TASKS_TASK|UF_CRM_TASK', kind: 'change', before: false, after: true, reason: 'needs_userfield_flag' }])
    expect(plan.nothingToChange).toBe(true)
  })

  it('creates a type with its settable flags and linked fields in one call', () => {
    const file = setup(fileType({ flags: { isUseInUserfieldEnabled: true, isPaymentsEnabled: true }, linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true } }))
    const writes = writesFor('types', file, { ...target(), settableFlags: settableFlags('rest') }, merge)
    expect(writes).toEqual([{
      kind: 'create_type',
      sourceEntityTypeId: 1030,
      entityTypeId: 1030,
      title: 'Repairs',
      code: 'repairs',
      flags: { isUseInUserfieldEnabled: true },
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false },
    }])
  })
})

// ─── relations ─────────────────────────────────────────────────────────

describe('relations', () => {
  const link = (entityTypeId: number, isChildrenListEnabled = false, isPredefined = false) => ({ entityTypeId, isChildrenListEnabled, isPredefined })

  it('merge adds the file\'s links and sends the whole set, keeping the target\'s own and the predefined ones', () => {
    const file = setup(fileType({ relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true }], child: [] } }))
    const t = target(targetType({ relations: { parent: [link(3, true, true), link(1)], child: [] } }))
    const plan = planImport(file, t, merge)
    expect(plan.types[0]!.changes).toEqual([{ what: 'relation', kind: 'add', name: 'Deal', after: { side: 'parent', entityTypeId: 2, isChildrenListEnabled: true } }])
    expect(writesFor('relations', file, t, merge)).toEqual([{
      kind: 'update_type',
      entityTypeId: 1040,
      id: 1,
      changes: { relations: { parent: [link(1), link(2, true), link(3, true, true)], child: [] } },
    }])
  })

  it('exact removes the user links the file lacks, never a predefined one', () => {
    const file = setup(fileType())
    const t = target(targetType({ relations: { parent: [link(3, true, true), link(1)], child: [link(7)] } }))
    expect(planImport(file, t, exact).types[0]!.changes.map(c => [c.kind, c.name])).toEqual([['remove', 'Lead'], ['remove', 'Quote']])
    expect(writesFor('relations', file, t, exact)).toEqual([{ kind: 'update_type', entityTypeId: 1040, id: 1, changes: { relations: { parent: [link(3, true, true)], child: [] } } }])
  })

  it('sets isChildrenListEnabled of a link both have', () => {
    const file = setup(fileType({ relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true }], child: [] } }))
    const t = target(targetType({ relations: { parent: [link(2, false)], child: [] } }))
    expect(planImport(file, t, merge).types[0]!.changes).toEqual([{
      what: 'relation',
      kind: 'change',
      name: 'Deal',
      before: { side: 'parent', entityTypeId: 2, isChildrenListEnabled: false },
      after: { side: 'parent', entityTypeId: 2, isChildrenListEnabled: true },
    }])
  })

  it('finds a smart process by code, then by title; keeps both ends of a link in agreement', () => {
    const file = setup(fileType({
      relations: {
        parent: [],
        child: [
          { entityTypeId: 2000, isChildrenListEnabled: false, smartProcess: { code: 'parts', title: 'Parts' } },
          { entityTypeId: 2002, isChildrenListEnabled: true, smartProcess: { code: null, title: 'WARRANTY' } },
        ],
      },
    }))
    const t = target(
      targetType(),
      targetType({ id: 2, entityTypeId: 1050, title: 'Детали', code: 'parts' }),
      targetType({ id: 3, entityTypeId: 1052, title: 'Warranty', code: null }),
    )
    expect(writesFor('relations', file, t, merge)).toEqual([{ kind: 'update_type', entityTypeId: 1040, id: 1, changes: { relations: { parent: [], child: [link(1050), link(1052, true)] } } }])
    const after = importIntoModel(file, t, merge).state
    expect(after.types.find(x => x.entityTypeId === 1050)!.relations.parent).toEqual([link(1040)])
  })

  it('links to a type of the same file, created by this import', () => {
    const file = setup(
      fileType({ entityTypeId: 1030, code: 'a', title: 'A', relations: { parent: [], child: [{ entityTypeId: 1032, isChildrenListEnabled: true, smartProcess: { code: 'b', title: 'B' } }] } }),
      fileType({ entityTypeId: 1032, code: 'b', title: 'B', relations: { parent: [{ entityTypeId: 1030, isChildrenListEnabled: true, smartProcess: { code: 'a', title: 'A' } }], child: [] } }),
    )
    const t = target(targetType({ entityTypeId: 1030, code: 'x', title: 'X' }))
    const plan = planImport(file, t, merge)
    expect(plan.types.map(p => [p.action, p.entityTypeId])).toEqual([['create', null], ['create', 1032]])
    expect(plan.types[0]!.changes).toContainEqual({ what: 'relation', kind: 'add', name: 'B', after: { side: 'child', entityTypeId: 1032, isChildrenListEnabled: true } })
    const run = importIntoModel(file, t, merge)
    const a = run.state.types.find(x => x.code === 'a')!
    const b = run.state.types.find(x => x.code === 'b')!
    expect(a.relations.child).toEqual([link(b.entityTypeId, true)])
    expect(b.relations.parent).toEqual([link(a.entityTypeId, true)])
    expect(run.phases.flatMap(p => p.results).every(r => r.ok)).toBe(true)
  })

  it('lists a link it cannot resolve, drops it from the writes, and follows the user\'s mapping', () => {
    const rel = { entityTypeId: 2000, isChildrenListEnabled: false, smartProcess: { code: 'gone', title: 'Gone' } }
    const file = setup(fileType({ relations: { parent: [rel, { entityTypeId: 7, isChildrenListEnabled: false }], child: [] } }))
    const t: TargetState = { ...target(targetType(), targetType({ id: 2, entityTypeId: 1050, title: 'Elsewhere', code: 'else' })), knownEntityTypeIds: [1, 2, 3, 4, 1040, 1050] }
    const plan = planImport(file, t, merge)
    expect(plan.types[0]!.unresolved).toEqual([
      { entityTypeId: 2000, title: 'Gone', code: 'gone', side: 'parent' },
      { entityTypeId: 7, title: 'Quote', code: null, side: 'parent' },
    ])
    expect(plan.nothingToChange).toBe(true)
    expect(writesFor('relations', file, t, merge)).toEqual([])
    const mapped: ImportChoices = { ...merge, relationTargets: { 2000: { kind: 'map', entityTypeId: 1050 }, 7: { kind: 'drop' } } }
    expect(planImport(file, t, mapped).types[0]!.unresolved).toEqual([])
    expect(writesFor('relations', file, t, mapped)).toEqual([{ kind: 'update_type', entityTypeId: 1040, id: 1, changes: { relations: { parent: [link(1050)], child: [] } } }])
  })
})

// ─── pipelines and stages ──────────────────────────────────────────────

describe('pipelines', () => {
  it('renames the target\'s default pipeline to the file\'s default one, and adds the others', () => {
    const file = setup(fileType({ pipelines: [filePipeline({ name: 'Repairs', stages: [] }), filePipeline({ sourceId: 2, name: 'Warranty', sort: 600, isDefault: false, stages: [] })] }))
    const t = target(targetType())
    expect(writesFor('pipelines', file, t, merge)).toEqual([
      { kind: 'update_pipeline', entityTypeId: 1040, id: 1, name: 'Repairs', sort: 500 },
      { kind: 'add_pipeline', entityTypeId: 1040, name: 'Warranty', sort: 600, isDefault: false },
    ])
  })

  it('matches the other pipelines by name, and keeps the target\'s extra ones in merge mode', () => {
    const file = setup(fileType({ pipelines: [filePipeline({ stages: [] }), filePipeline({ sourceId: 2, name: 'warranty', sort: 600, isDefault: false, stages: [] })] }))
    const t = target(targetType({ pipelines: [targetPipeline(), targetPipeline({ id: 2, name: 'Warranty', sort: 600, isDefault: false }), targetPipeline({ id: 3, name: 'Extra', isDefault: false })] }))
    expect(writesFor('pipelines', file, t, merge)).toEqual([{ kind: 'update_pipeline', entityTypeId: 1040, id: 2, name: 'warranty', sort: 600 }])
  })

  it('exact deletes the pipelines the file lacks, never the default one', () => {
    const file = setup(fileType({ pipelines: [filePipeline({ isDefault: false, name: 'Only', stages: [] })] }))
    const t = target(targetType({ pipelines: [targetPipeline(), targetPipeline({ id: 2, name: 'Extra', isDefault: false })] }))
    const plan = planImport(file, t, exact)
    expect(plan.types[0]!.kept).toContainEqual({ what: 'pipeline', kind: 'remove', name: 'New pipeline', before: { name: 'New pipeline', sort: 500, isDefault: true }, reason: 'default_pipeline' })
    expect(writesFor('pipelines', file, t, exact)).toEqual([
      { kind: 'delete_pipeline', entityTypeId: 1040, id: 2 },
      { kind: 'add_pipeline', entityTypeId: 1040, name: 'Only', sort: 500, isDefault: false },
    ])
  })

  it('skips pipelines when the target\'s gateway cannot carry them, or the file has none', () => {
    const file = setup(fileType({ pipelines: [filePipeline({ name: 'Repairs' })] }))
    const t = { ...target(targetType({ pipelines: null })), pipelinesSupported: false }
    expect(only(planImport(file, t, merge).types)).toMatchObject({ pipelinesSkipped: true, changes: [] })
    expect(writesFor('pipelines', file, t, merge)).toEqual([])
    expect(only(planImport(setup(fileType({ pipelines: null })), target(targetType()), merge).types).pipelinesSkipped).toBe(true)
  })
})

describe('stages', () => {
  const withStages = (stages: StageSetup[]) => setup(fileType({ pipelines: [filePipeline({ stages })] }))

  it('renames, moves and recolours a stage matched by code, and adds the new ones', () => {
    const file = withStages([
      stage({ code: 'NEW', name: 'Received', sort: 10, color: '#22b9ff' }),
      stage({ code: 'UC_DIAG', name: 'Diagnosis', sort: 15 }),
    ])
    const t = target(targetType())
    const p = t.types[0]!.pipelines![0]!
    expect(writesFor('stages', file, t, merge)).toEqual([
      { kind: 'update_stage', entityTypeId: 1040, id: p.stages[0]!.id, name: 'Received', sort: 10, color: '#22b9ff' },
      { kind: 'add_stage', entityTypeId: 1040, categoryId: 1, code: 'UC_DIAG', name: 'Diagnosis', sort: 15, semantics: 'process', color: '#22B9FF' },
    ])
  })

  it('matches by name when codes differ, and the success stage onto the target\'s', () => {
    const file = withStages([
      stage({ code: 'UC_PREP', name: 'prepare', sort: 20, color: '#88B9FF' }),
      stage({ code: 'WON', name: 'Won', sort: 40, semantics: 'success', color: '#00ff00' }),
    ])
    const t = target(targetType())
    const stages = t.types[0]!.pipelines![0]!.stages
    expect(writesFor('stages', file, t, merge)).toEqual([
      { kind: 'update_stage', entityTypeId: 1040, id: stages[1]!.id, name: 'prepare', sort: 20, color: '#88B9FF' },
      { kind: 'update_stage', entityTypeId: 1040, id: stages[3]!.id, name: 'Won', sort: 40, color: '#00ff00' },
    ])
  })

  it('exact removes the stages the file lacks, never a system one, deletions first', () => {
    const file = withStages([stage({ code: 'UC_X', name: 'X', sort: 15 })])
    const t = target(targetType())
    const stages = t.types[0]!.pipelines![0]!.stages
    const plan = planImport(file, t, exact)
    expect(plan.types[0]!.kept.map(k => [k.what, k.name, k.reason])).toEqual([['stage', 'Start', 'system_stage'], ['stage', 'Success', 'system_stage'], ['stage', 'Failed', 'system_stage']])
    expect(writesFor('stages', file, t, exact).map(w => w.kind === 'delete_stage' ? `delete ${w.id}` : w.kind)).toEqual([`delete ${stages[1]!.id}`, `delete ${stages[2]!.id}`, 'add_stage'])
  })

  it('cannot change an existing stage\'s semantics: merge keeps it, exact replaces a stage that is not a system one', () => {
    const file = withStages([stage({ code: 'CLIENT', name: 'Lost to rival', sort: 30, semantics: 'failure', color: '#10e5fc' })])
    const t = target(targetType())
    const client = t.types[0]!.pipelines![0]!.stages[2]!
    expect(planImport(file, t, merge).types[0]!.kept).toContainEqual({ what: 'stage', kind: 'change', name: 'Lost to rival', pipeline: 'New pipeline', before: { semantics: 'process' }, after: { semantics: 'failure' }, reason: 'semantics_fixed' })
    expect(writesFor('stages', file, t, exact).filter(w => w.kind !== 'delete_stage' || w.id === client.id)).toEqual([
      { kind: 'delete_stage', entityTypeId: 1040, id: client.id },
      { kind: 'add_stage', entityTypeId: 1040, categoryId: 1, code: 'CLIENT', name: 'Lost to rival', sort: 30, semantics: 'failure', color: '#10e5fc' },
    ])
  })
})

// ─── whole imports ─────────────────────────────────────────────────────

describe('a whole import', () => {
  const repairs = fileType({
    flags: { isCategoriesEnabled: true, isStagesEnabled: true, isClientEnabled: true },
    relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true }], child: [] },
    pipelines: [
      filePipeline({ name: 'Repairs', stages: [stage({ code: 'NEW', name: 'Received' }), stage({ code: 'UC_FIX', name: 'Fixing', sort: 20 }), stage({ code: 'SUCCESS', name: 'Fixed', sort: 30, semantics: 'success', color: '#00FF00' })] }),
      filePipeline({ sourceId: 2, name: 'Warranty', sort: 600, isDefault: false, stages: [stage({ code: 'NEW', name: 'Claimed' })] }),
    ],
  })

  it('creates a type with its pipelines and stages, and a second import has nothing to change', () => {
    const file = setup(repairs)
    for (const choices of [merge, exact]) {
      const run = importIntoModel(file, target(), choices)
      expect(run.phases.flatMap(p => p.results).filter(r => !r.ok)).toEqual([])
      const made = only(run.state.types)
      expect(made).toMatchObject({ entityTypeId: 1030, title: 'Repairs', code: 'repairs', flags: { isCategoriesEnabled: true, isClientEnabled: true } })
      expect(made.relations.parent.map(r => r.entityTypeId)).toEqual([2, 3, 4])
      expect(made.pipelines!.map(p => [p.name, p.isDefault])).toEqual([['Repairs', true], ['Warranty', false]])
      const codes = made.pipelines![0]!.stages.map(s => s.code).sort()
      // Merge keeps the portal's default stages the file lacks; exact removes them, but not the system ones.
      expect(codes).toEqual(choices.mode === 'exact' ? ['FAIL', 'NEW', 'SUCCESS', 'UC_FIX'] : ['CLIENT', 'FAIL', 'NEW', 'PREPARATION', 'SUCCESS', 'UC_FIX'])
      expect(made.pipelines![0]!.stages.find(s => s.code === 'SUCCESS')!.name).toBe('Fixed')
      const again = planImport(file, run.state, merge)
      expect(again.nothingToChange).toBe(true)
      expect(IMPORT_PHASES.flatMap(phase => writesFor(phase, file, run.state, choices))).toEqual([])
    }
  })

  it('applies to a matching type without deleting anything in merge mode', () => {
    const t = target(targetType({
      relations: { parent: [{ entityTypeId: 1, isChildrenListEnabled: false, isPredefined: false }], child: [] },
      pipelines: [targetPipeline(), targetPipeline({ id: 2, name: 'Own', isDefault: false })],
    }))
    const run = importIntoModel(setup(repairs), t, merge)
    expect(run.phases.flatMap(p => p.writes).filter(w => w.kind.startsWith('delete'))).toEqual([])
    const after = only(run.state.types)
    expect(after.relations.parent.map(r => r.entityTypeId)).toEqual([1, 2, 3, 4])
    expect(after.pipelines!.map(p => p.name).sort()).toEqual(['Own', 'Repairs', 'Warranty'])
    expect(planImport(setup(repairs), run.state, merge).nothingToChange).toBe(true)
  })

  it('plans the same as a file built from the target: nothing to change', () => {
    const t = target(targetType({ flags: { isObserversEnabled: true }, pipelines: [targetPipeline()] }))
    const file = setup(fileType({ entityTypeId: 1040, flags: { isObserversEnabled: true }, pipelines: [filePipeline()] }))
    expect(planImport(file, t, exact)).toEqual({ types: [expect.objectContaining({ action: 'update', changes: [], kept: [] })], nothingToChange: true })
  })

  it('turns creates into updates of the new types for the later phases', () => {
    const c = choicesAfterCreate(merge, [{ sourceEntityTypeId: 1030, entityTypeId: 1100 }])
    expect(c.targets).toEqual({ 1030: { kind: 'update', entityTypeId: 1100 } })
    const state = applySetupWrites(target(), writesFor('types', setup(repairs), target(), merge)).state
    expect(state.types.map(t => t.entityTypeId)).toEqual([1030])
  })
})

describe('the example of docs/setup-file.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/setup-file.md'), 'utf8')
  const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!

  it('is a valid file and does what the text under it says', () => {
    const parsed = parseSetupFile(example, example.length)
    if (!parsed.ok)
      throw new Error(JSON.stringify(parsed.error))
    const spareParts = targetType({ id: 9, entityTypeId: 1050, title: 'Spare parts', code: 'parts' })
    const run = importIntoModel(parsed.file, target(spareParts), merge)
    expect(run.phases.flatMap(p => p.results).every(r => r.ok)).toBe(true)
    const made = run.state.types.find(t => t.title === 'Equipment repairs')!
    expect(made).toMatchObject({ entityTypeId: 1030, flags: { isCategoriesEnabled: true, isStagesEnabled: true, isClientEnabled: true } })
    expect(made.relations).toMatchObject({ parent: [{ entityTypeId: 2 }, { entityTypeId: 3 }, { entityTypeId: 4 }], child: [{ entityTypeId: 1050 }] })
    const [pipeline] = made.pipelines!
    expect(pipeline!.name).toBe('Repairs')
    expect(pipeline!.stages.map(s => `${s.code} ${s.name}`).sort()).toEqual(['CLIENT Approval', 'FAIL Beyond repair', 'NEW Received', 'PREPARATION Prepare', 'SUCCESS Fixed', 'UC_DIAG Diagnosis'])
    const exactRun = importIntoModel(parsed.file, target(spareParts), exact)
    expect(exactRun.state.types.find(t => t.entityTypeId === 1030)!.pipelines![0]!.stages.map(s => s.code).sort()).toEqual(['FAIL', 'NEW', 'SUCCESS', 'UC_DIAG'])
  })
})
