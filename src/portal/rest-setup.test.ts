import type { Portal } from '../../emulator/model/portal'
import type { SetupWrite, TargetState, WriteResult } from '@/domain/setup/types'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { relationsOf } from '../../emulator/model/relations'
import { SEED_TYPES } from '../../emulator/model/seed'
import { stagesOf } from '../../emulator/model/stages'
import { createInProcessGateway } from '@test/emulator-gateway'

const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES
const DEFAULT_CODES = ['NEW', 'PREPARATION', 'CLIENT', 'SUCCESS', 'FAIL']

/** Fast pauses for the rate-limit retries; everything else as in production. */
function gatewayOf(portal: Portal, userId = 1) {
  return createInProcessGateway(portal, { userId, gateway: { rateLimitDelayMs: 10 } })
}

/** What the portal answered, from its own log. */
function requests(portal: Portal) {
  return portal.log.list().map(e => e.method)
}

function typeOf(state: TargetState, entityTypeId: number) {
  const t = state.types.find(x => x.entityTypeId === entityTypeId)
  expect(t, `type ${entityTypeId}`).toBeDefined()
  return t!
}

function ok(r: WriteResult | undefined): asserts r is WriteResult & { ok: true } {
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true })
}

describe('readTypes over portal REST (emulator in-process)', () => {
  it('reads 300 types in the list plus 6 batches of 50 single-type reads; given ids, in batches alone', async () => {
    const portal = createPortal()
    const ids = portal.addTypes(297)
    const read = await gatewayOf(portal).readTypes()
    expect(read.types).toHaveLength(300)
    expect(read.types.every(t => t.relations && t.linkedUserFields)).toBe(true)
    expect(read.names.filter(n => n.isStandard).length).toBeGreaterThan(0)
    expect(portal.log.list().map(e => [e.method, e.commands?.length ?? 0])).toEqual([['crm.enum.ownertype', 0], ...Array.from({ length: 6 }, () => ['batch', 50])])
    expect(read.pipelines).toBeNull()

    portal.log.clear()
    const some = await gatewayOf(portal).readTypes([...ids.slice(0, 24), 999_998], { names: false, pipelines: true })
    // A type the portal does not find is left out; with pipelines, two commands a type.
    expect(some.types.map(t => t.entityTypeId)).toEqual(ids.slice(0, 24))
    expect(some.pipelines?.get(ids[0]!)).toHaveLength(1)
    expect(portal.log.list().map(e => e.commands?.length)).toEqual([50])
  })
})

