/**
 * Issue 22: the crm module's own rules (docs/platform.md "Pipelines and the recycle bin",
 * crm/lib/model/dynamic/typetable.php, TypeTable::onBeforeUpdate), known
 * before Save; a refused Save says nothing was saved, keeps the draft and
 * offers to save the rest. The portal's state is checked over the webhook.
 */
import { expect, test } from './support/fixtures'
import { draftBar, flagSwitch, freshPortal, hook, openSettings, REPAIRS, saveButton, typeOnPortal } from './support/portal'

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

test('Pipelines is locked on while the type has two pipelines, with the reason and a way to them', async ({ page }) => {
  const app = await openSettings(page)
  const pipelines = app.getByRole('switch', { name: 'Pipelines', exact: true })
  await expect(pipelines).toBeDisabled()
  await expect(pipelines).toHaveAttribute('aria-checked', 'true')
  const reason = app.locator(`#${await pipelines.getAttribute('aria-describedby')}`)
  await expect(reason).toContainText('Bitrix24 keeps pipelines on while this smart process has 2 of them')
  await app.getByRole('button', { name: 'Open its list' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
})

test('the recycle bin off while it holds items: warned before, refused as a whole, the draft kept; the rest saved without it (ru)', async ({ page, request, tally }) => {
  tally.kind('fault')
  const id = (await typeOnPortal(request))!.id
  expect((await hook(request, 'crm.type.update', { id, fields: { isRecyclebinEnabled: 'Y' } })).status).toBe(200)
  expect((await hook(request, 'crm.item.delete', { entityTypeId: REPAIRS, id: 2 })).status).toBe(200)
  const app = await openSettings(page, REPAIRS, '?lang=ru')
  const before = (await typeOnPortal(request))!.updatedTime

  await flagSwitch(app, 'Корзина').click()
  await flagSwitch(app, 'Источник').click()
  await expect(app.getByText('Битрикс24 не разрешит это, пока в корзине есть элементы этого смарт-процесса')).toBeVisible()
  await draftBar(app, 'ru').getByRole('button', { name: 'Сохранить', exact: true }).click()
  await expect(app.getByText('Ничего не сохранено. Все ваши изменения на месте.')).toBeVisible()
  await expect(app.getByRole('alert')).toContainText('Ответ Битрикс24:')
  await expect(flagSwitch(app, 'Корзина')).toHaveAttribute('aria-checked', 'false')
  expect((await typeOnPortal(request))!.updatedTime).toBe(before)

  await app.getByRole('button', { name: 'Сохранить остальное без «Корзина»' }).click()
  await expect(app.getByText('Настройки сохранены.')).toBeVisible()
  const after = await typeOnPortal(request)
  expect([after!.isSourceEnabled, after!.isRecyclebinEnabled]).toEqual(['Y', 'Y'])
  await expect(saveButton(app)).toHaveCount(0)
  tally.lost(0)
})
