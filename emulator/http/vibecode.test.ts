// @vitest-environment node
/** Every request example of seeds 000 (create), 001 (update) and 004 (delete), against the emulator's /v1 gateway. */
import type { RunningEmulator } from '../server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FLAGS } from '../../src/domain/flags'
import { startEmulator } from '../server'

let emu: RunningEmulator
let base: string
const KEY = 'YOUR_API_KEY'

beforeEach(async () => {
  emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, apiKey: KEY, quiet: true, restrictedApiKeys: { NO_CRM_SCOPE: 'no_scope', NO_TOKENS: 'no_tokens' } })
  base = `${emu.url}/v1`
})
afterEach(() => emu.close())

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { 'X-Api-Key': KEY }) {
  const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, text, json: text ? JSON.parse(text) as any : null }
}

const supplyContracts = { title: 'Supply contracts', isStagesEnabled: true, isCategoriesEnabled: true, isAutomationEnabled: true, isBizProcEnabled: true, isLinkWithProductsEnabled: true }

describe('seed 000: POST /v1/smart-processes', () => {
  it.each([
    ['curl / JavaScript, personal key', { 'X-Api-Key': KEY }],
    ['curl / JavaScript, OAuth application', { 'X-Api-Key': KEY, 'Authorization': 'Bearer USER_SESSION_TOKEN' }],
  ])('creates the type of the example (%s)', async (_name, headers) => {
    const r = await call('POST', '/smart-processes', supplyContracts, headers)
    expect(r.status).toBe(201)
    expect(r.json.success).toBe(true)
    const data = r.json.data
    expect(data).toMatchObject({ entityTypeId: expect.any(Number), title: 'Supply contracts', createdBy: 1, updatedBy: 1, customSectionId: null, isInitialized: false })
    expect(data.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    for (const f of FLAGS)
      expect(data[f.key]).toBe(f.key in supplyContracts ? true : f.default)
    expect(data.isSetOpenPermissions).toBe(true)
    expect(data.entityTypeId).toBeGreaterThanOrEqual(1030)
  })

  it('stores the relations example bidirectionally (deals get the new type as a child)', async () => {
    const r = await call('POST', '/smart-processes', { title: 'Supply contracts', relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'Y' }], child: [{ entityTypeId: 3, isChildrenListEnabled: 'Y' }] } })
    expect(r.json.data.relations).toEqual({
      parent: [{ entityTypeId: 2, isChildrenListEnabled: 'Y', isPredefined: 'N' }],
      child: [{ entityTypeId: 3, isChildrenListEnabled: 'Y', isPredefined: 'N' }],
    })
    expect(emu.portal.ctx.state.edges).toContainEqual({ parent: 2, child: r.json.data.entityTypeId, isChildrenListEnabled: true, isPredefined: false })
  })

  it('stores the linkedUserFields example', async () => {
    const lf = { 'TASKS_TASK|UF_CRM_TASK': 'Y', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'Y', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'Y' }
    const r = await call('POST', '/smart-processes', { title: 'Supply contracts', linkedUserFields: lf })
    expect((await call('GET', `/smart-processes/${r.json.data.entityTypeId}`)).json.data.linkedUserFields).toEqual(lf)
  })

  it('adds contacts and companies as predefined parents with isClientEnabled', async () => {
    const r = await call('POST', '/smart-processes', { title: 'Clients', isClientEnabled: true })
    expect(r.json.data.relations.parent).toEqual([
      { entityTypeId: 3, isChildrenListEnabled: 'Y', isPredefined: 'Y' },
      { entityTypeId: 4, isChildrenListEnabled: 'Y', isPredefined: 'Y' },
    ])
  })

  it('answers 422 BITRIX_ERROR when the title is missing', async () => {
    const r = await call('POST', '/smart-processes', { isStagesEnabled: true })
    expect(r.status).toBe(422)
    expect(r.json).toEqual({ success: false, error: { code: 'BITRIX_ERROR', message: 'Required field "Title" is not filled in' } })
  })

  it('answers the documented BITRIX_ERROR messages for a bad entityTypeId and the type limit', async () => {
    expect((await call('POST', '/smart-processes', { title: 'x', entityTypeId: 500 })).json.error).toEqual({ code: 'BITRIX_ERROR', message: 'EntityTypeId should be more or equal than 128 and less than 192' })
    await emu.close()
    emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, apiKey: KEY, quiet: true, maxTypes: 3 })
    base = `${emu.url}/v1`
    expect((await call('POST', '/smart-processes', { title: 'x' })).json.error).toEqual({ code: 'BITRIX_ERROR', message: 'Maximum number of smart processes exceeded' })
  })

  it('answers 401 MISSING_API_KEY, 401 INVALID_API_KEY and 403 SCOPE_DENIED', async () => {
    expect(await call('POST', '/smart-processes', supplyContracts, {})).toMatchObject({ status: 401, json: { success: false, error: { code: 'MISSING_API_KEY' } } })
    expect(await call('POST', '/smart-processes', supplyContracts, { 'X-Api-Key': 'revoked' })).toMatchObject({ status: 401, json: { error: { code: 'INVALID_API_KEY' } } })
    expect(await call('POST', '/smart-processes', supplyContracts, { 'X-Api-Key': 'NO_CRM_SCOPE' })).toMatchObject({ status: 403, json: { error: { code: 'SCOPE_DENIED' } } })
  })
})

