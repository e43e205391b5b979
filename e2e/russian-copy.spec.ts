/**
 * Issue 17, the Russian copy: the relations' buttons name what they add, the
 * predefined link's reason agrees with «связь», the delete dialog speaks
 * plainly (no «висячими», no entityTypeId), the list's counter does not
 * repeat its heading, and the search placeholder fits its field.
 */
import type { FrameLocator } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { E2E_PORTAL_URL } from './ports'
import { draftBar, freshPortal, openSettings, REPAIRS } from './support/portal'

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

test('the relations in ru: «Добавить дочерний тип», and the predefined link says who added it', async ({ page }) => {
  const app = await openSettings(page, REPAIRS, '?lang=ru')
  const children = app.getByRole('region', { name: 'Дочерние типы', exact: true })
  await children.getByRole('button', { name: 'Добавить дочерний тип', exact: true }).click()
  await expect(app.getByRole('combobox', { name: 'Добавить дочерний тип: найдите тип CRM' })).toBeFocused()
  const parents = app.getByRole('region', { name: 'Родительские типы', exact: true })
  await expect(parents.getByRole('button', { name: 'Добавить родительский тип', exact: true })).toBeVisible()
  // Repairs has the Client field on: contacts and companies are its predefined parents.
  await expect(parents.getByText('Связь добавлена Битрикс24 (например, при включении настройки «Клиент»); здесь её нельзя изменить или удалить.')).toHaveCount(2)
  await expect(app.getByText(/entityTypeId/)).toHaveCount(0)
})

/** The placeholder's text width and the room the field's content box gives it, in px. */
async function placeholderRoom(app: FrameLocator, name: string): Promise<{ text: number, room: number }> {
  return app.getByRole('searchbox', { name }).evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input)
    const ctx = document.createElement('canvas').getContext('2d')!
    ctx.font = style.font
    const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
    return { text: Math.ceil(ctx.measureText(input.placeholder).width), room }
  })
}

test('the app page in ru: the counter does not repeat the heading, the search fits, the delete dialog speaks plainly', async ({ page }) => {
  const search = 'Поиск по названию или ID типа'
  // At 600 px the portal leaves the app about 310 px, at 800 px about 510 px.
  await page.setViewportSize({ width: 600, height: 900 })
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/?lang=ru`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByRole('rowheader', { name: 'Equipment Repairs' })).toBeVisible({ timeout: 20_000 })
  await expect(app.getByRole('heading', { level: 2, name: 'Смарт-процессы 3', exact: true })).toBeVisible()
  await expect(app.getByText(/Смарт-процессов:/)).toHaveCount(0)
  await expect(app.getByRole('columnheader', { name: 'ID типа', exact: true })).toHaveCount(1)
  // The field's name says what it does; its short placeholder fits the field.
  await expect(app.getByRole('searchbox', { name: search })).toHaveAttribute('placeholder', 'Название или ID типа')
  const fit = await placeholderRoom(app, search)
  expect(fit.text, `placeholder ${fit.text}px in ${fit.room}px at 600 px`).toBeLessThanOrEqual(fit.room)
  await page.setViewportSize({ width: 800, height: 900 })
  await expect.poll(async () => placeholderRoom(app, search).then(f => f.room - f.text)).toBeGreaterThanOrEqual(0)

  await app.getByRole('button', { name: 'Удалить «Marketing Campaigns»' }).click()
  const dialog = app.getByRole('dialog', { name: 'Удалить «Marketing Campaigns»' })
  await expect(dialog.getByText('С ним связаны эти типы: Сделки, Контакты. После удаления их связи останутся и будут вести к удалённому типу.')).toBeVisible({ timeout: 20_000 })
  await expect(dialog.getByText(/идентификатор типа больше никогда не будет использован/)).toBeVisible()
  await expect(dialog).not.toContainText('висяч')
  await expect(dialog).not.toContainText('entityTypeId')
})

test('a type linked both ways: the picker says so, each link counts, and every remove button has its own name', async ({ page }) => {
  const app = await openSettings(page, REPAIRS, '?lang=ru')
  const parents = app.getByRole('region', { name: 'Родительские типы', exact: true })
  // Supplier Contracts is already a child of Equipment Repairs.
  await parents.getByRole('button', { name: 'Добавить родительский тип', exact: true }).click()
  const box = app.getByRole('combobox', { name: /Добавить родительский тип/ })
  await box.fill('Supplier')
  await expect(app.getByRole('option', { name: /Supplier Contracts.*Уже дочерний тип: добавив его как родительский, вы свяжете типы в обе стороны/ })).toBeVisible()
  await box.press('Enter')
  await expect(parents.getByText(/С «Supplier Contracts» связь в обе стороны/)).toBeVisible()
  await expect(draftBar(app, 'ru').getByText('Одно несохранённое изменение')).toBeVisible()
  // Same type, two sides: two buttons, two names.
  await expect(app.getByRole('button', { name: 'Удалить связь с «Supplier Contracts» (родительский тип)', exact: true })).toHaveCount(1)
  await app.getByRole('button', { name: 'Удалить связь с «Supplier Contracts» (дочерний тип)', exact: true }).click()
  // Each link added or removed is one change, not all of them one.
  await expect(draftBar(app, 'ru').getByText('Несохранённых изменений: 2')).toBeVisible()
})
