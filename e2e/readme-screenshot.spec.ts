/**
 * The README's picture of the widget: the emulator's item card with the app's
 * tab open, taken by the suite so it always shows the current build.
 */
import { expect, test } from '@playwright/test'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'
import { hook, REPAIRS, saveButton, TAB_TITLE } from './support/portal'

test.use({ viewport: { width: 1280, height: 900 } })

test('the card tab as the README shows it', async ({ page, request }) => {
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  for (const name of ['DETAIL_TAB', 'LIST_TOOLBAR'])
    await hook(request, 'placement.bind', { PLACEMENT: `CRM_DYNAMIC_${REPAIRS}_${name}`, HANDLER: E2E_APP_URL, TITLE: TAB_TITLE })
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })

  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/details/1/`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  const app = page.frameLocator('#panel-app iframe')
  await expect(app.getByRole('heading', { level: 1, name: 'Equipment Repairs' })).toBeVisible({ timeout: 20_000 })
  await app.getByRole('switch', { name: 'Observers' }).click()
  await expect(saveButton(app)).toBeVisible()
  await page.evaluate(() => window.scrollTo(0, 0))
  // The switch animates its colour for 200 ms: let transitions finish so the picture shows it settled.
  await page.screenshot({ path: 'docs/screenshot.png', animations: 'disabled' })
})
