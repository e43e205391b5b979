/**
 * Issue 17, the administrator's rough edges: the card tab leaves the
 * portal's heading alone; Discard can be undone for a few seconds, links
 * included.
 */
import { expect, test } from './support/fixtures'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'
import { flagSwitch, freshPortal, hook, openListSlider, openSettings, REPAIRS, saveButton, setFaults, TAB_TITLE, typeOnPortal } from './support/portal'

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

test('the card tab keeps the item card\'s heading; the slider takes the type\'s title', async ({ page }) => {
  await openSettings(page)
  const heading = page.getByRole('heading', { level: 1 }).first()
  await expect(heading).toHaveText('Equipment Repairs: Forklift hydraulic leak')
  await page.getByRole('tab', { name: 'General' }).click()
  await expect(heading).toHaveText('Equipment Repairs: Forklift hydraulic leak')

  await openListSlider(page)
  await expect(page.getByText('Equipment Repairs — Smart Process Studio')).toBeVisible()
})

test('Discard of a draft with a switch and a link can be undone, and the undone draft saves', async ({ page, request }) => {
  const app = await openSettings(page)
  await flagSwitch(app, 'Source').click()
  await app.getByRole('button', { name: 'Add a child' }).click()
  const box = app.getByRole('combobox', { name: /Add a child/ })
  await box.fill('Marketing')
  await expect(app.getByRole('option', { name: /Marketing Campaigns/ })).toBeVisible()
  await box.press('Enter')
  await expect(app.getByText('2 unsaved changes')).toBeVisible()
  await app.getByRole('button', { name: 'Discard' }).click()
  await expect(app.getByText('Changes discarded.')).toBeVisible()
  await expect(flagSwitch(app, 'Source')).toHaveAttribute('aria-checked', 'false')
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(app.getByText('2 unsaved changes')).toBeVisible()
  await expect(flagSwitch(app, 'Source')).toHaveAttribute('aria-checked', 'true')
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  const after = await typeOnPortal(request)
  expect(after!.isSourceEnabled).toBe('Y')
  expect(after!.relations.child.map(r => Number(r.entityTypeId))).toContain(1034)
  expect(after!.entityTypeId).toBe(REPAIRS)
})

test('the app page says it is loading, never "No smart processes", while the list is on its way', async ({ page, request }) => {
  await setFaults(request, { latencyMs: 1500 })
  try {
    await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
    const app = page.frameLocator('.app-frame iframe')
    await expect(app.getByRole('status').filter({ hasText: 'Loading' }).first()).toBeVisible({ timeout: 20_000 })
    await expect(app.getByText('No smart processes')).toHaveCount(0)
    await expect(app.getByText('3 smart processes')).toBeVisible({ timeout: 20_000 })
  }
  finally {
    await setFaults(request, { latencyMs: 0 })
  }
})

test('the portal shows its loader in the frame area until the app speaks, as Bitrix24 does', async ({ page }) => {
  // The handler's answer is held back a moment, as a cold dev server would.
  await page.route(`${E2E_APP_URL}**`, async (route) => {
    await new Promise(resolve => setTimeout(resolve, 1500))
    await route.continue()
  })
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/details/1/`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Loading the app…' })).toBeVisible()
  await expect(page.frameLocator('#panel-app iframe').getByRole('heading', { level: 1 })).toHaveText('Equipment Repairs', { timeout: 20_000 })
  await expect(page.getByText('Loading the app…')).toHaveCount(0)
})

test('a keyboard user sees where the focus is: buttons and switches get a 2 px ring', async ({ page }) => {
  const app = await openSettings(page)
  await flagSwitch(app, 'Source').focus()
  await page.keyboard.press('Space')
  const save = saveButton(app)
  await save.focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await expect(save).toBeFocused()
  const ring = await save.evaluate(el => ({ style: getComputedStyle(el).outlineStyle, width: Number.parseFloat(getComputedStyle(el).outlineWidth) }))
  expect(ring.style).not.toBe('none')
  expect(ring.width).toBeGreaterThanOrEqual(2)
  const sw = flagSwitch(app, 'Source')
  await sw.focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  const swRing = await sw.evaluate(el => getComputedStyle(el).outlineStyle)
  expect(swRing).not.toBe('none')
})

test('at 800 px the app page wraps titles between words, never inside one', async ({ page, request }) => {
  const long = 'Equipment Repairs and Preventive Maintenance Requests for Regional Warehouses'
  expect((await hook(request, 'crm.type.add', { fields: { title: long } })).status).toBe(200)
  await page.setViewportSize({ width: 800, height: 900 })
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  const title = app.getByRole('rowheader', { name: long })
  await expect(title).toBeVisible({ timeout: 20_000 })
  // Each word's characters on one line: a word broken across lines has two client rects.
  const broken = await title.evaluate((cell) => {
    const text = cell.firstChild?.nodeType === Node.TEXT_NODE ? cell.firstChild : [...cell.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
    if (!text?.textContent)
      return ['no text']
    const out: string[] = []
    for (const m of text.textContent.matchAll(/\S+/g)) {
      const range = document.createRange()
      range.setStart(text, m.index)
      range.setEnd(text, m.index + m[0].length)
      if (range.getClientRects().length > 1)
        out.push(m[0])
    }
    return out
  })
  expect(broken).toEqual([])
})
