/**
 * Issue 17, the administrator's rough edges: the card tab leaves the
 * portal's heading alone; Discard can be undone for a few seconds, links
 * included.
 */
import { expect, test } from './support/fixtures'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'
import { addLink, draftBar, flagSwitch, restAs, freshPortal, hook, openListSlider, openSettings, relationList, REPAIRS, saveButton, setFaults, TAB_TITLE, typeOnPortal } from './support/portal'

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
  await expect(draftBar(app).getByText('2 unsaved changes')).toBeVisible()
  await draftBar(app).getByRole('button', { name: 'Discard' }).click()
  await expect(draftBar(app).getByText('Changes discarded.')).toBeVisible()
  await expect(flagSwitch(app, 'Source')).toHaveAttribute('aria-checked', 'false')
  await draftBar(app).getByRole('button', { name: 'Undo' }).click()
  await expect(draftBar(app).getByText('2 unsaved changes')).toBeVisible()
  await expect(flagSwitch(app, 'Source')).toHaveAttribute('aria-checked', 'true')
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  const after = await typeOnPortal(request)
  expect(after!.isSourceEnabled).toBe('Y')
  expect(after!.relations.child.map(r => Number(r.entityTypeId))).toContain(1034)
  expect(after!.entityTypeId).toBe(REPAIRS)
})

test('the app page says it is loading, never a count of 0, while the list is on its way', async ({ page, request }) => {
  await setFaults(request, { latencyMs: 1500 })
  try {
    await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
    const app = page.frameLocator('.app-frame iframe')
    await expect(app.getByRole('status').filter({ hasText: 'Loading' }).first()).toBeVisible({ timeout: 20_000 })
    await expect(app.getByRole('heading', { level: 2, name: 'Smart processes 0' })).toHaveCount(0)
    await expect(app.getByRole('heading', { level: 2, name: 'Smart processes 3' })).toBeVisible({ timeout: 20_000 })
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

test('a draft made at the bottom of a tall tab: Save and Discard come to the bottom of the screen, one Tab away', async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  const app = await openSettings(page)
  await addLink(app, 'Children', 'Marketing', 'Marketing Campaigns')
  const dock = app.getByRole('region', { name: 'Unsaved changes' })
  // The link's row is at the foot of the form: the portal page scrolled there, the top bar is out of sight.
  await relationList(app, 'Children').getByText('Marketing Campaigns', { exact: true }).scrollIntoViewIfNeeded()
  await expect(dock).toBeVisible()
  await expect(dock).toContainText('One unsaved change')
  // Within the portal's viewport, not somewhere down the frame.
  const box = (await dock.boundingBox())!
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height).toBeLessThanOrEqual(720)
  // Back at the top, the top bar serves: the dock goes back to its place at the end of the form.
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect.poll(async () => (await dock.boundingBox())!.y).toBeGreaterThan(720)
  // Last in the Tab order: from the form's last control, one Tab reaches the dock's Save (was 30 Shift+Tabs to the top).
  const adder = relationList(app, 'Children').getByRole('button', { name: 'Add a child' })
  await adder.scrollIntoViewIfNeeded()
  await adder.focus()
  await expect(dock).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(dock.getByRole('button', { name: 'Save', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await typeOnPortal(request))!.relations.child.map(r => Number(r.entityTypeId))).toContain(1034)
})

test('the portal closes the slider without asking: the draft is kept in the tab and offered back, with what changed elsewhere named', async ({ page, request }) => {
  let app = await openListSlider(page)
  await flagSwitch(app, 'Source').click()
  await app.getByRole('textbox', { name: 'Title' }).fill('Repairs, kept')
  await expect(draftBar(app).getByText('2 unsaved changes')).toBeVisible()
  // Bitrix24 removes the slider's frame: no beforeunload, no hook in the frame SDK. Nothing is asked.
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.locator('#slider')).toBeHidden()
  // Meanwhile another admin renames the type over REST.
  await hook(request, 'crm.type.update', { id: (await typeOnPortal(request))!.id, fields: { title: 'Renamed elsewhere' } })

  await page.locator('#apps-button').click()
  await page.getByRole('menuitem', { name: TAB_TITLE }).click()
  app = page.frameLocator('iframe').last()
  const offer = app.getByRole('alert').filter({ hasText: 'Unsaved changes from' })
  await expect(offer).toBeVisible({ timeout: 20_000 })
  await offer.getByRole('button', { name: 'Restore them' }).click()
  // The switch comes back; the title was changed elsewhere since, so the portal's stays and is named.
  await expect(flagSwitch(app, 'Source')).toHaveAttribute('aria-checked', 'true')
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue('Renamed elsewhere')
  await expect(app.getByRole('status').filter({ hasText: 'Changed elsewhere meanwhile' })).toContainText('Title')
  await saveButton(app).click()
  await expect(app.getByText(/Settings saved/)).toBeVisible()
  expect((await typeOnPortal(request))!.isSourceEnabled).toBe('Y')
})

test('saved elsewhere while editing: told on return to the frame, and the conflict view lists the link the other admin added', async ({ page, request }) => {
  const app = await openSettings(page)
  await app.getByRole('textbox', { name: 'Title' }).fill('Repairs (mine)')
  const type = (await typeOnPortal(request))!
  // Another admin (user 3) renames the type and adds a child link, over REST.
  await restAs(request, 3, 'crm.type.update', { id: type.id, fields: { title: 'Repairs (theirs)', relations: { parent: type.relations.parent, child: [...type.relations.child, { entityTypeId: 1034, isChildrenListEnabled: 'N' }] } } })
  // The user was elsewhere and comes back to the frame: one glance at the portal, no polling.
  await app.locator('main').evaluate(() => {
    window.dispatchEvent(new Event('blur'))
    window.dispatchEvent(new Event('focus'))
  })
  const told = app.getByRole('status').filter({ hasText: 'Saved elsewhere while you were editing' })
  await expect(told).toContainText('Title')
  await expect(told).toContainText('Link to Marketing Campaigns added (child)')
  await expect(told).toContainText(/Last changed by user 3 at/)
  // The draft is intact; Save shows the title to choose and the link kept without asking.
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue('Repairs (mine)')
  await saveButton(app).click()
  const conflict = app.getByRole('region', { name: 'Changed elsewhere while you were editing' })
  await expect(conflict.getByText('Also saved elsewhere, kept without asking:')).toBeVisible()
  await expect(conflict.getByText('Link to Marketing Campaigns added (child)')).toBeVisible()
})
