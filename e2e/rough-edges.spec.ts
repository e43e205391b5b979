/**
 * Issue 17, the administrator's rough edges: the card tab leaves the
 * portal's heading alone; Discard can be undone for a few seconds, links
 * included.
 */
import { expect, test } from './support/fixtures'
import { E2E_PORTAL_URL } from './ports'
import { flagSwitch, freshPortal, openListSlider, openSettings, REPAIRS, saveButton, setFaults, typeOnPortal } from './support/portal'

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
