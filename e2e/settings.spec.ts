/**
 * Issue 6: a smart process's settings in its card tab and its list toolbar's
 * slider, inside the emulator's portal pages (cross-origin iframe, form POST,
 * frame protocol), as a user and a screen reader see them.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { draftBar, saveButton } from './support/portal'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'

const REPAIRS = 1030
const TAB_TITLE = 'Smart Process Studio'

async function rest(request: APIRequestContext, method: string, params: Record<string, unknown>, userId = 1) {
  const { accessToken } = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/tokens`, { data: { userId } })).json()
  const res = await request.post(`${E2E_PORTAL_URL}/rest/${method}`, { data: { ...params, auth: accessToken } })
  return res.json()
}

async function typeOnPortal(request: APIRequestContext, entityTypeId = REPAIRS) {
  return (await rest(request, 'crm.type.getByEntityTypeId', { entityTypeId })).result.type
}

/** A fresh portal with the app installed and both placements of the type bound, as the app page would leave it. */
test.beforeEach(async ({ request }) => {
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  await request.put(`${E2E_PORTAL_URL}/emulator/api/faults`, { data: { errorRate: 0, latencyMs: 0 } })
  for (const name of ['DETAIL_TAB', 'LIST_TOOLBAR'])
    await rest(request, 'placement.bind', { PLACEMENT: `CRM_DYNAMIC_${REPAIRS}_${name}`, HANDLER: E2E_APP_URL, TITLE: TAB_TITLE })
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })
})

async function openCardTab(page: Page, query = ''): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/details/1/${query}`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  const app = page.frameLocator('#panel-app iframe')
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

async function openListSlider(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/list/`)
  await page.locator('#apps-button').click()
  await page.getByRole('menuitem', { name: TAB_TITLE }).click()
  const app = page.frameLocator('iframe').last()
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

/** Serious and critical axe violations inside the app's frame (the portal page around it is not ours). */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, nodes: v.nodes.filter(n => n.target.length > 1).map(n => `${n.target.join(' >>> ')} ${process.env.AXE_DEBUG ? n.failureSummary : ''}`.trim()) }))
    .filter(v => v.nodes.length > 0)
}

test('card tab: toggle a flag, save, reload the page, see it saved', async ({ page, request }) => {
  let app = await openCardTab(page)
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Equipment Repairs')
  await expect(app.locator('main[data-layout]')).toHaveAttribute('data-layout', 'tab')
  await expect(app.getByText(`Type ID ${REPAIRS}`)).toBeVisible()
  // Issue 17: the card tab leaves the item card's title to the portal.
  await expect(page).toHaveTitle('Equipment Repairs: Forklift hydraulic leak')
  const recycle = app.getByRole('switch', { name: 'Recycle bin' })
  await expect(recycle).toHaveAttribute('aria-checked', 'false')
  await recycle.click()
  await expect(draftBar(app).getByText('One unsaved change')).toBeVisible()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  expect((await typeOnPortal(request)).isRecyclebinEnabled).toBe('Y')

  await page.reload()
  app = await openCardTab(page)
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toHaveAttribute('aria-checked', 'true')
})

