/**
 * Issue 15: the app on a portal that behaves as the official REST docs say
 * (docs/platform.md): two rights told apart, scopes, the plan, the admin's
 * "only some users", linked fields that stick, in en and ru. Every case
 * checks the portal's state over the webhook, not only the screen.
 */
import { expect, test } from './support/fixtures'
import { CAMPAIGNS, draftBar, flagSwitch, freshPortal, NORMAL_PORTAL, openCardTab, openSettings, REPAIRS, saveButton, setFaults, TAB_TITLE, typeOnPortal } from './support/portal'
import { E2E_PORTAL_URL } from './ports'

test.beforeEach(async ({ request }) => {
  await freshPortal(request, [REPAIRS, CAMPAIGNS])
})

test.afterEach(async ({ request }) => {
  await setFaults(request, NORMAL_PORTAL)
})

// crm-type-update.md: CRM administrators change types; placement-bind.md: portal administrators bind.
test('a CRM admin who is not a portal admin changes the type from the card; the app page tells who repairs placements', async ({ page, request }) => {
  const app = await openSettings(page, REPAIRS, '?user=4')
  await expect(app.getByText('View only')).toHaveCount(0)
  await flagSwitch(app, 'Source').click()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  expect((await typeOnPortal(request))!.isSourceEnabled).toBe('Y')

  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/?user=4`)
  const home = page.frameLocator('.app-frame iframe')
  await expect(home.getByText('Only a Bitrix24 administrator can add the app to smart processes')).toBeVisible({ timeout: 20_000 })
  await expect(home.getByRole('button', { name: 'Create smart process' })).toBeVisible()
  await expect(home.getByRole('button', { name: 'Repair placements' })).toHaveCount(0)
})

// crm-type-get-by-entity-type-id.md: ACCESS_DENIED without read permission; the text comes in Russian, the app maps the code.
test('an employee who cannot read the smart process is told so in Russian', async ({ page }) => {
  // Marketing Campaigns has no items, so no card: its list's toolbar action opens the app.
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${CAMPAIGNS}/list/?user=5&lang=ru`)
  await page.locator('#apps-button').click()
  await page.getByRole('menuitem', { name: TAB_TITLE }).click()
  const app = page.frameLocator('iframe').last()
  await expect(app.getByRole('alert')).toContainText('У вас нет права на это действие в Битрикс24', { timeout: 20_000 })
  await expect(app.getByRole('alert')).toContainText('Ответ Битрикс24: Доступ запрещен')
})

// crm-type-update.md: UPDATE_DYNAMIC_TYPE_RESTRICTED.
test('the plan forbids changing types: the Russian message with the portal\'s own words, the draft kept, then view only', async ({ page, request, tally }) => {
  tally.kind('fault')
  const app = await openSettings(page, REPAIRS, '?lang=ru')
  await setFaults(request, { planForbidsUpdate: true })
  const before = (await typeOnPortal(request))!.updatedTime
  await flagSwitch(app, 'Источник').click()
  await draftBar(app, 'ru').getByRole('button', { name: 'Сохранить', exact: true }).click()
  const alert = app.getByRole('alert')
  await expect(alert).toContainText('Ваш тариф Битрикс24 не позволяет менять смарт-процессы')
  await expect(alert).toContainText('Вы не можете изменить настройки смарт-процесса из-за ограничений вашего тарифа')
  await expect(app.getByText('Только просмотр')).toBeVisible()
  await expect(flagSwitch(app, 'Источник')).toHaveAttribute('aria-checked', 'true')
  await expect(flagSwitch(app, 'Источник')).toBeDisabled()
  const after = await typeOnPortal(request)
  expect([after!.updatedTime, after!.isSourceEnabled]).toEqual([before, 'N'])
  tally.lost(0)
})

// _includes/system-errors.md: 403 insufficient_scope.
test('an app registered without the crm scope says which scope to ask the administrator for', async ({ page, request, tally }) => {
  tally.kind('fault')
  await setFaults(request, { appScopes: ['placement'] })
  const app = await openCardTab(page)
  await expect(app.getByRole('alert')).toContainText('The app is not allowed to use the “crm” part of the Bitrix24 REST API', { timeout: 20_000 })
})

// _includes/system-errors.md: 403 user_access_error.
test('an employee outside the users the administrator opened the app to is told why', async ({ page, request, tally }) => {
  tally.kind('fault')
  await setFaults(request, { appUsers: [1] })
  const app = await openCardTab(page, REPAIRS, '?user=2')
  await expect(app.getByRole('alert')).toContainText('A Bitrix24 administrator opened this app to some employees only', { timeout: 20_000 })
})

// crm-type-add.md "Привязка к пользовательским полям": "true"/"false", with isUseInUserfieldEnabled = 'Y' in the same call.
test('a linked field is paired with "Use in user fields" and sticks on the portal', async ({ page, request }) => {
  const app = await openSettings(page)
  await flagSwitch(app, 'In task templates').click()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  const saved = await typeOnPortal(request)
  expect(saved!.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': 'Y', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'Y', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'Y' })

  await flagSwitch(app, 'Use in user fields').click()
  await expect(flagSwitch(app, 'In task templates')).toBeDisabled()
})
