/**
 * Issue 17: the card tab shares the item card's page, so it leaves the
 * portal's heading alone ("Equipment Repairs: Forklift hydraulic leak"),
 * also after going back to General; the list slider titles itself.
 */
import { expect, test } from './support/fixtures'
import { freshPortal, openListSlider, openSettings } from './support/portal'

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