describe('seed 001: PATCH /v1/smart-processes/:entityTypeId', () => {
  const rename = { title: 'Supply contracts (updated name)', code: 'supply_contracts', isAutomationEnabled: false }

  it.each([
    ['personal key', { 'X-Api-Key': KEY }],
    ['OAuth application', { 'X-Api-Key': KEY, 'Authorization': 'Bearer USER_SESSION_TOKEN' }],
  ])('updates only the fields sent and returns the full type (%s)', async (_name, headers) => {
    const created = (await call('POST', '/smart-processes', supplyContracts)).json.data
    const r = await call('PATCH', `/smart-processes/${created.entityTypeId}`, rename, headers)
    expect(r.status).toBe(200)
    expect(r.json.data).toMatchObject({ ...rename, entityTypeId: created.entityTypeId, isStagesEnabled: true, isBizProcEnabled: true, isInitialized: true })
    expect(r.json.data.updatedTime).not.toBe(created.updatedTime)
  })

  it('answers 404 SMART_PROCESS_NOT_FOUND for an unknown entityTypeId', async () => {
    const r = await call('PATCH', '/smart-processes/99999', rename)
    expect(r).toMatchObject({ status: 404, json: { success: false, error: { code: 'SMART_PROCESS_NOT_FOUND', message: 'Smart process with entityTypeId=99999 not found' } } })
  })

  it('replaces relations whole: relations.parent [3] drops every previous parent', async () => {
    const r = await call('PATCH', '/smart-processes/1032', { relations: { parent: [{ entityTypeId: 3 }] } })
    expect(r.json.data.relations.parent).toEqual([{ entityTypeId: 3, isChildrenListEnabled: 'N', isPredefined: 'N' }])
  })

  it('answers 200 with the current state for an empty body, changing nothing', async () => {
    const before = (await call('GET', '/smart-processes/1034')).json.data
    const r = await call('PATCH', '/smart-processes/1034', {})
    expect(r.status).toBe(200)
    expect(r.json.data).toEqual(before)
  })

  it('keeps entityTypeId immutable', async () => {
    const r = await call('PATCH', '/smart-processes/1034', { entityTypeId: 2000, title: 'Campaigns' })
    expect(r.json.data.entityTypeId).toBe(1034)
  })

  it('answers 401 TOKEN_MISSING for a key without tokens', async () => {
    expect(await call('PATCH', '/smart-processes/1034', rename, { 'X-Api-Key': 'NO_TOKENS' })).toMatchObject({ status: 401, json: { error: { code: 'TOKEN_MISSING' } } })
  })
})

