/**
 * Issue 17, "Nothing hidden, nothing lost", on the app page: the create
 * dialog offers Bitrix24's own starting points and says where each comes
 * from, and the portal gets the switches it set; at 340 px the list reflows
 * into cards instead of scrolling sideways; the delete dialog's alerts are the
 * kit's soft ones, not solid red boxes.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/fixtures'
import { E2E_PORTAL_URL } from './ports'
import { CAMPAIGNS, CONTRACTS, freshPortal, REPAIRS, typeOnPortal } from './support/portal'

const TITLES = ['Equipment Repairs', 'Supplier Contracts', 'Marketing Campaigns']

test.beforeEach(async ({ request }) => {
  await freshPortal(request, [REPAIRS, CONTRACTS, CAMPAIGNS])
})

async function openAppPage(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByText('Equipment Repairs').first()).toBeVisible({ timeout: 20_000 })
  return app
}

/** A colour as the screen shows it over white, in sRGB 0–255 (the kit's tokens may be oklch or have alpha). */
async function shownColour(el: Locator, property: 'backgroundColor' | 'color'): Promise<[number, number, number]> {
  return el.evaluate((node, prop) => {
    const ctx = document.createElement('canvas').getContext('2d')!
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, 1, 1)
    ctx.fillStyle = getComputedStyle(node)[prop]
    ctx.fillRect(0, 0, 1, 1)
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data
    return [r, g, b] as [number, number, number]
  }, property)
}

/** HSL lightness, 0–1. */
const lightness = ([r, g, b]: [number, number, number]) => (Math.max(r, g, b) + Math.min(r, g, b)) / 2 / 255

