// @vitest-environment node
// Real sockets: Node's fetch against the emulator's HTTP server and a raw server for odd answers.
import type * as AxiosModule from 'axios'
import type { Server } from 'node:http'
import type { RunningEmulator } from '../../../emulator/server'
import type { TestClientOptions } from '@test/emulator-gateway'
import { ApiVersion } from '@bitrix24/b24jssdk'
import { AxiosError as SdkAxiosError } from 'axios'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../emulator/server'
import { mapPortalError } from '../errors'
import { createHttpClient } from '@test/emulator-gateway'
import shim, { AxiosError as ShimAxiosError } from './axios'

// The real axios (b24jssdk's dependency), loaded by Node so the build's alias does not apply.
const real = createRequire(import.meta.url)('axios') as typeof AxiosModule.default

/**
 * Real axios as the SDK would hold it: the SDK tells its errors by
 * `instanceof AxiosError` of the axios it imports (here, as in the build,
 * the shim), so real axios' errors get that class; every field stays as
 * axios made it.
 */
function realAxios(config: AxiosModule.CreateAxiosDefaults) {
  const instance = real.create(config)
  const asSdkError = (e: unknown) => {
    if (e instanceof real.AxiosError)
      Object.setPrototypeOf(e, SdkAxiosError.prototype)
    throw e
  }
  return { defaults: instance.defaults, post: (url: string, data?: unknown) => instance.post(url, data).catch(asSdkError) }
}

type Kind = 'shim' | 'axios'
interface Outcome {
  ok: boolean
  data?: unknown
  error?: { name: string, code: string, status: number, message: string }
  cause?: { isAxiosError: unknown, code: unknown, message: unknown, status: unknown, data: unknown }
  app?: { code: string, retryable: boolean }
}

interface Swappable {
  _clientAxios: { defaults: Record<string, unknown> }
}

describe('the axios shim under b24jssdk, against real axios', () => {
  let emu: RunningEmulator
  let raw: Server
  let rawUrl = ''

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, appUrl: 'http://127.0.0.1:4203/', dataFile: null, reset: true, quiet: true })
    // Answers a proxy or a broken portal might give: HTML 502, a 200 that is not JSON.
    raw = createServer((req, res) => {
      if (req.url?.includes('never.answers'))
        return
      if (req.url?.includes('proxy.down')) {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>')
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('not json')
    })
    await new Promise<void>(resolve => raw.listen(0, '127.0.0.1', resolve))
    const address = raw.address()
    rawUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await emu.close()
    raw.closeAllConnections()
    await new Promise(resolve => raw.close(resolve))
  })
  beforeEach(() => {
    emu.portal.reset()
  })

  /** A test client whose SDK HttpV2 sends through `kind`, with the options the SDK gave its own instance. */
  function client(kind: Kind, base: string, options: TestClientOptions & { timeout?: number } = {}) {
    const c = createHttpClient(emu.portal, base, { readRetries: 0, ...options })
    const http = c.b24.getHttpClient(ApiVersion.v2) as unknown as Swappable
    const { timeout, timeoutErrorMessage, headers, adapter, env } = http._clientAxios.defaults
    const config = { timeout: options.timeout ?? timeout, timeoutErrorMessage, headers: { ...(headers as object) }, adapter, env }
    http._clientAxios = (kind === 'shim' ? shim.create(config as never) : realAxios(config as never)) as unknown as Swappable['_clientAxios']
    return c
  }

  async function run(kind: Kind, method: string, params: Record<string, unknown>, options: TestClientOptions & { timeout?: number, base?: string, expire?: boolean } = {}): Promise<Outcome> {
    const c = client(kind, options.base ?? emu.url, options)
    if (options.expire)
      emu.portal.expireAllTokens()
    try {
      const result = await c.b24.actions.v2.call.make({ method, params })
      if (!result.isSuccess)
        return { ok: false, error: { name: 'soft', code: result.getErrors().next().value?.code ?? '', status: result.getStatus(), message: result.getErrorMessages().join(';') } }
      return { ok: true, data: result.getData()?.result }
    }
    catch (e) {
      const err = e as Error & { code: string, status: number, originalError?: AxiosModule.AxiosError }
      const cause = err.originalError
      const app = mapPortalError(e)
      return {
        ok: false,
        error: { name: err.name, code: err.code, status: err.status, message: err.message },
        cause: cause && { isAxiosError: cause.isAxiosError, code: cause.code, message: cause.message, status: cause.status ?? cause.response?.status, data: cause.response?.data },
        app: { code: app.code, retryable: app.retryable },
      }
    }
  }

  async function both(method: string, params: Record<string, unknown>, setup: () => void = () => {}, options: Parameters<typeof run>[3] = {}) {
    setup()
    const a = await run('axios', method, params, options)
    emu.portal.reset()
    setup()
    const s = await run('shim', method, params, options)
    return { a, s }
  }

  it('is what the SDK imports as axios in tests, as in the build', () => {
    expect(SdkAxiosError).toBe(ShimAxiosError)
    // Real axios instances carry interceptors; the shim has none.
    const own = createHttpClient(emu.portal, emu.url).b24.getHttpClient(ApiVersion.v2) as unknown as Swappable
    expect(own._clientAxios).not.toHaveProperty('interceptors')
    expect(own._clientAxios.defaults).toMatchObject({ timeout: 30000, timeoutErrorMessage: 'Request timeout exceeded', adapter: 'fetch' })
  })

  it('reads a success the same (JSON body, result, time)', async () => {
    const { a, s } = await both('crm.type.get', { id: 1 })
    expect(a.ok).toBe(true)
    expect(s).toEqual(a)
  })

  it('turns a 400 with a body into the same AjaxError and AppError', async () => {
    const { a, s } = await both('crm.type.get', { id: 99999 })
    expect(a.error?.status).toBe(400)
    expect(s).toEqual(a)
  })

  it('refreshes an expired token after 401 expired_token and succeeds, as with axios', async () => {
    const { a, s } = await both('crm.type.update', { id: 1, fields: { title: 'Renamed' } }, undefined, { expire: true })
    expect(a, JSON.stringify(a)).toMatchObject({ ok: true })
    // The two writes may fall in two different seconds: the record's updatedTime is the portal's clock, not the wire's.
    const untimed = (o: Outcome) => JSON.parse(JSON.stringify(o).replace(/"updatedTime":"[^"]*"/g, '"updatedTime":"…"'))
    expect(untimed(s)).toEqual(untimed(a))
    expect(emu.portal.log.list().filter(e => e.method === 'crm.type.update').map(e => e.status)).toEqual([401, 200])
  })

  it('ends a 503 QUERY_LIMIT_EXCEEDED burst the same way after the SDK\'s retries', async () => {
    const { a, s } = await both('crm.type.list', {}, () => {
      emu.portal.faults.rateLimitBurst = 10
    })
    expect(a.ok).toBe(false)
    expect(a.error?.code ?? a.cause?.code).toBeTruthy()
    expect(s).toEqual(a)
  })

  it('reads a dropped connection as the same NETWORK_ERROR', async () => {
    const { a, s } = await both('crm.type.list', {}, undefined, { intercept: () => 'drop' })
    expect(a.error?.code).toBe('NETWORK_ERROR')
    expect(s).toEqual(a)
  })

  it('reads a connection refused as the same NETWORK_ERROR', async () => {
    const { a, s } = await both('crm.type.list', {}, undefined, { base: 'http://127.0.0.1:9' })
    expect(a.error?.code).toBe('NETWORK_ERROR')
    expect(s).toEqual(a)
  })

  it('ends a request with no answer in the same REQUEST_TIMEOUT', async () => {
    const a = await run('axios', 'never.answers', {}, { base: rawUrl, timeout: 150 })
    const s = await run('shim', 'never.answers', {}, { base: rawUrl, timeout: 150 })
    expect(a.error).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 })
    expect(s.error).toEqual(a.error)
    expect(s.app).toEqual(a.app)
    // The browser's axios (XHR) says ECONNABORTED with timeoutErrorMessage; its fetch adapter ETIMEDOUT: the SDK reads both as a timeout.
    expect(s.cause).toMatchObject({ isAxiosError: true, code: 'ECONNABORTED', message: 'Request timeout exceeded' })
  })

  it('ends the request at the timeout even when the fetch in use ignores its signal (as XHR does)', async () => {
    const s = await run('shim', 'crm.type.list', {}, { intercept: () => 'hang', timeout: 150 })
    expect(s.error).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 })
  })

  it('keeps a proxy\'s HTML 502 as text in response.data, as axios does', async () => {
    const pa = await run('axios', 'proxy.down', {}, { base: rawUrl })
    const ps = await run('shim', 'proxy.down', {}, { base: rawUrl })
    expect(pa.cause?.data).toContain('Bad Gateway')
    expect(ps).toEqual(pa)
  })

  it('passes a 200 that is not JSON on as text, as axios does', async () => {
    const pa = await run('axios', 'user.current', {}, { base: rawUrl })
    const ps = await run('shim', 'user.current', {}, { base: rawUrl })
    expect(ps).toEqual(pa)
  })
})