describe('readTarget over portal REST (emulator in-process)', () => {
  let portal: Portal

  beforeEach(() => {
    portal = createPortal()
  })

  it('reads the seeded smart processes with flags, links, pipelines and stages in three requests', async () => {
    const state = await gatewayOf(portal).readTarget()
    // crm.enum.ownertype, then one batch of type + pipelines per type (6 commands), then one batch of stages (4 pipelines).
    expect(requests(portal)).toEqual(['crm.enum.ownertype', 'batch', 'batch'])
    const [types, stages] = portal.log.list().slice(1).map(e => e.commands)
    expect(types).toEqual([REPAIRS, CONTRACTS, CAMPAIGNS].flatMap(() => ['crm.type.getByEntityTypeId', 'crm.category.list']))
    expect(stages).toEqual(Array.from({ length: 4 }, () => 'crm.status.list'))

    expect(state.pipelinesSupported).toBe(true)
    expect(state.types.map(t => t.entityTypeId)).toEqual([REPAIRS, CONTRACTS, CAMPAIGNS])
    expect(state.knownEntityTypeIds).toEqual([1, 2, 3, 4, 7, 31, REPAIRS, CONTRACTS, CAMPAIGNS])

    const repairs = typeOf(state, REPAIRS)
    expect(repairs).toMatchObject({ title: 'Equipment Repairs', code: null })
    expect(repairs.flags).toMatchObject({ isStagesEnabled: true, isCategoriesEnabled: true, isClientEnabled: true, isMycompanyEnabled: false })
    // REST carries no isRecurringEnabled (docs/platform.md "Flags"): not in the flags at all.
    expect(repairs.flags).not.toHaveProperty('isRecurringEnabled')
    expect(repairs.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true })
    expect(repairs.relations.parent).toContainEqual({ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false })
    expect(repairs.relations.parent.filter(r => r.isPredefined).map(r => r.entityTypeId).sort()).toEqual([3, 4])

    expect(repairs.pipelines?.map(p => ({ name: p.name, sort: p.sort, isDefault: p.isDefault }))).toEqual([
      { name: 'New pipeline', sort: 500, isDefault: true },
      { name: 'Warranty repairs', sort: 600, isDefault: false },
    ])
    for (const p of repairs.pipelines!) {
      expect(p.stages.map(s => s.code)).toEqual(DEFAULT_CODES)
      expect(p.stages.map(s => s.semantics)).toEqual(['process', 'process', 'process', 'success', 'failure'])
      expect(p.stages.map(s => s.system)).toEqual([true, false, false, true, true])
      expect(p.stages[0]).toMatchObject({ name: 'Start', sort: 10, color: '#22B9FF' })
      // The record ids crm.status.update / delete take.
      expect(p.stages.every(s => Number.isInteger(s.id) && s.id > 0)).toBe(true)
    }
    expect(typeOf(state, CONTRACTS).pipelines).toHaveLength(1)
    expect(typeOf(state, CAMPAIGNS).relations.child.map(r => r.entityTypeId)).toEqual([2, 3])
  })

  it('stays at 1 + ceil(2·types / 50) + ceil(pipelines / 50) requests with many types', async () => {
    portal.addTypes(60)
    portal.log.clear()
    const state = await gatewayOf(portal).readTarget()
    expect(state.types).toHaveLength(63)
    const pipelines = state.types.reduce((n, t) => n + (t.pipelines?.length ?? 0), 0)
    expect(pipelines).toBe(64)
    expect(requests(portal)).toEqual(['crm.enum.ownertype', 'batch', 'batch', 'batch', 'batch', 'batch'])
    expect(portal.log.list().every(e => (e.commands?.length ?? 1) <= 50)).toBe(true)
    expect(state.types.every(t => t.pipelines!.every(p => p.stages.length === 5))).toBe(true)
  })

  it('reads only the given types, leaving out one that does not exist, with the names in the first batch', async () => {
    const state = await gatewayOf(portal).readTarget([CONTRACTS, 1098])
    expect(state.types.map(t => t.entityTypeId)).toEqual([CONTRACTS])
    expect(state.knownEntityTypeIds).toContain(CAMPAIGNS)
    expect(requests(portal)).toEqual(['batch', 'batch'])
    expect(portal.log.list()[0]!.commands?.[0]).toBe('crm.enum.ownertype')
  })

  it('ends a burst of 503 QUERY_LIMIT_EXCEEDED longer than the SDK\'s own retries in a full answer', async () => {
    portal.faults.rateLimitBurst = 5
    const state = await gatewayOf(portal).readTarget()
    expect(state.types).toHaveLength(3)
    expect(portal.log.list().filter(e => e.status === 503)).toHaveLength(5)
    expect(portal.log.list().at(-1)!.status).toBe(200)
  })
})