test('a preset sets the switches, says where it comes from, and the new type has its flags on the portal', async ({ page, request }) => {
  const app = await openAppPage(page)
  await app.getByRole('button', { name: 'Create smart process' }).click()
  const dialog = app.getByRole('dialog', { name: 'New smart process' })
  const presets = dialog.getByRole('group', { name: 'Start from' })
  const flagSwitch = (name: string) => dialog.getByRole('switch', { name, exact: true })
  // Opens on what Bitrix24 gives a type when nothing is said: only new pipelines open to everyone.
  await expect(presets.getByRole('radio', { name: 'Bitrix24 defaults' })).toBeChecked()
  await expect(flagSwitch('Open new pipelines to everyone')).toHaveAttribute('aria-checked', 'true')
  await expect(flagSwitch('Stages and kanban')).toHaveAttribute('aria-checked', 'false')

  await presets.getByRole('radio', { name: 'All options selected' }).click()
  await expect(dialog.getByText('All options selected: Bitrix24\'s own use case of that name in CRM › Smart processes › Create.')).toBeVisible()
  await expect(flagSwitch('Pipelines')).toHaveAttribute('aria-checked', 'true')

  await presets.getByRole('radio', { name: 'Kanban with stages' }).click()
  await expect(dialog.getByText(/^Kanban with stages: this app's/)).toBeVisible()
  for (const [label, on] of [['Pipelines', false], ['Stages and kanban', true], ['Automation rules and triggers', true], ['Document printing', true], ['Source', false]] as const)
    await expect(flagSwitch(label)).toHaveAttribute('aria-checked', String(on))

  // A switch changed by hand: no preset is claimed any more; changed back, the preset is found again.
  await flagSwitch('Source').click()
  await expect(presets.getByRole('radio', { checked: true })).toHaveCount(0)
  await expect(dialog.getByText('Your own choice: the switches below match none of these.')).toBeVisible()
  await flagSwitch('Source').click()
  await expect(presets.getByRole('radio', { name: 'Kanban with stages' })).toBeChecked()

  await dialog.getByRole('textbox', { name: 'Title' }).fill('Field Visits')
  await dialog.getByRole('textbox', { name: /optional/ }).fill('1100')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(app.getByText(/“Field Visits” was created/)).toBeVisible()

  const created = await typeOnPortal(request, 1100)
  expect(created).not.toBeNull()
  expect({
    isStagesEnabled: created!.isStagesEnabled,
    isAutomationEnabled: created!.isAutomationEnabled,
    isDocumentsEnabled: created!.isDocumentsEnabled,
    isUseInUserfieldEnabled: created!.isUseInUserfieldEnabled,
    isSetOpenPermissions: created!.isSetOpenPermissions,
    isCategoriesEnabled: created!.isCategoriesEnabled,
    isSourceEnabled: created!.isSourceEnabled,
    isClientEnabled: created!.isClientEnabled,
  }).toEqual({
    isStagesEnabled: 'Y',
    isAutomationEnabled: 'Y',
    isDocumentsEnabled: 'Y',
    isUseInUserfieldEnabled: 'Y',
    isSetOpenPermissions: 'Y',
    isCategoriesEnabled: 'N',
    isSourceEnabled: 'N',
    isClientEnabled: 'N',
  })
})

test('at 340 px the app page does not scroll sideways: each type is a card with its title and actions in view', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 })
  const app = await openAppPage(page)
  // The emulated portal keeps its side menu: size the window so that the app's frame is 340 px wide.
  const frameWidth = await page.locator('.app-frame iframe').evaluate(el => el.getBoundingClientRect().width)
  await page.setViewportSize({ width: 800 - Math.round(frameWidth) + 340, height: 900 })
  const html = app.locator('html')
  await expect.poll(() => html.evaluate(el => el.ownerDocument.scrollingElement!.clientWidth)).toBe(340)

  for (const title of TITLES) {
    await expect(app.getByRole('rowheader', { name: title })).toBeVisible()
    await expect(app.getByRole('button', { name: `Open ${title}` })).toBeVisible()
    await expect(app.getByRole('button', { name: `Delete ${title}` })).toBeVisible()
  }
  const sideways = await html.evaluate((el) => {
    const doc = el.ownerDocument
    const width = doc.scrollingElement!.clientWidth
    // Anything drawn past the right edge, or clipped by a box that scrolls sideways, is out of view.
    const out = [...doc.querySelectorAll('tbody th, tbody button')]
      .filter(n => n.getBoundingClientRect().right > width + 0.5 || n.closest('.overflow-x-auto')!.scrollWidth > n.closest('.overflow-x-auto')!.clientWidth)
      .map(n => n.textContent?.trim())
    return { scrollWidth: doc.scrollingElement!.scrollWidth, width, out }
  })
  expect(sideways.out).toEqual([])
  expect(sideways.scrollWidth).toBeLessThanOrEqual(sideways.width)
  // The cards are the table restyled: its rows, headers and cells must still hold together for a screen reader.
  const results = await new AxeBuilder({ page }).include('.app-frame iframe').analyze()
  expect(results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)).toEqual([])
})

test('the delete dialog\'s alerts are the kit\'s soft ones, not a solid red box with white text', async ({ page }) => {
  const app = await openAppPage(page)
  const cases = [
    { title: 'Marketing Campaigns', text: /This cannot be undone/ },
    { title: 'Equipment Repairs', text: /refuses to delete a smart process that has items/ },
  ]
  for (const { title, text } of cases) {
    await app.getByRole('button', { name: `Delete ${title}` }).click()
    const dialog = app.getByRole('dialog', { name: `Delete “${title}”` })
    const alert = dialog.getByText(text).locator('xpath=ancestor::*[@data-slot="root"][1]')
    const background = await shownColour(alert, 'backgroundColor')
    const colour = await shownColour(alert, 'color')
    // A soft (tinted) box is nearly white; a solid one is a saturated mid-tone.
    expect(lightness(background), `background rgb(${background})`).toBeGreaterThan(0.85)
    expect(lightness(colour), `text rgb(${colour})`).toBeLessThan(0.7)
    await dialog.getByRole('button', { name: /Cancel|Close/ }).last().click()
    await expect(dialog).toBeHidden()
  }
})
