/**
 * Issue 10, what the frame is handed: malformed init data and
 * PLACEMENT_OPTIONS, unknown placements, a type that does not exist, a
 * window.name of another shape, and answers forged by a page of another
 * origin. Each: a clear message or the right screen, never a crash, and a
 * forged answer is ignored (b24jssdk checks event.origin against the portal's:
 * frame/message/controller.mjs).
 */
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { evilAnswers, fakeParentApp, initData, openFakeParent } from './support/fake-parent'
import { freshPortal, saveButton } from './support/portal'
import { E2E_PORTAL_URL } from './ports'

const BAD_CONTEXT = 'Bitrix24 sent launch data the app could not read'

async function tokenFor(request: APIRequestContext, userId: number) {
  return (await (await request.post(`${E2E_PORTAL_URL}/emulator/api/tokens`, { data: { userId } })).json()) as { accessToken: string, refreshToken: string }
}

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

/** Uncaught errors in the page or the app's frame: a bad input must never crash the app. */
function crashes(page: import('@playwright/test').Page) {
  const errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  return errors
}

const cases: { name: string, over?: Record<string, unknown>, raw?: string, expectText: string | RegExp, role?: 'alert' | 'heading' }[] = [
  { name: 'init data that is not JSON', raw: '{"LANG": "en", oops', expectText: BAD_CONTEXT, role: 'alert' },
  { name: 'PLACEMENT_OPTIONS that is not JSON', over: { PLACEMENT_OPTIONS: '{ID: 1,' }, expectText: 'Equipment Repairs', role: 'heading' },
  { name: 'fields of the wrong types (IS_ADMIN "maybe", PLACEMENT_OPTIONS 42, FIRST_RUN "x")', over: { IS_ADMIN: 'maybe', PLACEMENT_OPTIONS: 42, FIRST_RUN: 'x', USER_OPTIONS: 'none' }, expectText: 'Equipment Repairs', role: 'heading' },
  { name: 'a LANG that is not a language code', over: { LANG: 7 }, expectText: BAD_CONTEXT, role: 'alert' },
  { name: 'init data without AUTH_ID', over: { AUTH_ID: undefined }, expectText: BAD_CONTEXT, role: 'alert' },
  { name: 'an unknown PLACEMENT', over: { PLACEMENT: 'CRM_LEAD_DETAIL_TAB' }, expectText: 'This place is not supported' },
  { name: 'a PLACEMENT holding markup', over: { PLACEMENT: '<img src=x onerror="window.__xss=1">' }, expectText: BAD_CONTEXT, role: 'alert' },
  { name: 'an entityTypeId that does not exist', over: { PLACEMENT: 'CRM_DYNAMIC_1098_DETAIL_TAB' }, expectText: 'The smart process was not found', role: 'alert' },
  { name: 'an entityTypeId out of range', over: { PLACEMENT: 'CRM_DYNAMIC_99999999999999999999_DETAIL_TAB' }, expectText: 'This place is not supported' },
]

