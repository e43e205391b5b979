// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVibecodeGateway } from './vibecode-gateway'
import { rejectionOf } from '@test/rejection'

interface Call {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

type Reply = { status: number, body?: unknown, raw?: string }
type Route = (call: Call) => Reply | Promise<Reply>

const KEY = 'sk_live_secret_key_123'

/** A fetch that answers from `route` and records every call. */
function stubFetch(route: Route) {
  const calls: Call[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    const r = await route(call)
    const text = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body))
    return new Response(r.status === 204 ? null : text, { status: r.status, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetch: fetch as typeof globalThis.fetch, calls }
}

const typeData = (over: Record<string, unknown> = {}) => ({
  id: 31,
  entityTypeId: 1050,
  title: 'Supply contracts',
  isStagesEnabled: true,
  isClientEnabled: true,
  isSetOpenPermissions: true,
  updatedTime: '2026-04-21T13:46:45+03:00',
  relations: { parent: [{ entityTypeId: 3, isChildrenListEnabled: 'Y', isPredefined: 'Y' }], child: [] },
  linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'Y' },
  ...over,
})
const ok = (data: unknown): Reply => ({ status: 200, body: { success: true, data } })
const fail = (status: number, code: string, message = ''): Reply => ({ status, body: { success: false, error: { code, message } } })

describe('vibecode gateway: requests', () => {
  it('sends the key in X-Api-Key, the session in Bearer, and never the key in the URL', async () => {
    const { fetch, calls } = stubFetch(() => ok(typeData()))
    const gw = createVibecodeGateway({ baseUrl: 'https://gw.example/', apiKey: KEY, bearer: 'session-1', fetch })
    await gw.getType(1050)
    expect(calls[0]).toMatchObject({ method: 'GET', url: 'https://gw.example/v1/smart-processes/1050' })
    expect(calls[0]?.headers['X-Api-Key']).toBe(KEY)
    expect(calls[0]?.headers.Authorization).toBe('Bearer session-1')
    expect(calls.every(c => !c.url.includes(KEY))).toBe(true)
  })

  it('reads a type with booleans and predefined relations', async () => {
    const { fetch } = stubFetch(() => ok(typeData()))
    const t = await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).getType(1050)
    expect(t).toMatchObject({ id: 31, entityTypeId: 1050, isStagesEnabled: true, isObserversEnabled: false })
    expect(t.relations?.parent).toEqual([{ entityTypeId: 3, isChildrenListEnabled: true, isPredefined: true }])
    expect(t.linkedUserFields?.['TASKS_TASK|UF_CRM_TASK']).toBe(true)
  })

  it('patches only the changed keys by entityTypeId and reads relations back when the answer lacks them', async () => {
    const { fetch, calls } = stubFetch(c => c.method === 'PATCH'
      ? ok(typeData({ isObserversEnabled: true, relations: undefined, linkedUserFields: undefined }))
      : ok(typeData({ isObserversEnabled: true })))
    const t = await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).updateType({ id: 31, entityTypeId: 1050 }, { isObserversEnabled: true })
    expect(calls.map(c => `${c.method} ${c.url}`)).toEqual(['PATCH http://x/v1/smart-processes/1050', 'GET http://x/v1/smart-processes/1050'])
    expect(calls[0]?.body).toEqual({ isObserversEnabled: true })
    expect(calls[0]?.headers['Content-Type']).toBe('application/json')
    expect(t.isObserversEnabled).toBe(true)
    expect(t.relations).toBeDefined()
  })

  it('creates with booleans and returns the assigned entityTypeId', async () => {
    const { fetch, calls } = stubFetch(c => c.method === 'POST' ? ok(typeData({ entityTypeId: 1052 })) : fail(500, 'X'))
    const t = await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).createType({ title: 'New', isStagesEnabled: true })
    expect(calls[0]?.body).toEqual({ title: 'New', isStagesEnabled: true })
    expect(t.entityTypeId).toBe(1052)
  })

  it('deletes by entityTypeId and accepts 204 with no body', async () => {
    const { fetch, calls } = stubFetch(() => ({ status: 204 }))
    await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).deleteType({ id: 31, entityTypeId: 1050 })
    expect(calls[0]).toMatchObject({ method: 'DELETE', url: 'http://x/v1/smart-processes/1050' })
  })

  it('counts items through the aggregate endpoint', async () => {
    const { fetch, calls } = stubFetch(() => ok({ count: 12 }))
    expect(await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).countItems(1050)).toBe(12)
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'http://x/v1/items/1050/aggregate', body: { count: true } })
  })

  it('lists every page and strips relations from rows', async () => {
    const { fetch, calls } = stubFetch(c => c.url.endsWith('start=2')
      ? ok({ items: [typeData({ id: 3, entityTypeId: 1034 })] })
      : ok({ items: [typeData({ id: 1, entityTypeId: 1030 }), typeData({ id: 2, entityTypeId: 1032 })], next: 2 }))
    const rows = await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).listTypes()
    expect(rows.map(r => r.entityTypeId)).toEqual([1030, 1032, 1034])
    expect(rows.every(r => r.relations === undefined)).toBe(true)
    expect(calls).toHaveLength(2)
  })

  it('loads a placement: the type, all type names with the standard ones, and the user', async () => {
    const { fetch } = stubFetch((c) => {
      if (c.url.endsWith('/v1/smart-processes'))
        return ok([typeData()])
      if (c.url.endsWith('/v1/users/current'))
        return ok({ id: 1, name: 'Alex', lastName: 'Morgan', isAdmin: true })
      return ok(typeData())
    })
    const snap = await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).loadPlacement(1050)
    expect(snap.type.entityTypeId).toBe(1050)
    expect(snap.typeNames.filter(n => n.isStandard).map(n => n.entityTypeId)).toEqual([1, 2, 3, 4, 7, 31])
    expect(snap.typeNames).toContainEqual({ entityTypeId: 1050, title: 'Supply contracts', isStandard: false })
    expect(snap.user).toEqual({ id: 1, name: 'Alex Morgan', isAdmin: true, canEditTypes: true })
  })

  it('treats the key holder as the user when the gateway has no user endpoint', async () => {
    const { fetch } = stubFetch(() => fail(404, 'NOT_FOUND'))
    expect(await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).currentUser()).toEqual({ id: 0, name: '', isAdmin: true, canEditTypes: true })
  })

  it('assumes read-only for an OAuth session when the gateway has no user endpoint', async () => {
    const { fetch } = stubFetch(() => fail(404, 'NOT_FOUND'))
    expect((await createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, bearer: 's', fetch }).currentUser()).isAdmin).toBe(false)
  })
})

