// @vitest-environment happy-dom
// The browser's path: XMLHttpRequest (happy-dom's, over real sockets), for the shim and for real axios' XHR adapter.
import type * as AxiosModule from 'axios'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import shim from './axios'

// The real axios, loaded by Node so the build's alias does not apply; it picks its XHR adapter here as in a browser.
const real = createRequire(import.meta.url)('axios') as typeof AxiosModule.default

describe('the axios shim over XHR, against real axios', () => {
  let server: Server
  let base = ''

  beforeAll(async () => {
    server = createServer((req, res) => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST, GET' }
      if (req.method === 'OPTIONS')
        return res.writeHead(204, cors).end()
      const chunks: Buffer[] = []
      req.on('data', c => chunks.push(c))
      req.on('end', () => {
        const echo = { method: req.method, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() }
        if (req.url?.startsWith('/expired'))
          return res.writeHead(401, { ...cors, 'content-type': 'application/json' }).end('{"error":"expired_token","error_description":"The access token provided has expired."}')
        if (req.url?.startsWith('/limit'))
          return res.writeHead(503, { ...cors, 'content-type': 'application/json' }).end('{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}')
        if (req.url?.startsWith('/html'))
          return res.writeHead(502, { ...cors, 'content-type': 'text/html' }).end('<html>Bad Gateway</html>')
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ result: echo, time: { start: 1 } }))
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  const config = { timeout: 300, timeoutErrorMessage: 'Request timeout exceeded', headers: {} }

  /** What the SDK reads of an answer or an error. */
  async function outcome(client: { post: (url: string, data?: unknown) => Promise<{ status: number, data: unknown }> }, url: string) {
    try {
      const { status, data } = await client.post(url, { auth: 't', params: { id: 1 } })
      return { status, data }
    }
    catch (e) {
      const err = e as AxiosModule.AxiosError
      return { isAxiosError: err.isAxiosError, code: err.code, message: err.message, status: err.status, response: err.response && { status: err.response.status, data: err.response.data } }
    }
  }

  for (const [name, path] of [
    ['a JSON success (the body sent as JSON)', '/rest/crm.type.get'],
    ['a 401 expired_token with its body', '/expired'],
    ['a 503 QUERY_LIMIT_EXCEEDED', '/limit'],
    ['a proxy\'s HTML 502', '/html'],
    // happy-dom's XHR has no timeout (both hang): the e2e suite's timed-out write covers it in Chromium.
  ] as const) {
    it(`reads ${name} as axios' XHR adapter does`, async () => {
      const a = await outcome(real.create(config), `${base}${path}`)
      const s = await outcome(shim.create(config), `${base}${path}`)
      expect(s).toEqual(a)
    })
  }

  it('reads a refused connection as axios\' XHR adapter does', async () => {
    const a = await outcome(real.create(config), 'http://127.0.0.1:9/rest/x')
    const s = await outcome(shim.create(config), 'http://127.0.0.1:9/rest/x')
    expect(a).toMatchObject({ code: 'ERR_NETWORK' })
    expect(s).toEqual(a)
  })

  it('really goes over XHR here and over fetch when asked', async () => {
    expect(typeof XMLHttpRequest).toBe('function')
    let fetched = 0
    const fetch = async () => {
      fetched++
      return new Response('{"result":1}')
    }
    await shim.create({ env: { fetch } }).post(`${base}/rest/x`, {})
    expect(fetched).toBe(0)
    await shim.create({ adapter: 'fetch', env: { fetch } }).post(`${base}/rest/x`, {})
    expect(fetched).toBe(1)
  })
})
