/**
 * The built app behind the production server (server/app.mjs), opened the way
 * Bitrix24 opens a handler: a cross-origin iframe named
 * "DOMAIN|PROTOCOL|APP_SID", loaded by a form POST with the tokens in its body
 * (docs/platform.md "Frame", "Placements"). Each test starts its own server on a free port so it
 * can choose which parent origins the CSP allows.
 */
import type { ConsoleMessage, Page } from '@playwright/test'
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import Fastify from 'fastify'
import { buildServer } from '../server/app.mjs'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'

/** The build the suite serves (scripts/e2e-servers.ts): dist/ unless E2E_DIST_DIR says otherwise. */
const DIST_DIR = process.env.E2E_DIST_DIR ?? 'dist'

const APP_SID = 'c0ffee00c0ffee00c0ffee00c0ffee00'
const TOKENS = { AUTH_ID: 'e2e-access-token-5f1d8a', REFRESH_ID: 'e2e-refresh-token-9b7c2e' }

const port = (server: FastifyInstance) => (server.server.address() as AddressInfo).port

/** A stand-in portal page: an iframe named as Bitrix24 names it, filled by a form POST to the handler. */
function portalPage(portalHost: string, appUrl: string): string {
  const frameName = `${portalHost}|0|${APP_SID}`
  const action = `${appUrl}?${new URLSearchParams({ DOMAIN: portalHost, PROTOCOL: '0', LANG: 'en', APP_SID })}`
  const fields = {
    ...TOKENS,
    AUTH_EXPIRES: '3600',
    member_id: 'e2e0member0id',
    status: 'L',
    PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB',
    PLACEMENT_OPTIONS: JSON.stringify({ ID: '1', URI: '/crm/type/1030/details/1/' }),
  }
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value='${v}'>`).join('')
  return `<!doctype html><html><body>
<iframe name="${frameName}" title="app" style="width:900px;height:600px"></iframe>
<form id="launch" method="post" action="${action}" target="${frameName}">${inputs}</form>
<script>document.getElementById('launch').submit()</script>
</body></html>`
}

async function startPortal(appUrl: () => string) {
  const portal = Fastify()
  portal.get('/card', (_req, reply) => reply.type('text/html').send(portalPage(`127.0.0.1:${port(portal)}`, appUrl())))
  await portal.listen({ port: 0, host: '127.0.0.1' })
  return portal
}

/** Every CSP violation in any frame (the init script runs in the cross-origin app frame too). */
async function watchCsp(page: Page) {
  const violations: string[] = []
  await page.context().addInitScript(() => {
    document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
  })
  page.on('console', (msg: ConsoleMessage) => {
    if (/CSP violation|Content Security Policy/i.test(msg.text()))
      violations.push(msg.text())
  })
  return violations
}

test('the portal\'s form POST loads the built app, which renders with its styles and breaks no CSP rule', async ({ page }) => {
  let appPort = 0
  const portal = await startPortal(() => `http://localhost:${appPort}/`)
  const app = await buildServer({ distDir: DIST_DIR, devPortalOrigins: [`http://127.0.0.1:${port(portal)}`] })
  await app.listen({ port: 0, host: 'localhost' })
  appPort = port(app)
  try {
    const violations = await watchCsp(page)
    const handler = page.waitForResponse(r => r.url().startsWith(`http://localhost:${appPort}/?`) && r.request().method() === 'POST')
    await page.goto(`http://127.0.0.1:${port(portal)}/card`)
    const res = await handler
    expect(res.status()).toBe(200)
    expect(res.request().postData()).toContain('PLACEMENT=CRM_DYNAMIC_1030_DETAIL_TAB')
    expect(res.headers()['content-security-policy']).toContain(`frame-ancestors`)

    const frame = page.frameLocator('iframe[title="app"]')
    await expect(frame.locator('#app > *').first()).toBeAttached()
    const appFrame = page.frames().find(f => f.url().startsWith(`http://localhost:${appPort}/`))!
    const state = await appFrame.evaluate(() => ({
      name: window.name,
      styled: getComputedStyle(document.body).margin === '0px', // tailwind's preflight: the built CSS applied
      scripts: document.scripts.length,
    }))
    expect(state).toEqual({ name: `127.0.0.1:${port(portal)}|0|${APP_SID}`, styled: true, scripts: 1 })
    // Let the app run its start-up (SDK init, UI kit) before judging the CSP.
    await page.waitForTimeout(1500)
    expect(violations).toEqual([])
  }
  finally {
    await app.close()
    await portal.close()
  }
})

test('a page outside Bitrix24 and the configured portals cannot frame the app', async ({ page }) => {
  let appPort = 0
  const portal = await startPortal(() => `http://localhost:${appPort}/`)
  const app = await buildServer({ distDir: DIST_DIR, portalOrigins: ['crm.example.org'] })
  await app.listen({ port: 0, host: 'localhost' })
  appPort = port(app)
  try {
    const refused = page.waitForEvent('console', msg => /frame-ancestors/.test(msg.text()))
    await page.goto(`http://127.0.0.1:${port(portal)}/card`)
    expect((await refused).text()).toMatch(/Refused to frame|Framing .* violates/)
    const frame = page.frames().find(f => f !== page.mainFrame())
    expect(frame?.url()).not.toMatch(new RegExp(`^http://localhost:${appPort}/`))
  }
  finally {
    await app.close()
    await portal.close()
  }
})

test('the emulator\'s item card loads the widget from the production server, and it works', async ({ page, request }) => {
  // The suite's app server is server/app.mjs over dist/ (scripts/e2e-servers.ts). Bind the card tab to it as an admin would.
  const { accessToken } = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/tokens`, { data: { userId: 1 } })).json() as { accessToken: string }
  const bind = await request.post(`${E2E_PORTAL_URL}/rest/placement.bind`, {
    data: { auth: accessToken, PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: E2E_APP_URL, TITLE: 'Smart Process Studio' },
  })
  expect([200, 400]).toContain(bind.status()) // 400: "Handler already binded" by an earlier test
  expect((await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })).ok()).toBe(true)

  const violations = await watchCsp(page)
  const handler = page.waitForResponse(r => r.url().startsWith(E2E_APP_URL) && r.request().method() === 'POST')
  await page.goto(`${E2E_PORTAL_URL}/crm/type/1030/details/1/`)
  await page.getByRole('tab', { name: 'Smart Process Studio' }).click()
  expect((await handler).status()).toBe(200)

  // The widget got its context from the frame and read the type over REST from the portal origin (connect-src).
  const app = page.frameLocator(`iframe[name^="${new URL(E2E_PORTAL_URL).host}|"]`)
  await expect(app.getByRole('switch').first()).toBeVisible({ timeout: 20_000 })
  expect(violations).toEqual([])
})