describe('vibecode gateway: failures', () => {
  it.each([
    [fail(401, 'MISSING_API_KEY'), 'invalid_token', false],
    [fail(401, 'INVALID_API_KEY'), 'invalid_token', false],
    [fail(401, 'TOKEN_MISSING'), 'invalid_token', false],
    [fail(403, 'SCOPE_DENIED'), 'access_denied', false],
    [fail(404, 'SMART_PROCESS_NOT_FOUND', 'Smart process with entityTypeId=99999 not found'), 'not_found', false],
    [fail(422, 'BITRIX_ERROR', 'You cannot delete an entity type that has items'), 'validation', false],
    [fail(422, 'BITRIX_ERROR', 'Required field "Title" is not filled in'), 'validation', false],
    [fail(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests'), 'rate_limited', true],
    [{ status: 502, raw: '<html>Bad gateway</html>' }, 'unknown', true],
    [{ status: 200, raw: 'not json' }, 'malformed_response', false],
    [{ status: 200, body: { data: 1 } }, 'malformed_response', false],
  ] as const)('%j becomes %s', async (reply, code, retryable) => {
    const { fetch } = stubFetch(() => reply)
    const e = await rejectionOf(createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).getType(99999))
    expect(e.name).toBe('AppError')
    expect(e.code).toBe(code)
    expect(e.retryable).toBe(retryable)
    expect(`${e.message} ${e.detail}`).not.toContain(KEY)
  })

  it('turns a refused connection into network, retryable', async () => {
    const fetch = (async () => {
      throw new TypeError(`fetch failed`)
    }) as typeof globalThis.fetch
    const e = await rejectionOf(createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch }).listTypes())
    expect(e).toMatchObject({ code: 'network', retryable: true })
  })

  it('gives up after timeoutMs with timeout, retryable', async () => {
    const fetch = ((_url: string, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    })) as typeof globalThis.fetch
    const started = Date.now()
    const e = await rejectionOf(createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch, timeoutMs: 50 }).getType(1))
    expect(e).toMatchObject({ code: 'timeout', retryable: true })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses placement methods with not_supported: /v1 has no placement.*', async () => {
    const { fetch, calls } = stubFetch(() => ok(null))
    const gw = createVibecodeGateway({ baseUrl: 'http://x', apiKey: KEY, fetch })
    expect((await rejectionOf(gw.listPlacements())).code).toBe('not_supported')
    expect((await rejectionOf(gw.bindPlacements([]))).code).toBe('not_supported')
    expect((await rejectionOf(gw.unbindPlacements([]))).code).toBe('not_supported')
    expect(calls).toHaveLength(0)
  })
})
