// @vitest-environment node
import type { DistFixture } from './test/fixture'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDist, PORTAL_POST, SECRETS } from './test/fixture'

const entry = fileURLToPath(new URL('./index.mjs', import.meta.url))
let dist: DistFixture

beforeAll(async () => {
  dist = await makeDist()
})
afterAll(() => dist.remove())

/** Starts `node server/index.mjs` on a free port and resolves once it listens. */
async function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DIST_DIR: dist.dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk })
  child.stderr.on('data', (chunk: Buffer) => { out += chunk })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line in:\n${out}`)), 10_000)
    child.stdout.on('data', () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', () => reject(new Error(`exited early:\n${out}`)))
  })
  return { child, url, output: () => out }
}

it('serves the portal POST from the environment\'s config, logs no token, and exits cleanly on SIGTERM', async () => {
  const { child, url, output } = await start({ ALLOWED_PORTALS: 'crm.example.org' })
  const res = await fetch(`${url}${PORTAL_POST.url}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: PORTAL_POST.body })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-security-policy')).toContain('https://crm.example.org')
  expect((await fetch(`${url}/healthz`)).status).toBe(200)

  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  expect(output()).toContain('"path":"/"')
  for (const secret of SECRETS)
    expect(output()).not.toContain(secret)
})

it('answers 413 to a streamed body past BODY_LIMIT', async () => {
  const { child, url } = await start({ BODY_LIMIT: '1000' })
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(500)))
      controller.close()
    },
  })
  const res = await fetch(`${url}/`, { method: 'POST', body, duplex: 'half' } as RequestInit)
  expect(res.status).toBe(413)
  child.kill('SIGTERM')
  await once(child, 'exit')
})

it('refuses to start with a bad ALLOWED_PORTALS', async () => {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, PORT: '0', DIST_DIR: dist.dir, ALLOWED_PORTALS: 'x.example;script-src *' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => { err += chunk })
  const [code] = await once(child, 'exit')
  expect(code).toBe(1)
  expect(err).toMatch(/Not a portal address/)
})
