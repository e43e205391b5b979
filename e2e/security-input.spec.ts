/**
 * Issue 10, hostile portal data: type titles and codes holding HTML, script,
 * {{ }} templates, and very long right-to-left text render as text in every
 * screen that shows them (card tab, relations, app page) and never run.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { CONTRACTS, flagSwitch, freshPortal, hook, openSettings, REPAIRS, saveButton, typeOnPortal } from './support/portal'
import { E2E_PORTAL_URL } from './ports'

const IMG = '<img src=x onerror="window.__xss=1">{{ 7*7 }}'
const SCRIPT = '<script>window.__xss=2</script>'
const SVG = '"><svg onload="window.__xss=3"></svg>${7*7}'
const RTL = `${'\u202Eשלום עולם '.repeat(40)}${'مرحبا بالعالم '.repeat(40)}`.trim()

async function rename(request: APIRequestContext, entityTypeId: number, fields: Record<string, string>) {
  const { id } = (await typeOnPortal(request, entityTypeId))!
  const { status, body } = await hook(request, 'crm.type.update', { id, fields })
  expect(status, JSON.stringify(body)).toBe(200)
}

/** Nothing ran: no flag set by a payload in any frame, no element a payload would have made. */
async function nothingRan(page: Page, app: FrameLocator) {
  for (const frame of page.frames())
    expect(await frame.evaluate(() => (window as { __xss?: number }).__xss).catch(() => undefined)).toBeUndefined()
  await expect(app.locator('img[src="x"], svg[onload], script:not([src])')).toHaveCount(0)
}

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

test('a title and code with HTML, script and {{ }} show as text in the card tab and its relations, and never run', async ({ page, request, tally }) => {
  tally.kind('bad_input')
  await rename(request, REPAIRS, { title: IMG, code: SCRIPT })
  await rename(request, CONTRACTS, { title: SVG })
  const app = await openSettings(page)
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(IMG)
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(IMG)
  await expect(app.getByRole('textbox', { name: 'Code' })).toHaveValue(SCRIPT)
  await expect(app.getByText(SVG, { exact: true }).first()).toBeVisible()
  await nothingRan(page, app)
  // The title the app gave the portal's page is the same text.
  await expect(page).toHaveTitle(new RegExp(IMG.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  // And saving keeps the portal's text as it was, byte for byte.
  await flagSwitch(app, 'Recycle bin').click()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  const after = (await typeOnPortal(request))!
  expect([after.title, after.code]).toEqual([IMG, SCRIPT])
})

test('hostile titles show as text in the app page\'s list of types', async ({ page, request, tally }) => {
  tally.kind('bad_input')
  await rename(request, REPAIRS, { title: IMG })
  await rename(request, CONTRACTS, { title: SVG })
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('iframe').first()
  await expect(app.getByText(IMG, { exact: true }).first()).toBeVisible({ timeout: 20_000 })
  await expect(app.getByText(SVG, { exact: true }).first()).toBeVisible()
  await nothingRan(page, app)
})

test('a very long right-to-left title fits the tab without breaking it, and the tab still saves', async ({ page, request, tally }) => {
  tally.kind('bad_input')
  await rename(request, REPAIRS, { title: RTL })
  const app = await openSettings(page)
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(RTL)
  // No sideways scrolling in the narrow card tab.
  expect(await app.locator('html').evaluate(el => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
  await flagSwitch(app, 'Recycle bin').click()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  const after = (await typeOnPortal(request))!
  expect(after.title).toBe(RTL)
  expect(after.isRecyclebinEnabled).toBe('Y')
})