describe('applyWrites over portal REST (emulator in-process)', () => {
  let portal: Portal

  beforeEach(() => {
    portal = createPortal()
  })

  it('creates a type with the source\'s id and a pipeline for it in one batch, then links, stages and renames in one more', async () => {
    const gw = gatewayOf(portal)
    const progress: string[] = []
    const first = await gw.applyWrites([
      { kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: 1038, title: 'Vendor Audits', code: 'vendor_audits', flags: { isStagesEnabled: true, isCategoriesEnabled: true, isObserversEnabled: true, isSetOpenPermissions: false } },
      // The portal runs a batch's commands in order: the type exists when its pipeline is added.
      { kind: 'add_pipeline', entityTypeId: 1038, name: 'Follow-up audits', sort: 700, isDefault: false },
    ], (done, total) => progress.push(`${done}/${total}`))
    expect(requests(portal)).toEqual(['batch'])
    expect(progress).toEqual(['0/2', '2/2'])
    const [created, pipeline] = first
    ok(created)
    ok(pipeline)
    expect(created.entityTypeId).toBe(1038)
    const rec = portal.ctx.state.types.find(t => t.entityTypeId === 1038)!
    expect(created.id).toBe(rec.id)
    expect(rec).toMatchObject({ title: 'Vendor Audits', code: 'vendor_audits' })
    expect(rec.flags).toMatchObject({ isStagesEnabled: true, isCategoriesEnabled: true, isObserversEnabled: true, isSetOpenPermissions: false, isClientEnabled: false })

    const target = await gw.readTarget([1038, REPAIRS])
    const audits = typeOf(target, 1038)
    expect(audits.pipelines?.map(p => p.name)).toEqual(['New pipeline', 'Follow-up audits'])
    expect(audits.pipelines?.[1]?.id).toBe(pipeline.id)
    const start = typeOf(target, REPAIRS).pipelines![0]!.stages.find(s => s.code === 'NEW')!

    portal.log.clear()
    const second = await gw.applyWrites([
      {
        kind: 'update_type',
        entityTypeId: 1038,
        id: created.id!,
        changes: {
          relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [{ entityTypeId: REPAIRS, isChildrenListEnabled: false, isPredefined: false }] },
          linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true },
        },
      },
      { kind: 'add_stage', entityTypeId: 1038, categoryId: pipeline.id!, code: 'REVIEW', name: 'Under review', sort: 25, semantics: 'process', color: '#AABBCC' },
      { kind: 'update_stage', entityTypeId: REPAIRS, id: start.id, name: 'Reported', sort: 5, color: '#112233' },
      { kind: 'update_pipeline', entityTypeId: 1038, id: audits.pipelines![0]!.id, name: 'Audits', sort: 400 },
    ])
    expect(requests(portal)).toEqual(['batch'])
    expect(second.every(r => r.ok)).toBe(true)
    const stage = second[1]
    ok(stage)

    // The portal's state, not only the answers.
    const links = relationsOf(portal.ctx.state, 1038)
    expect(links.parent.map(r => r.entityTypeId)).toEqual([2])
    expect(links.child.map(r => r.entityTypeId)).toEqual([REPAIRS])
    expect(portal.ctx.state.types.find(t => t.entityTypeId === 1038)?.linkedUserFields).toMatchObject({ 'TASKS_TASK|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true })
    const added = stagesOf(portal.ctx.state, `DYNAMIC_1038_STAGE_${pipeline.id}`).find(s => s.id === stage.id)
    // The portal put the prefix on the bare code and kept the pipeline.
    expect(added).toMatchObject({ statusId: `DT1038_${pipeline.id}:REVIEW`, name: 'Under review', sort: 25, color: '#AABBCC', semantics: null, categoryId: pipeline.id, system: false })

    const after = await gw.readTarget([1038, REPAIRS])
    expect(typeOf(after, REPAIRS).pipelines![0]!.stages[0]).toMatchObject({ id: start.id, code: 'NEW', name: 'Reported', sort: 5, color: '#112233', system: true })
    expect(typeOf(after, 1038).pipelines!.map(p => p.name)).toEqual(['Audits', 'Follow-up audits'])
    expect(typeOf(after, 1038).pipelines![1]!.stages.map(s => s.code)).toEqual(['NEW', 'PREPARATION', 'REVIEW', 'CLIENT', 'SUCCESS', 'FAIL'])
  })

  it('sends n writes in ceil(n / 50) batch requests, one at a time, reporting progress', async () => {
    const gw = gatewayOf(portal)
    const campaigns = typeOf(await gw.readTarget([CAMPAIGNS]), CAMPAIGNS).pipelines![0]!
    const writes: SetupWrite[] = Array.from({ length: 120 }, (_, i) => ({ kind: 'add_stage', entityTypeId: CAMPAIGNS, categoryId: campaigns.id, code: `STEP_${i}`, name: `Step ${i}`, sort: 100 + i, semantics: 'process', color: '#00AA00' }))
    portal.log.clear()
    const progress: number[] = []
    const results = await gw.applyWrites(writes, done => progress.push(done))
    expect(requests(portal)).toEqual(['batch', 'batch', 'batch'])
    expect(portal.log.list().map(e => e.commands?.length)).toEqual([50, 50, 20])
    expect(progress).toEqual([0, 50, 100, 120])
    expect(results.every(r => r.ok)).toBe(true)
    const ids = results.map(r => (r.ok ? r.id : undefined))
    expect(new Set(ids).size).toBe(120)
    expect(stagesOf(portal.ctx.state, `DYNAMIC_${CAMPAIGNS}_STAGE_${campaigns.id}`)).toHaveLength(125)
  })

  it('reports a command the portal refused inside a batch for that write only', async () => {
    const gw = gatewayOf(portal)
    const repairs = typeOf(await gw.readTarget([REPAIRS]), REPAIRS)
    const [main, warranty] = repairs.pipelines!
    portal.log.clear()
    const results = await gw.applyWrites([
      // A code the pipeline has already: ERROR_CORE (crm-status-add.md).
      { kind: 'add_stage', entityTypeId: REPAIRS, categoryId: main!.id, code: 'NEW', name: 'Again', sort: 15, semantics: 'process', color: '#000000' },
      { kind: 'add_stage', entityTypeId: REPAIRS, categoryId: main!.id, code: 'ON_HOLD', name: 'On hold', sort: 35, semantics: 'process', color: '#999999' },
      // A second success stage in one dictionary (StatusTable::onBeforeAdd).
      { kind: 'add_stage', entityTypeId: REPAIRS, categoryId: main!.id, code: 'DONE', name: 'Done', sort: 45, semantics: 'success', color: '#00FF00' },
      { kind: 'add_stage', entityTypeId: REPAIRS, categoryId: warranty!.id, code: 'LOST', name: 'Lost', sort: 55, semantics: 'failure', color: '#FF0000' },
      // The default pipeline cannot be deleted (crm-category-delete.md).
      { kind: 'delete_pipeline', entityTypeId: REPAIRS, id: main!.id },
      { kind: 'update_stage', entityTypeId: REPAIRS, id: 999_999, name: 'Nobody', sort: 10, color: '#000000' },
      { kind: 'delete_pipeline', entityTypeId: REPAIRS, id: warranty!.id },
    ])
    expect(requests(portal)).toEqual(['batch'])
    expect(results.map(r => (r.ok ? 'ok' : r.error))).toEqual(['validation', 'ok', 'validation', 'ok', 'validation', 'validation', 'ok'])
    expect(results[0]).toMatchObject({ detail: expect.stringMatching(/already exists/) })
    expect(results[5]).toMatchObject({ detail: expect.stringMatching(/not found/) })
    const codes = stagesOf(portal.ctx.state, `DYNAMIC_${REPAIRS}_STAGE_${main!.id}`).map(s => s.statusId)
    expect(codes).toContain(`DT${REPAIRS}_${main!.id}:ON_HOLD`)
    expect(codes).not.toContain(`DT${REPAIRS}_${main!.id}:DONE`)
    // The warranty pipeline and its stages (the one just added too) went.
    expect(portal.ctx.state.categories?.some(c => c.id === warranty!.id)).toBe(false)
  })

  it('answers access_denied per write for an employee, and writes nothing', async () => {
    const employee = gatewayOf(portal, 2)
    const results = await employee.applyWrites([
      { kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: 1038, title: 'Vendor Audits', code: null, flags: {} },
      { kind: 'add_pipeline', entityTypeId: REPAIRS, name: 'Nope', sort: 900, isDefault: false },
    ])
    expect(results.map(r => (r.ok ? 'ok' : r.error))).toEqual(['access_denied', 'access_denied'])
    expect(portal.ctx.state.types.some(t => t.entityTypeId === 1038)).toBe(false)
  })

  // qs drops empty arrays from a batch command: `child: []` would leave the old children (docs/platform.md "Relations").
  it('sends a write that clears a relation side alone, as JSON, in its place among the batches', async () => {
    const gw = gatewayOf(portal)
    const target = await gw.readTarget([CAMPAIGNS, CONTRACTS])
    const campaigns = typeOf(target, CAMPAIGNS)
    const contracts = typeOf(target, CONTRACTS)
    expect(contracts.relations.parent.length).toBeGreaterThan(0)
    const categoryId = campaigns.pipelines![0]!.id
    portal.log.clear()
    const results = await gw.applyWrites([
      { kind: 'add_stage', entityTypeId: CAMPAIGNS, categoryId, code: 'BRIEF', name: 'Brief', sort: 15, semantics: 'process', color: '#123456' },
      { kind: 'update_type', entityTypeId: CAMPAIGNS, id: campaigns.id, changes: { relations: { parent: [{ entityTypeId: 4, isChildrenListEnabled: true, isPredefined: false }], child: [] } } },
      // Both sides empty: in a batch the whole `relations` key would vanish and nothing would change.
      { kind: 'update_type', entityTypeId: CONTRACTS, id: contracts.id, changes: { relations: { parent: [], child: [] } } },
      { kind: 'add_stage', entityTypeId: CAMPAIGNS, categoryId, code: 'LAUNCH', name: 'Launch', sort: 25, semantics: 'process', color: '#654321' },
    ])
    expect(results.every(r => r.ok)).toBe(true)
    expect(requests(portal)).toEqual(['batch', 'crm.type.update', 'crm.type.update', 'batch'])
    const links = relationsOf(portal.ctx.state, CAMPAIGNS)
    expect(links.parent.map(r => r.entityTypeId)).toEqual([4])
    expect(links.child).toEqual([])
    expect(relationsOf(portal.ctx.state, CONTRACTS)).toEqual({ parent: [], child: [] })
  })

  it('ends a 503 QUERY_LIMIT_EXCEEDED burst in answers: the refused batch is sent again, no write is lost or doubled', async () => {
    // The SDK gives up at once here, so every resend is the gateway's own.
    const gw = createInProcessGateway(portal, { restrictionParams: { maxRetries: 1 }, gateway: { rateLimitDelayMs: 10 } })
    const categoryId = typeOf(await gw.readTarget([CONTRACTS]), CONTRACTS).pipelines![0]!.id
    const writes: SetupWrite[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'add_stage', entityTypeId: CONTRACTS, categoryId, code: `C${i}`, name: `C ${i}`, sort: 100 + i, semantics: 'process', color: '#101010' }))
    portal.log.clear()
    portal.faults.rateLimitBurst = 4
    const results = await gw.applyWrites(writes)
    expect(results.every(r => r.ok)).toBe(true)
    const log = portal.log.list()
    expect(log.filter(e => e.status === 503)).toHaveLength(4)
    expect(log.filter(e => e.status === 200)).toHaveLength(2)
    expect(stagesOf(portal.ctx.state, `DYNAMIC_${CONTRACTS}_STAGE_${categoryId}`)).toHaveLength(65)
  })

  it('gives the writes of a batch that failed as a whole an answer each, never resends them, and goes on', async () => {
    const gw = gatewayOf(portal)
    const categoryId = typeOf(await gw.readTarget([CONTRACTS]), CONTRACTS).pipelines![0]!.id
    const writes: SetupWrite[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'add_stage', entityTypeId: CONTRACTS, categoryId, code: `C${i}`, name: `C ${i}`, sort: 100 + i, semantics: 'process', color: '#101010' }))
    portal.log.clear()
    // The first batch gets a 500 (the fault's errorRate); the second goes through.
    const original = portal.rest
    let first = true
    portal.rest = (req) => {
      portal.faults.errorRate = first ? 1 : 0
      first = false
      return original(req)
    }
    const results = await gw.applyWrites(writes)
    portal.rest = original
    expect(results.slice(0, 50).every(r => !r.ok && r.error === 'unknown')).toBe(true)
    expect(results.slice(50).every(r => r.ok)).toBe(true)
    expect(portal.log.list().map(e => e.status)).toEqual([500, 200])
  })
})
