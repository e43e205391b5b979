/**
 * The emulated portal pages drive the app as Bitrix24 does: an iframe named
 * "DOMAIN|PROTOCOL|APP_SID", a form POST to the handler, and the frame
 * protocol answered for the real b24jssdk (docs/platform.md "Frame", "Placements"). The app here
 * is the emulator's frame probe on another origin (localhost vs 127.0.0.1),
 * served by an in-process portal so the spec can act on the model directly.
 */
import type { Page, Request } from '@playwright/test'
import type { RunningEmulator } from '../emulator/server'
import { createServer } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { startEmulator } from '../emulator/server'

let emu: RunningEmulator
let portalUrl: string
let probeUrl: string

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function bind(placement: string, title: string, ru = 'Студия') {
  const reply = emu.portal.call('placement.bind', { PLACEMENT: placement, HANDLER: probeUrl, TITLE: title, LANG_ALL: { en: { TITLE: title }, ru: { TITLE: ru } } }, { userId: 1 })
  expect(reply.status).toBe(200)
}

const probeFrame = (page: Page) => page.frameLocator('iframe.app-iframe')

test.beforeAll(async () => {
  const port = await freePort()
  probeUrl = `http://localhost:${port}/emulator/pages/probe/`
  emu = await startEmulator({ port, host: 'localhost', appUrl: probeUrl, dataFile: null, reset: true, quiet: true })
  portalUrl = `http://127.0.0.1:${port}`
})

test.afterAll(async () => {
  await emu?.close()
})

test.beforeEach(async ({ request }) => {
  emu.portal.reset()
  await request.post(`${portalUrl}/emulator/pages/faults`, { data: { refreshSilent: false, latencyMs: 0, errorRate: 0 } })
})