describe('the axios shim on its own', () => {
  const answer = (body: string, status = 200) => async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })

  it('sends JSON with the SDK\'s headers and a URLSearchParams as a form', async () => {
    const seen: { url: string, init?: RequestInit }[] = []
    const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), init })
      return new Response('{"ok":1}')
    }
    const api = shim.create({ baseURL: 'https://portal.test/oauth', headers: { 'X-A': '1' }, env: { fetch } })
    const res = await api.post('/token/', { a: 1 })
    await api.post('/token/', new URLSearchParams({ grant_type: 'refresh_token' }), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    await api.get('x', { params: { q: 'a b', list: [1, 2], skip: undefined } })
    expect(res).toMatchObject({ status: 200, data: { ok: 1 } })
    expect(seen[0]).toMatchObject({ url: 'https://portal.test/oauth/token/', init: { method: 'POST', body: '{"a":1}', headers: { 'X-A': '1', 'Content-Type': 'application/json' } } })
    expect(seen[1]!.init).toMatchObject({ body: 'grant_type=refresh_token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(seen[2]!.url).toBe('https://portal.test/oauth/x?q=a+b&list%5B%5D=1&list%5B%5D=2')
  })

  it('gives the error shape the SDK and errors.ts read: code, message, status, response', async () => {
    const e = await shim.create({ env: { fetch: answer('{"error":"expired_token","error_description":"The access token provided has expired."}', 401) } })
      .post('https://p.test/rest/x', {}).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(ShimAxiosError)
    expect(e).toMatchObject({ code: 'ERR_BAD_REQUEST', message: 'Request failed with status code 401', status: 401, response: { status: 401, data: { error: 'expired_token' } } })
    const e5 = await shim.post('https://p.test/', {}, { env: { fetch: answer('{}', 503) } }).catch((err: unknown) => err)
    expect(e5).toMatchObject({ code: 'ERR_BAD_RESPONSE', status: 503 })
    expect(shim.isAxiosError(e5)).toBe(true)
  })

  it('cancels through a signal with ERR_CANCELED', async () => {
    const controller = new AbortController()
    const pending = shim.get('https://p.test/', { signal: controller.signal, env: { fetch: (_u, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))) } })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELED', name: 'CanceledError' })
  })
})