test('list slider: a change by another admin to another field is kept without asking, named, and nothing is lost', async ({ page, request }) => {
  const app = await openListSlider(page)
  await expect(app.locator('main[data-layout]')).toHaveAttribute('data-layout', 'slider')
  expect(await seriousViolations(page)).toEqual([])
  await app.getByRole('switch', { name: 'Recycle bin' }).click()
  const other = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/other-admin-edit`, { data: { entityTypeId: REPAIRS } })).json()
  const theirs = (await typeOnPortal(request))[other.flag]
  await saveButton(app).click()
  await expect(app.getByText(/Settings saved\. Changes made elsewhere meanwhile were kept: /)).toBeVisible()
  const after = await typeOnPortal(request)
  expect(after.isRecyclebinEnabled).toBe('Y')
  expect(after[other.flag]).toBe(theirs)
  if (other.relationTo !== null)
    expect(after.relations.parent.map((r: { entityTypeId: number }) => r.entityTypeId)).toContain(other.relationTo)
})

test('both admins rename the type: the conflict view takes focus, says who changed it, writes nothing until chosen', async ({ page, request }) => {
  const app = await openListSlider(page)
  await app.getByRole('textbox', { name: 'Title' }).fill('Repairs (mine)')
  const id = (await typeOnPortal(request)).id
  await rest(request, 'crm.type.update', { id, fields: { title: 'Repairs (theirs)' } }, 3)
  await saveButton(app).click()
  await expect(app.getByRole('heading', { name: 'Changed elsewhere while you were editing' })).toBeFocused()
  await expect(app.getByText(/Last changed by user 3 at /)).toBeVisible()
  expect((await typeOnPortal(request)).title).toBe('Repairs (theirs)')
  await expect(app.getByRole('radio', { name: /Keep mine/ })).toBeChecked()
  await app.getByRole('button', { name: 'Save with these choices' }).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  expect((await typeOnPortal(request)).title).toBe('Repairs (mine)')
})

test('a user without admin rights sees everything read-only with the reason', async ({ page }) => {
  const app = await openCardTab(page, '?user=2')
  await expect(app.getByText('Only CRM administrators can change a smart process')).toBeVisible()
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toBeDisabled()
  await expect(app.getByRole('textbox').first()).toBeDisabled()
  await expect(saveButton(app)).toHaveCount(0)
  expect(await seriousViolations(page)).toEqual([])
})

test('an expired token during save is refreshed and the save goes through', async ({ page, request }) => {
  const app = await openCardTab(page)
  await app.getByRole('switch', { name: 'Source' }).click()
  await request.post(`${E2E_PORTAL_URL}/emulator/api/expire-tokens`)
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  expect((await typeOnPortal(request)).isSourceEnabled).toBe('Y')
})

test('works by keyboard alone and tells side effects before saving', async ({ page, request }) => {
  const app = await openCardTab(page)
  const stages = app.getByRole('switch', { name: 'Stages and kanban' })
  await stages.focus()
  await page.keyboard.press('Space')
  await expect(stages).toHaveAttribute('aria-checked', 'false')
  await expect(app.getByText(/Stages and kanban: Custom stages and the kanban board will no longer be available/)).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  // The draft bar sits right under the title, before the fields (the frame is fitted, nothing sticks): Save is the Tab stop just before Title.
  await app.getByRole('textbox', { name: 'Title' }).focus()
  await page.keyboard.press('Shift+Tab')
  await expect(draftBar(app).getByRole('button', { name: 'Discard' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(saveButton(app)).toBeFocused()
  await page.keyboard.press('Enter')
  // Save vanished with the draft: focus lands on the line that says what happened, not on the page.
  await expect(app.getByText('Settings saved.')).toBeFocused()
  expect((await typeOnPortal(request)).isStagesEnabled).toBe('N')
})

test('a failed save says why in words, keeps the draft, and a retry goes through', async ({ page, request }) => {
  const app = await openCardTab(page)
  await app.getByRole('switch', { name: 'Recycle bin' }).click()
  await request.put(`${E2E_PORTAL_URL}/emulator/api/faults`, { data: { errorRate: 1 } })
  await saveButton(app).click()
  const alert = app.getByRole('alert')
  await expect(alert).toBeVisible({ timeout: 20_000 })
  await expect(alert).not.toContainText('errors.')
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toHaveAttribute('aria-checked', 'true')
  expect(await seriousViolations(page)).toEqual([])
  await request.put(`${E2E_PORTAL_URL}/emulator/api/faults`, { data: { errorRate: 0 } })
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  expect((await typeOnPortal(request)).isRecyclebinEnabled).toBe('Y')
})

test('leaving the card with unsaved changes asks first; staying keeps the draft', async ({ page }) => {
  const app = await openCardTab(page)
  await app.getByRole('switch', { name: 'Recycle bin' }).click()
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type())
      void dialog.dismiss()
    })
  })
  await page.getByRole('link', { name: 'Supplier Contracts' }).click({ noWaitAfter: true })
  expect(await asked).toBe('beforeunload')
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toHaveAttribute('aria-checked', 'true')
})

test('the frame fits its content: no inner scrollbar, before and after the save bar appears', async ({ page }) => {
  const app = await openCardTab(page)
  const fits = () => app.locator('html').evaluate(el => el.scrollHeight <= el.clientHeight + 1)
  await expect.poll(fits).toBe(true)
  await app.getByRole('switch', { name: 'Client' }).click()
  await expect(draftBar(app).getByRole('button', { name: 'Discard' })).toBeVisible()
  await expect.poll(fits).toBe(true)
  await draftBar(app).getByRole('button', { name: 'Discard' }).click()
  await expect.poll(fits).toBe(true)
})

/** ru's messages: a chunk of their own, built (`assets/ru-<hash>.js`) or served by Vite (`src/i18n/ru.ts`); the app page's are `page-ru`. */
const RU_MESSAGES = /\/(?:assets\/(?:page-)?ru-[\w-]+\.js|src\/i18n\/(?:page-)?ru\.ts)(?:\?|$)/

/** Records, inside the app's frame, what the first screen (the first <h1>) said and in which language. */
async function recordFirstScreen(page: Page) {
  await page.addInitScript(() => {
    if (window === window.top)
      return
    const w = window as unknown as { firstScreen?: { lang: string, text: string } }
    new MutationObserver((_records, observer) => {
      if (!document.querySelector('h1'))
        return
      w.firstScreen = { lang: document.documentElement.lang, text: document.body.innerText }
      observer.disconnect()
    }).observe(document, { childList: true, subtree: true })
  })
  return () => page.frames().find(f => f.url().startsWith(E2E_APP_URL))!.evaluate(() => (window as unknown as { firstScreen?: { lang: string, text: string } }).firstScreen)
}

test('speaks the portal\'s language (ru): its messages load beside the first request, and the first screen is ru from the start', async ({ page, request }) => {
  const firstScreen = await recordFirstScreen(page)
  // ru's chunk held back until the first screen's request has been answered: the tab must wait for it, in its loading state.
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  const chunks: string[] = []
  await page.route(RU_MESSAGES, async (route) => {
    chunks.push(new URL(route.request().url()).pathname)
    await held
    await route.continue()
  })
  await request.delete(`${E2E_PORTAL_URL}/emulator/api/requests`)
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/details/1/?lang=ru`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  const app = page.frameLocator('#panel-app iframe')
  await expect.poll(() => chunks.length, { timeout: 20_000 }).toBe(1)
  // The first screen's batch went out without waiting for the messages.
  await expect.poll(async () => {
    const { requests } = await (await request.get(`${E2E_PORTAL_URL}/emulator/api/requests`)).json() as { requests: { method: string }[] }
    return requests.some(r => r.method === 'batch')
  }).toBe(true)
  await expect(app.getByRole('status')).toBeVisible()
  await expect(app.getByRole('heading', { level: 1 })).toHaveCount(0)
  release()
  await expect(app.getByRole('switch', { name: 'Корзина' })).toBeVisible({ timeout: 20_000 })
  await expect(app.locator('html')).toHaveAttribute('lang', 'ru')
  const first = await firstScreen()
  expect(first?.lang).toBe('ru')
  expect(first?.text).toContain('Корзина')
  expect(first?.text).not.toMatch(/Recycle bin|settings_ui\.|settings\.flags/)
  expect(chunks).toEqual([expect.stringMatching(/\/ru-[\w-]+\.js$|\/ru\.ts$/)])
})

test('an en card tab requests no ru messages', async ({ page }) => {
  const requested: string[] = []
  page.on('request', r => requested.push(r.url()))
  const app = await openCardTab(page)
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toBeVisible()
  // Its JS came through the same watch: the check sees the frame's requests.
  expect(requested.some(url => url.startsWith(E2E_APP_URL) && /\.(?:js|ts)(?:\?|$)/.test(url))).toBe(true)
  await page.waitForLoadState('networkidle')
  expect(requested.filter(url => RU_MESSAGES.test(url))).toEqual([])
})

test('axe finds no serious or critical violation in the tab, the draft and the conflict view', async ({ page, request }) => {
  const app = await openCardTab(page)
  expect(await seriousViolations(page)).toEqual([])
  await app.getByRole('switch', { name: 'Client' }).click()
  await expect(draftBar(app).getByRole('button', { name: 'Discard' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await app.getByRole('textbox', { name: 'Title' }).fill('Repairs (mine)')
  await rest(request, 'crm.type.update', { id: (await typeOnPortal(request)).id, fields: { title: 'Repairs (theirs)' } }, 3)
  await saveButton(app).click()
  await expect(app.getByRole('heading', { name: 'Changed elsewhere while you were editing' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
