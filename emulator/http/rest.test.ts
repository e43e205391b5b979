// @vitest-environment node
import type { RunningEmulator } from '../server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../server'

let emu: RunningEmulator
let token: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, webhookSecret: 'hook123', apiKey: 'key', quiet: true })
  token = emu.portal.issueTokens(1).accessToken
})
afterAll(() => emu.close())

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${emu.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { status: res.status, headers: res.headers, body: await res.json() as any }
}

describe('REST over HTTP', () => {
  it('answers the SDK\'s request shape: JSON body with auth, bx24_* query, result and time', async () => {
    const r = await post('/rest/crm.type.list?bx24_request_id=abc&bx24_sdk_ver=2.2.0&bx24_sdk_type=b24-js-sdk', { auth: token, start: 0 })
    expect(r.status).toBe(200)
    expect(r.body.result.types).toHaveLength(3)
    expect(r.body.total).toBe(3)
    expect(r.body.time).toEqual(expect.objectContaining({ start: expect.any(Number), finish: expect.any(Number), duration: expect.any(Number), processing: expect.any(Number), date_start: expect.any(String), date_finish: expect.any(String), operating: 0 }))
    expect(r.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('accepts /rest/<method>.json and PHP form bodies', async () => {
    const form = `auth=${token}&fields[title]=From+a+form&fields[isClientEnabled]=Y&fields[relations][child][0][entityTypeId]=2&fields[relations][child][0][isChildrenListEnabled]=true`
    const r = await post('/rest/crm.type.add.json', form, { 'content-type': 'application/x-www-form-urlencoded' })
    expect(r.status).toBe(200)
    expect(r.body.result.type).toMatchObject({ title: 'From a form', isClientEnabled: 'Y' })
    expect(r.body.result.type.relations.child).toEqual([{ entityTypeId: 2, isChildrenListEnabled: 'Y', isPredefined: 'N' }])
  })

  it('answers errors with HTTP status and {error, error_description}', async () => {
    // English text of error 0: docs/platform.md "Errors" ("SPA not found"); the emulator said "Smart process not found" before.
    expect(await post('/rest/crm.type.get', { auth: token, id: 999 })).toMatchObject({ status: 400, body: { error: 0, error_description: 'SPA not found' } })
    expect(await post('/rest/crm.type.list', { auth: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_token' } })
    expect(await post('/rest/no.such.method', { auth: token })).toMatchObject({ status: 404, body: { error: 'ERROR_METHOD_NOT_FOUND' } })
    const bad = await post('/rest/crm.type.list', '{not json', { 'content-type': 'application/json' })
    expect(bad).toMatchObject({ status: 400, body: { error: 'INVALID_REQUEST', error_description: 'Invalid JSON body' } })
  })

  it('answers 401 expired_token once tokens expire', async () => {
    const t = emu.portal.issueTokens(2)
    emu.portal.expireAllTokens()
    expect(await post('/rest/user.current', { auth: t.accessToken })).toEqual({ status: 401, headers: expect.anything(), body: { error: 'expired_token', error_description: 'The access token provided has expired.' } })
    token = emu.portal.issueTokens(1).accessToken
  })

  it('serves inbound webhooks for user 1 and refuses a wrong secret', async () => {
    const r = await post('/rest/1/hook123/crm.item.list.json', { entityTypeId: 1030, select: ['id'] })
    expect(r.body.total).toBe(5)
    expect((await post('/rest/1/nope/user.current', {})).status).toBe(401)
    expect((await post('/rest/2/hook123/user.current', {})).status).toBe(401)
    const get = await fetch(`${emu.url}/rest/1/hook123/user.admin?x=1`)
    expect(await get.json()).toMatchObject({ result: true })
  })

  it('answers CORS preflight and adds the allow-origin header', async () => {
    const pre = await fetch(`${emu.url}/rest/batch`, { method: 'OPTIONS', headers: { 'origin': 'http://localhost:4399', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type')
    const r = await post('/rest/user.admin', { auth: token }, { 'content-type': 'application/json', 'origin': 'http://localhost:4399' })
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  // user.current needs scope user/user_brief/user_basic (api-reference/user/user-current.md); the app has crm,placement.
  it('runs a batch sent as JSON, the way b24jssdk sends it; a command outside the app\'s scopes fails alone', async () => {
    const r = await post('/rest/batch', { auth: token, halt: 0, cmd: { t: 'crm.type.list?start=0', p: 'profile', u: 'user.current' } })
    expect(r.status).toBe(200)
    expect(r.body.result.result.p.ID).toBe('1')
    expect(r.body.result.result_total.t).toBe(4)
    expect(r.body.result.result_error.u).toEqual({ error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token' })
  })
})

describe('control API', () => {
  const api = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${emu.url}/emulator/api/${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })

  it('reads and changes faults; latency delays answers', async () => {
    const f = await (await api('faults', 'PUT', { latencyMs: 150, dropRelationsTo: '2, 3' })).json()
    expect(f).toMatchObject({ latencyMs: 150, dropRelationsTo: [2, 3], rateLimit: true })
    const t0 = Date.now()
    await post('/rest/user.admin', { auth: token })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    await api('faults', 'PUT', { latencyMs: 0, dropRelationsTo: [] })
  })

  it('logs requests, clears the log, issues tokens, expires them, adds types, edits as another admin, resets', async () => {
    expect((await api('requests', 'DELETE')).status).toBe(204)
    const tokens = await (await api('tokens', 'POST', { userId: 2 })).json()
    await post('/rest/batch', { auth: tokens.accessToken, cmd: { a: 'user.admin', b: 'crm.type.list' } })
    const log = (await (await api('requests')).json()).requests
    expect(log).toEqual([expect.objectContaining({ method: 'batch', commands: ['user.admin', 'crm.type.list'], userId: 2, status: 200 })])
    await api('expire-tokens', 'POST')
    expect((await post('/rest/user.admin', { auth: tokens.accessToken })).body.error).toBe('expired_token')
    const refreshed = await (await api('refresh', 'POST', { refreshToken: tokens.refreshToken })).json()
    expect((await post('/rest/user.admin', { auth: refreshed.accessToken })).body.result).toBe(false)
    const added = await (await api('add-types', 'POST', { count: 3 })).json()
    expect(added.entityTypeIds).toHaveLength(3)
    const edit = await (await api('other-admin-edit', 'POST', { entityTypeId: 1034 })).json()
    expect(edit).toMatchObject({ flag: expect.any(String) })
    expect((await api('other-admin-edit', 'POST', { entityTypeId: 4242 })).status).toBe(404)
    await api('reset', 'POST')
    expect(emu.portal.ctx.state.types).toHaveLength(3)
    expect((await fetch(`${emu.url}/healthz`)).status).toBe(200)
  })
})