test('the card shows the app tab only once the placement is bound and the install is finished', async ({ page }) => {
  const card = `${portalUrl}/crm/type/1030/details/1/`
  await page.goto(card)
  await expect(page.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tab')).toHaveCount(1)

  bind('CRM_DYNAMIC_1030_DETAIL_TAB', 'Studio settings', 'Настройки студии')
  await page.reload()
  await expect(page.getByRole('tab')).toHaveCount(1)

  emu.portal.markInstalled()
  await page.reload()
  await expect(page.getByRole('tab', { name: 'Studio settings' })).toBeVisible()
  await page.goto(`${card}?lang=ru`)
  await expect(page.getByRole('tab', { name: 'Настройки студии' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Общие' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Меню портала' }).getByRole('link', { name: 'Equipment Repairs' })).toHaveAttribute('href', '/crm/type/1030/list/?lang=ru')

  await page.getByRole('tab', { name: 'Общие' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Настройки студии' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tabpanel', { name: 'Настройки студии' }).locator('iframe')).toHaveCount(1)
})

test('the app tab posts the handler form into a named iframe and the SDK gets its init data and calls REST', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_DETAIL_TAB', 'Studio settings')
  emu.portal.markInstalled()
  await page.goto(`${portalUrl}/crm/type/1030/details/1/`)
  const posted = page.waitForRequest((r: Request) => r.url().startsWith(probeUrl) && r.method() === 'POST')
  await page.getByRole('tab', { name: 'Studio settings' }).click()
  const request = await posted

  const url = new URL(request.url())
  const appSid = url.searchParams.get('APP_SID') ?? ''
  expect(appSid).toMatch(/^[0-9a-f]{32}$/)
  expect(Object.fromEntries(url.searchParams)).toEqual({ DOMAIN: new URL(portalUrl).host, PROTOCOL: '0', LANG: 'en', APP_SID: appSid })
  const body = Object.fromEntries(new URLSearchParams(request.postData() ?? ''))
  // api-reference/widgets/_includes/widget_data.md: the handler POST also carries SERVER_ENDPOINT, APPLICATION_TOKEN, APPLICATION_SCOPE.
  expect(Object.keys(body).sort()).toEqual(['APPLICATION_SCOPE', 'APPLICATION_TOKEN', 'AUTH_EXPIRES', 'AUTH_ID', 'PLACEMENT', 'PLACEMENT_OPTIONS', 'REFRESH_ID', 'SERVER_ENDPOINT', 'member_id', 'status'])
  expect(body).toMatchObject({ PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', status: 'L', AUTH_EXPIRES: '3600', APPLICATION_SCOPE: 'crm,placement,entity' })
  expect(JSON.parse(body.PLACEMENT_OPTIONS!)).toEqual({ ID: '1', URI: '/crm/type/1030/details/1/' })
  expect(request.url()).not.toContain(body.AUTH_ID!)

  const iframe = page.getByTitle('Studio settings')
  await expect(iframe).toHaveAttribute('name', `${new URL(portalUrl).host}|0|${appSid}`)
  const probe = probeFrame(page)
  await expect(probe.getByRole('status')).toHaveText('Initialised')
  await expect(probe.locator('[data-fact="placement"]')).toHaveText('CRM_DYNAMIC_1030_DETAIL_TAB')
  await expect(probe.locator('[data-fact="options"]')).toHaveText('{"ID":"1","URI":"/crm/type/1030/details/1/"}')
  await expect(probe.locator('[data-fact="isAdmin"]')).toHaveText('true')
  await expect(probe.locator('[data-fact="installMode"]')).toHaveText('false')
  await expect(probe.locator('[data-fact="domain"]')).toHaveText(portalUrl)
  await expect(probe.getByText('crm.type.list: 3 types')).toBeVisible()
  expect(emu.portal.log.list().some(e => e.method === 'crm.type.list' && e.userId === 1 && e.status === 200)).toBe(true)
})

test('the frame follows setTitle and resizeWindow, and refreshAuth renews expired tokens', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_DETAIL_TAB', 'Studio settings')
  emu.portal.markInstalled()
  // User 4: a CRM administrator (crm.type.list is theirs, crm-type-list.md) who is not a portal administrator.
  await page.goto(`${portalUrl}/crm/type/1030/details/1/?user=4`)
  await page.getByRole('tab', { name: 'Studio settings' }).click()
  const probe = probeFrame(page)
  await expect(probe.getByText('crm.type.list: 3 types')).toBeVisible()
  await expect(probe.locator('[data-fact="isAdmin"]')).toHaveText('false')

  await probe.getByRole('button', { name: 'Set title' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Probe /)
  await probe.getByRole('button', { name: 'Resize to 640' }).click()
  await expect(page.getByTitle('Studio settings')).toHaveCSS('height', '640px')

  emu.portal.expireAllTokens()
  await probe.getByRole('button', { name: 'Call crm.type.list' }).click()
  await expect.poll(() => page.evaluate(() => (globalThis as { __portalProtocolLog?: { command: string }[] }).__portalProtocolLog?.map(e => e.command))).toContain('refreshAuth')
  // The probe's text is the same before and after the retry: wait for the retry in the portal's log instead.
  const calls = () => emu.portal.log.list().filter(e => e.method === 'crm.type.list')
  await expect.poll(() => calls().map(e => e.status)).toEqual([200, 401, 200])
  await expect(probe.getByText('crm.type.list: 3 types')).toBeVisible()
  expect(calls().every(e => e.userId === 4 || e.status === 401)).toBe(true)
})

test('with "Refresh does not answer" the SDK gives up on refreshAuth', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_DETAIL_TAB', 'Studio settings')
  emu.portal.markInstalled()
  await page.goto(`${portalUrl}/crm/type/1030/details/1/`)
  await page.getByRole('button', { name: 'Fault switches' }).click()
  const faults = page.getByRole('region', { name: 'Fault switches' })
  await faults.getByLabel('Refresh does not answer').check()
  await faults.getByRole('button', { name: 'Apply' }).click()
  await expect(faults.getByRole('status')).toHaveText('Fault switches saved.')

  await page.getByRole('tab', { name: 'Studio settings' }).click()
  const probe = probeFrame(page)
  await expect(probe.getByRole('status')).toHaveText('Initialised')
  await probe.getByRole('button', { name: 'Refresh auth' }).click()
  await expect(probe.getByRole('status')).toHaveText('refreshAuth failed: JSSDK_FRAME_REFRESH_AUTH_TIMEOUT', { timeout: 15_000 })
})

test('the list toolbar item opens the app in a slider that Escape and the close button close', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_LIST_TOOLBAR', 'Studio list')
  emu.portal.markInstalled()
  await page.goto(`${portalUrl}/crm/type/1030/list/`)
  await page.getByRole('button', { name: 'Applications' }).click()
  await page.getByRole('menuitem', { name: 'Studio list' }).click()
  const slider = page.getByRole('dialog', { name: 'Studio list' })
  await expect(slider).toBeVisible()
  const probe = probeFrame(page)
  await expect(probe.locator('[data-fact="placement"]')).toHaveText('CRM_DYNAMIC_1030_LIST_TOOLBAR')
  await expect(probe.locator('[data-fact="options"]')).toHaveText('{"URI":"/crm/type/1030/list/"}')
  await page.keyboard.press('Escape')
  await expect(slider).toBeHidden()

  await page.getByRole('button', { name: 'Applications' }).click()
  await page.getByRole('menuitem', { name: 'Studio list' }).click()
  await expect(probe.getByRole('status')).toHaveText('Initialised')
  await probe.getByRole('button', { name: 'Close application' }).click()
  await expect(slider).toBeHidden()
  await page.getByRole('button', { name: 'Applications' }).click()
  await page.getByRole('menuitem', { name: 'Studio list' }).click()
  await slider.getByRole('button', { name: 'Close' }).click()
  await expect(slider).toBeHidden()
})

