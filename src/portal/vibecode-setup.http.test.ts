// @vitest-environment node
// Real sockets against the emulator's /v1 gateway: Node's fetch, not happy-dom's.
import type { RunningEmulator } from '../../emulator/server'
import type { SetupWrite } from '@/domain/setup/types'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { relationsOf } from '../../emulator/model/relations'
import { SEED_TYPES } from '../../emulator/model/seed'
import { startEmulator } from '../../emulator/server'
import { createVibecodeGateway } from './vibecode-gateway'

const API_KEY = 'vibecode-setup-key'
const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES

describe('the setup import over the vibecode gateway (emulator over HTTP)', () => {
  let emu: RunningEmulator
  const gateway = () => createVibecodeGateway({ baseUrl: emu.url, apiKey: API_KEY })
  const v1Requests = () => emu.portal.log.list().filter(e => e.via === 'v1').map(e => e.method)

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, appUrl: 'http://127.0.0.1:4499/', dataFile: null, reset: true, quiet: true, apiKey: API_KEY })
  })
  afterAll(async () => {
    await emu.close()
  })
  beforeEach(() => {
    emu.portal.reset()
  })

  it('reads every type with relations and linked fields, one by one after the list, and no pipelines', async () => {
    const state = await gateway().readTarget()
    expect(state.pipelinesSupported).toBe(false)
    expect(state.types.map(t => t.entityTypeId)).toEqual([REPAIRS, CONTRACTS, CAMPAIGNS])
    expect(state.types.every(t => t.pipelines === null)).toBe(true)
    expect(state.knownEntityTypeIds).toEqual([1, 2, 3, 4, 7, 31, REPAIRS, CONTRACTS, CAMPAIGNS])
    const repairs = state.types[0]!
    expect(repairs.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true })
    expect(repairs.relations.parent).toContainEqual({ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false })
    // The gateway's 17 flags (docs/platform.md "Flags"), isRecurringEnabled among them.
    expect(repairs.flags).toHaveProperty('isRecurringEnabled', false)
    expect(v1Requests().sort()).toEqual(['GET /v1/smart-processes', ...Array.from({ length: 3 }, () => 'GET /v1/smart-processes/:entityTypeId')].sort())
  })

  it('reads only the given types and leaves out one that does not exist', async () => {
    const state = await gateway().readTarget([CONTRACTS, 1098])
    expect(state.types.map(t => t.entityTypeId)).toEqual([CONTRACTS])
    expect(state.knownEntityTypeIds).toContain(CAMPAIGNS)
  })

  it('reads types one by one for a bulk change (readTypes): given ids without the list, no pipelines, a missing one left out', async () => {
    const read = await gateway().readTypes([CONTRACTS, 1098], { names: false, pipelines: true })
    expect(read.types.map(t => t.entityTypeId)).toEqual([CONTRACTS])
    expect(read.pipelines).toBeNull()
    expect(read.names).toEqual([])
    expect(v1Requests().sort()).toEqual(['GET /v1/smart-processes/:entityTypeId', 'GET /v1/smart-processes/:entityTypeId'])
  })

  it('creates and updates types, and answers not_supported for every pipeline and stage write without a request', async () => {
    const gw = gateway()
    const campaigns = (await gw.readTarget([CAMPAIGNS])).types[0]!
    emu.portal.log.clear()
    const writes: SetupWrite[] = [
      { kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: 1038, title: 'Vendor Audits', code: 'vendor_audits', flags: { isStagesEnabled: true, isRecurringEnabled: true } },
      { kind: 'update_type', entityTypeId: CAMPAIGNS, id: campaigns.id, changes: { title: 'Campaigns', relations: { parent: [{ entityTypeId: 4, isChildrenListEnabled: true, isPredefined: false }], child: [] } } },
      { kind: 'add_pipeline', entityTypeId: 1038, name: 'Audits', sort: 500, isDefault: false },
      { kind: 'update_pipeline', entityTypeId: 1038, id: 1, name: 'Main', sort: 100 },
      { kind: 'delete_pipeline', entityTypeId: 1038, id: 1 },
      { kind: 'add_stage', entityTypeId: 1038, categoryId: 1, code: 'REVIEW', name: 'Review', sort: 25, semantics: 'process', color: '#AABBCC' },
      { kind: 'update_stage', entityTypeId: 1038, id: 101, name: 'Start', sort: 10, color: '#000000' },
      { kind: 'delete_stage', entityTypeId: 1038, id: 101 },
      { kind: 'create_type', sourceEntityTypeId: 500, entityTypeId: 500, title: 'Out of range', code: null, flags: {} },
    ]
    const progress: number[] = []
    const results = await gw.applyWrites(writes, done => progress.push(done))
    expect(results.map(r => (r.ok ? 'ok' : r.error))).toEqual(['ok', 'ok', ...Array.from({ length: 6 }, () => 'not_supported'), 'validation'])
    expect(results[0]).toMatchObject({ ok: true, entityTypeId: 1038, id: expect.any(Number) })
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(v1Requests()).toEqual(['POST /v1/smart-processes', 'PATCH /v1/smart-processes/:entityTypeId', 'POST /v1/smart-processes'])

    const state = emu.portal.ctx.state
    expect(state.types.find(t => t.entityTypeId === 1038)).toMatchObject({ title: 'Vendor Audits', code: 'vendor_audits', flags: { isStagesEnabled: true, isRecurringEnabled: true } })
    expect(state.types.find(t => t.entityTypeId === CAMPAIGNS)?.title).toBe('Campaigns')
    expect(relationsOf(state, CAMPAIGNS)).toEqual({ parent: [{ entityTypeId: 4, isChildrenListEnabled: true, isPredefined: false }], child: [] })
  })
})