describe('seed 004: DELETE /v1/smart-processes/:entityTypeId', () => {
  it.each([
    ['personal key', { 'X-Api-Key': KEY }],
    ['OAuth application', { 'X-Api-Key': KEY, 'Authorization': 'Bearer USER_SESSION_TOKEN' }],
  ])('answers 204 with an empty body (%s)', async (_name, headers) => {
    const created = (await call('POST', '/smart-processes', { title: 'Doomed' })).json.data
    const r = await call('DELETE', `/smart-processes/${created.entityTypeId}`, undefined, headers)
    expect(r.status).toBe(204)
    expect(r.text).toBe('')
    expect((await call('GET', `/smart-processes/${created.entityTypeId}`)).status).toBe(404)
  })

  it('answers 404 for an unknown type and 422 while the type has items', async () => {
    expect(await call('DELETE', '/smart-processes/99999')).toMatchObject({ status: 404, json: { error: { code: 'SMART_PROCESS_NOT_FOUND', message: 'Smart process with entityTypeId=99999 not found' } } })
    expect(await call('DELETE', '/smart-processes/1030')).toMatchObject({ status: 422, json: { success: false, error: { code: 'BITRIX_ERROR', message: 'You cannot delete an entity type that has items' } } })
  })

  it('counts items with the aggregate example', async () => {
    expect((await call('POST', '/items/1030/aggregate', { count: true })).json).toEqual({ success: true, data: { count: 5 } })
    expect((await call('POST', '/items/1034/aggregate', { count: true })).json.data.count).toBe(0)
    expect((await call('POST', '/items/99999/aggregate', { count: true })).status).toBe(404)
  })

  it('never reuses a deleted entityTypeId and leaves other types\' relations dangling', async () => {
    const a = (await call('POST', '/smart-processes', { title: 'A', relations: { child: [{ entityTypeId: 1034, isChildrenListEnabled: 'Y' }] } })).json.data
    await call('DELETE', `/smart-processes/${a.entityTypeId}`)
    const b = (await call('POST', '/smart-processes', { title: 'B' })).json.data
    expect(b.entityTypeId).not.toBe(a.entityTypeId)
    expect(b.entityTypeId).toBeGreaterThanOrEqual(1030)
    expect((await call('GET', '/smart-processes/1034')).json.data.relations.parent.map((r: any) => r.entityTypeId)).toContain(a.entityTypeId)
  })

  it('answers 401/403 for missing, invalid and scope-less keys', async () => {
    expect((await call('DELETE', '/smart-processes/1034', undefined, {})).json.error.code).toBe('MISSING_API_KEY')
    expect((await call('DELETE', '/smart-processes/1034', undefined, { 'X-Api-Key': 'nope' })).json.error.code).toBe('INVALID_API_KEY')
    expect((await call('DELETE', '/smart-processes/1034', undefined, { 'X-Api-Key': 'NO_CRM_SCOPE' })).status).toBe(403)
    expect((await call('DELETE', '/smart-processes/1034', undefined, { 'X-Api-Key': 'NO_TOKENS' })).json.error.code).toBe('TOKEN_MISSING')
  })
})

describe('list, one and fields', () => {
  it('lists every type without relations, reads one with them, and describes the fields', async () => {
    const list = await call('GET', '/smart-processes')
    expect(list.json.data.map((t: any) => t.title)).toEqual(['Equipment Repairs', 'Supplier Contracts', 'Marketing Campaigns'])
    expect(list.json.total).toBe(3)
    expect(list.json.data[0].relations).toBeUndefined()
    expect((await call('GET', '/smart-processes/1030')).json.data.relations.parent).toHaveLength(3)
    const fields = (await call('GET', '/smart-processes/fields')).json.data
    expect(fields.title.isRequired).toBe(true)
    expect(fields.isSetOpenPermissions.type).toBe('boolean')
  })

  it('acts as the user of a portal session token given as Bearer (user 2 cannot write)', async () => {
    const t = emu.portal.issueTokens(2)
    const r = await call('POST', '/smart-processes', { title: 'x' }, { 'X-Api-Key': KEY, 'Authorization': `Bearer ${t.accessToken}` })
    expect(r).toMatchObject({ status: 422, json: { error: { code: 'BITRIX_ERROR', message: 'Access denied' } } })
  })

  it('logs gateway requests and answers CORS preflight', async () => {
    await call('GET', '/smart-processes')
    expect(emu.portal.log.list().at(-1)).toMatchObject({ via: 'v1', method: 'GET /v1/smart-processes', status: 200 })
    const pre = await fetch(`${base}/smart-processes/1030`, { method: 'OPTIONS', headers: { 'origin': 'http://x.test', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'x-api-key,content-type' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH')
  })
})