test('the app page runs the install, then shows the installed app', async ({ page }) => {
  await page.goto(`${portalUrl}/marketplace/app/?user=2`)
  await expect(page.getByText('The administrator has not finished installing this application yet.')).toBeVisible()
  await expect(page.locator('iframe')).toHaveCount(0)

  await page.goto(`${portalUrl}/marketplace/app/`)
  const probe = probeFrame(page)
  await expect(probe.locator('[data-fact="installMode"]')).toHaveText('true')
  await expect(probe.locator('[data-fact="firstRun"]')).toHaveText('true')
  await expect(probe.locator('[data-fact="placement"]')).toHaveText('DEFAULT')
  await expect(probe.getByRole('status')).toHaveText('Initialised')
  await probe.getByRole('button', { name: 'Finish install' }).click()
  await expect.poll(() => emu.portal.isInstalled()).toBe(true)
  await expect(probe.locator('[data-fact="installMode"]')).toHaveText('false')
  await expect(page.getByText('Installing the application')).toHaveCount(0)
})

test('the fault panel sets the portal faults and lets another admin edit the type', async ({ page }) => {
  await page.goto(`${portalUrl}/crm/type/1032/list/`)
  await page.getByRole('button', { name: 'Fault switches' }).click()
  const faults = page.getByRole('region', { name: 'Fault switches' })
  await faults.getByLabel('Added latency, ms').fill('150')
  await faults.getByLabel('Drop relations to type').fill('2, 3')
  await faults.getByRole('button', { name: 'Apply' }).click()
  await expect(faults.getByRole('status')).toHaveText('Fault switches saved.')
  expect(emu.portal.faults).toMatchObject({ latencyMs: 150, dropRelationsTo: [2, 3] })

  const before = emu.portal.call('crm.type.getByEntityTypeId', { entityTypeId: 1032 }, { userId: 1 }).body as { result: { type: Record<string, unknown> } }
  await faults.getByRole('button', { name: 'Another admin edits this type' }).click()
  await expect(faults.getByRole('status')).toHaveText(/^Another administrator changed is\w+Enabled/)
  const after = emu.portal.call('crm.type.getByEntityTypeId', { entityTypeId: 1032 }, { userId: 1 }).body as { result: { type: Record<string, unknown> } }
  expect(after.result.type.updatedBy).toBe(3)
  expect(after.result.type.updatedTime).not.toBe(before.result.type.updatedTime)
  await faults.getByLabel('Added latency, ms').fill('0')
  await faults.getByRole('button', { name: 'Apply' }).click()
})

test('the app opens its own page and portal paths in a slider, keeping user and language', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_DETAIL_TAB', 'Studio settings')
  emu.portal.markInstalled()
  await page.goto(`${portalUrl}/crm/type/1030/details/2/?user=3`)
  await page.getByRole('tab', { name: 'Studio settings' }).click()
  const tab = page.frameLocator('iframe[title="Studio settings"]')
  await expect(tab.getByRole('status')).toHaveText('Initialised')

  await tab.getByRole('button', { name: 'Open app in slider' }).click()
  const slider = page.getByRole('dialog')
  const inSlider = slider.frameLocator('iframe')
  await expect(inSlider.locator('[data-fact="placement"]')).toHaveText('DEFAULT')
  await expect(inSlider.locator('[data-fact="options"]')).toHaveText('{"from":"probe"}')
  await slider.getByRole('button', { name: 'Close' }).click()
  await expect(tab.getByRole('status')).toHaveText('Slider closed')

  await tab.getByRole('button', { name: 'Open the list in a slider' }).click()
  const list = slider.frameLocator('iframe')
  await expect(list.getByRole('heading', { level: 1 })).toHaveText('Equipment Repairs: items')
  await expect(list.getByRole('navigation', { name: 'Portal menu' })).toHaveCount(0)
  expect(new URL(await slider.locator('iframe').getAttribute('src') ?? '').searchParams.get('user')).toBe('3')
  await page.keyboard.press('Escape')
  await expect(tab.getByRole('status')).toHaveText('Path slider closed: {"isOpenAtNewWindow":false,"isClose":true}')
})

test('the card and list pages have no detectable accessibility violations', async ({ page }) => {
  bind('CRM_DYNAMIC_1030_LIST_TOOLBAR', 'Studio list')
  emu.portal.markInstalled()
  for (const path of ['/', '/crm/type/1030/details/1/', '/crm/type/1030/list/']) {
    await page.goto(`${portalUrl}${path}`)
    await page.getByRole('button', { name: 'Fault switches' }).click()
    const { violations } = await new AxeBuilder({ page }).exclude('iframe').analyze()
    expect(violations.map(v => `${path}: ${v.id} ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)).toEqual([])
  }
})
