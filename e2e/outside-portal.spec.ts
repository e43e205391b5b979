import { expect, test } from '@playwright/test'

test('opened outside a portal, the built widget explains where it runs', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Smart Process Studio runs inside Bitrix24' })).toBeVisible()
  await expect(page.getByText(/Open it from a smart process card/)).toBeVisible()
})
