// @vitest-environment node
import type { FastifyInstance } from 'fastify'
import type { DistFixture } from './test/fixture'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from './app.mjs'
import { FIXTURE_HTML, makeDist, PORTAL_POST, SECRETS } from './test/fixture'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

let dist: DistFixture
let app: FastifyInstance
const logLines: string[] = []

beforeAll(async () => {
  dist = await makeDist()
  app = await buildServer({
    distDir: dist.dir,
    logger: { level: 'debug', stream: { write: line => logLines.push(line) } },
    portalOrigins: ['crm.example.org', 'http://b24.corp.local:8080'],
    devPortalOrigins: ['http://127.0.0.1:4206'],
    bodyLimit: 4096,
  })
  await app.ready()
})

afterAll(async () => {
  await app.close()
  await dist.remove()
})

describe('the handler page', () => {
  it('answers the portal\'s form POST with the built index.html', async () => {
    const res = await app.inject({ method: 'POST', url: PORTAL_POST.url, headers: FORM, payload: PORTAL_POST.body })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toBe(FIXTURE_HTML)
  })

  it('answers GET and HEAD, on the root and on any page path', async () => {
    for (const url of ['/', '/?DOMAIN=acme.bitrix24.com', '/install', '/index.html']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toBe(FIXTURE_HTML)
    }
    const head = await app.inject({ method: 'HEAD', url: '/' })
    expect(head.statusCode).toBe(200)
    expect(head.body).toBe('')
  })

  it('accepts a POST in any content type without parsing it', async () => {
    for (const [type, payload] of [['application/json', '{not json'], ['multipart/form-data; boundary=x', '--x--'], ['text/plain', 'hello']]) {
      const res = await app.inject({ method: 'POST', url: '/', headers: { 'content-type': type! }, payload })
      expect(res.statusCode, type).toBe(200)
    }
    const empty = await app.inject({ method: 'POST', url: '/' })
    expect(empty.statusCode).toBe(200)
  })

  it('refuses a body past the limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/', headers: FORM, payload: `AUTH_ID=${'a'.repeat(5000)}` })
    expect(res.statusCode).toBe(413)
  })

  it('answers other methods with 405 and the allowed ones', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      const res = await app.inject({ method, url: '/', headers: FORM, payload: PORTAL_POST.body })
      expect(res.statusCode, method).toBe(405)
      expect(res.headers.allow).toBe('GET, HEAD, POST')
    }
    const onFile = await app.inject({ method: 'POST', url: '/assets/index-Ab12Cd34.js' })
    expect(onFile.statusCode).toBe(405)
    expect(onFile.headers.allow).toBe('GET, HEAD')
  })

  it('has a health endpoint', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
  })
})

describe('security headers', () => {
  it('limits who may frame the app and where it may connect', async () => {
    const res = await app.inject({ method: 'POST', url: PORTAL_POST.url, headers: FORM, payload: PORTAL_POST.body })
    const csp = String(res.headers['content-security-policy'])
    const directive = (name: string) => csp.split('; ').find(d => d.startsWith(`${name} `))?.split(' ').slice(1) ?? []
    for (const name of ['frame-ancestors', 'connect-src']) {
      expect(directive(name), name).toEqual(expect.arrayContaining([
        'https://*.bitrix24.ru',
        'https://*.bitrix24.com',
        'https://*.bitrix24.com.br',
        'https://crm.example.org',
        'http://b24.corp.local:8080',
        'http://127.0.0.1:4206',
      ]))
    }
    expect(directive('frame-ancestors')).not.toContain('*')
    expect(directive('script-src')).toEqual(["'self'"])
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    // X-Frame-Options would stop the portal from framing the app.
    expect(res.headers['x-frame-options']).toBeUndefined()
  })

  it('sends them on assets and errors too', async () => {
    for (const [method, url] of [['GET', '/assets/index-Ab12Cd34.js'], ['GET', '/missing.js'], ['PUT', '/']] as const) {
      const res = await app.inject({ method, url })
      expect(res.headers['content-security-policy'], url).toContain('frame-ancestors')
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
    }
  })

  it('leaves the emulator out unless asked', async () => {
    const plain = await buildServer({ distDir: dist.dir })
    const res = await plain.inject({ method: 'GET', url: '/' })
    expect(res.headers['content-security-policy']).not.toContain('127.0.0.1')
    await plain.close()
  })
})

describe('static assets', () => {
  const js = '/assets/index-Ab12Cd34.js'

  it('serves brotli, gzip or plain by Accept-Encoding, with the right type', async () => {
    const br = await app.inject({ method: 'GET', url: js, headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(dist.js)

    const gz = await app.inject({ method: 'GET', url: js, headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(dist.js)

    const plain = await app.inject({ method: 'GET', url: js })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(dist.js)

    const css = await app.inject({ method: 'GET', url: '/assets/index-Ef56Gh78.css', headers: { 'accept-encoding': 'br' } })
    expect(css.headers['content-type']).toMatch(/^text\/css/)
  })

  it('caches hashed files for a year and others briefly', async () => {
    const hashed = await app.inject({ method: 'GET', url: js, headers: { 'accept-encoding': 'br' } })
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' })
    expect(icon.statusCode).toBe(200)
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(icon.headers['cache-control']).toBe('public, max-age=300')
  })

  it('answers 404 for files that are not there, compressed copies included', async () => {
    for (const url of ['/assets/nope.js', `${js}.br`, `${js}.gz`, '/../package.json']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect(res.body, url).not.toContain(url)
    }
  })
})

describe('logs', () => {
  it('hold method, path and status of a portal POST, and no token or query', async () => {
    logLines.length = 0
    await app.inject({ method: 'POST', url: PORTAL_POST.url, headers: { ...FORM, cookie: 'PHPSESSID=s3cr3tcookie' }, payload: PORTAL_POST.body })
    await app.inject({ method: 'POST', url: PORTAL_POST.url, headers: FORM, payload: `${PORTAL_POST.body}&pad=${'p'.repeat(5000)}` })
    await app.inject({ method: 'PUT', url: PORTAL_POST.url, headers: FORM, payload: PORTAL_POST.body })
    await app.inject({ method: 'GET', url: '/missing.js?AUTH_ID=leak' })
    const log = logLines.join('')
    expect(logLines.length).toBeGreaterThan(0)
    const records = logLines.map(line => JSON.parse(line) as { req?: { method: string, path: string }, res?: { statusCode: number } })
    expect(records).toContainEqual(expect.objectContaining({ req: { method: 'POST', path: '/' } }))
    expect(records.map(r => r.res?.statusCode)).toEqual(expect.arrayContaining([200, 413, 405, 404]))
    for (const secret of [...SECRETS, 's3cr3tcookie', 'leak'])
      expect(log, secret).not.toContain(secret)
    expect(log).not.toMatch(/AUTH_ID|REFRESH_ID|APP_SID|PLACEMENT_OPTIONS/)
  })
})

describe('the built page', () => {
  it('is refused when it carries an inline script the CSP would block', async () => {
    const inline = await makeDist(FIXTURE_HTML.replace('</head>', '<script>window.x = 1</script></head>'))
    await expect(buildServer({ distDir: inline.dir })).rejects.toThrow(/inline script/)
    await inline.remove()
  })

  it('is refused when an ALLOWED_PORTALS entry could bend the CSP', async () => {
    await expect(buildServer({ distDir: dist.dir, portalOrigins: ['evil.example; script-src *'] })).rejects.toThrow(/Not a portal address/)
  })
})