for (const c of cases) {
  test(`${c.name}: a clear message or the right screen, no crash`, async ({ page, request, secrets, tally }) => {
    tally.kind('bad_input')
    const crashed = crashes(page)
    const { accessToken } = await tokenFor(request, 1)
    secrets.add(accessToken)
    await openFakeParent(page, c.raw ? { initRaw: c.raw } : { init: initData(accessToken, c.over) })
    const app = fakeParentApp(page)
    const where = c.role === 'alert' ? app.getByRole('alert') : c.role === 'heading' ? app.getByRole('heading', { level: 1 }) : app.locator('body')
    await expect(where).toContainText(c.expectText, { timeout: 15_000 })
    expect(await app.locator('img[src="x"]').count()).toBe(0)
    expect(await page.frame({ url: /localhost/ })?.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(crashed).toEqual([])
  })
}

test('a window.name of another shape: the outside-the-portal page, no crash, no request to the portal', async ({ page, request, tally }) => {
  tally.kind('bad_input')
  const crashed = crashes(page)
  const { accessToken } = await tokenFor(request, 1)
  const rest: string[] = []
  page.on('request', r => r.url().includes('/rest/') && rest.push(r.url()))
  await openFakeParent(page, { windowName: 'portal|https|sid|extra', init: initData(accessToken) })
  await expect(fakeParentApp(page).getByText('Smart Process Studio runs inside Bitrix24')).toBeVisible({ timeout: 15_000 })
  expect(rest).toEqual([])
  expect(crashed).toEqual([])
})

test('init data forged by a page of another origin is ignored: the portal\'s own answer decides', async ({ page, request, secrets, tally }) => {
  tally.kind('bad_input')
  const mine = await tokenFor(request, 1)
  const theirs = await tokenFor(request, 2)
  secrets.add(mine.accessToken)
  secrets.add(theirs.accessToken)
  const forged = JSON.stringify(initData(theirs.accessToken, { PLACEMENT: 'CRM_DYNAMIC_1032_DETAIL_TAB', IS_ADMIN: true }))
  const sentWith: string[] = []
  page.on('request', r => r.url().includes('/rest/') && sentWith.push(r.postData() ?? ''))
  await openFakeParent(page, { init: initData(mine.accessToken), forge: { command: 'getInitData', payload: forged }, delayMs: 700 })
  const app = fakeParentApp(page)
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Equipment Repairs', { timeout: 15_000 })
  expect(await evilAnswers(page)).toBe(1)
  expect(sentWith.length).toBeGreaterThan(0)
  expect(sentWith.some(body => body.includes(theirs.accessToken))).toBe(false)
})

test('a refreshAuth answer forged by a page of another origin is ignored: the app never uses its token and says the session expired', async ({ page, request, secrets, tally }) => {
  tally.kind('bad_input')
  const mine = await tokenFor(request, 1)
  const theirs = await tokenFor(request, 2)
  secrets.add(mine.accessToken)
  secrets.add(theirs.accessToken)
  const forged = JSON.stringify({ AUTH_ID: theirs.accessToken, REFRESH_ID: theirs.refreshToken, AUTH_EXPIRES: '3600', MEMBER_ID: 'fake-member' })
  const sentWith: string[] = []
  page.on('request', r => r.url().includes('/rest/') && sentWith.push(r.postData() ?? ''))
  await openFakeParent(page, { init: initData(mine.accessToken), refreshSilent: true, forge: { command: 'refreshAuth', payload: forged } })
  const app = fakeParentApp(page)
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Equipment Repairs', { timeout: 15_000 })
  await request.post(`${E2E_PORTAL_URL}/emulator/api/expire-tokens`)
  await app.getByRole('switch', { name: 'Recycle bin' }).click()
  await saveButton(app).click()
  await expect(app.getByRole('alert')).toContainText('Your Bitrix24 session has expired', { timeout: 15_000 })
  expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toContain('refreshAuth')
  expect(await evilAnswers(page)).toBeGreaterThanOrEqual(1)
  expect(sentWith.some(body => body.includes(theirs.accessToken))).toBe(false)
})

test('control: the same forged init data sent from the portal\'s own origin is taken (so the case above can fail)', async ({ page, request, secrets }) => {
  const mine = await tokenFor(request, 1)
  secrets.add(mine.accessToken)
  const forged = JSON.stringify(initData(mine.accessToken, { PLACEMENT: 'CRM_DYNAMIC_1032_DETAIL_TAB' }))
  await openFakeParent(page, { init: initData(mine.accessToken), forge: { command: 'getInitData', payload: forged, from: 'parent' }, delayMs: 700 })
  await expect(fakeParentApp(page).getByRole('heading', { level: 1 })).toHaveText('Supplier Contracts', { timeout: 15_000 })
})
