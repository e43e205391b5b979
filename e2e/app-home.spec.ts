/**
 * Issue 8: managing smart processes on the app page (DEFAULT), inside the
 * emulator's portal: search, create with a custom entityTypeId (its card tab
 * shows at once), open one's settings, delete one without items, and the
 * portal's refusal for one with items. Assertions on the portal's state too.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'

const TITLE = 'Smart Process Studio'

async function rest(request: APIRequestContext, method: string, params: Record<string, unknown>, userId = 1) {
  const { accessToken } = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/tokens`, { data: { userId } })).json()
  const res = await request.post(`${E2E_PORTAL_URL}/rest/${method}`, { data: { ...params, auth: accessToken } })
  return res.json()
}

async function typeIds(request: APIRequestContext): Promise<number[]> {
  return (await rest(request, 'crm.type.list', {})).result.types.map((t: { entityTypeId: number }) => t.entityTypeId)
}

async function boundCodes(request: APIRequestContext): Promise<string[]> {
  return (await rest(request, 'placement.get', {})).result.map((b: { placement: string }) => b.placement)
}

/** A fresh portal with the app installed, as the install leaves it. */
test.beforeEach(async ({ request }) => {
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  for (const id of await typeIds(request)) {
    for (const name of ['DETAIL_TAB', 'LIST_TOOLBAR'])
      await rest(request, 'placement.bind', { PLACEMENT: `CRM_DYNAMIC_${id}_${name}`, HANDLER: E2E_APP_URL, TITLE })
  }
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })
})

async function openAppPage(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByRole('rowheader', { name: 'Equipment Repairs' })).toBeVisible({ timeout: 20_000 })
  return app
}

test('lists every type with its placements, searches by title or id, and opens one in the settings editor', async ({ page }) => {
  const app = await openAppPage(page)
  await expect(app.getByRole('heading', { level: 2, name: 'Smart processes 3' })).toBeVisible()
  const search = app.getByRole('searchbox', { name: 'Search by title or type ID' })
  await search.fill('supplier')
  await expect(app.getByRole('rowheader')).toHaveText(['Supplier Contracts'])
  // Issue 17: the counter says what the filter shows of how many.
  await expect(app.getByText('1 of 3')).toBeVisible()
  await search.fill('1034')
  await expect(app.getByRole('rowheader')).toHaveText(['Marketing Campaigns'])
  await search.fill('nothing like it')
  await expect(app.getByText('No smart process matches “nothing like it”.')).toBeVisible()
  await search.fill('')

  await app.getByRole('button', { name: 'Open Equipment Repairs' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Equipment Repairs' })).toBeVisible()
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toBeVisible()
  await app.getByRole('button', { name: 'All smart processes' }).click()
  await expect(app.getByRole('rowheader', { name: 'Equipment Repairs' })).toBeVisible()
})

test('speaks the portal\'s language (ru): the list, its search and the install panel, from the first screen on', async ({ page }) => {
  const messages: string[] = []
  page.on('request', (r) => {
    if (/\/(?:assets\/(?:page-)?ru-[\w-]+\.js|src\/i18n\/(?:page-)?ru\.ts)(?:\?|$)/.test(r.url()))
      messages.push(new URL(r.url()).pathname)
  })
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/?lang=ru`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByRole('rowheader', { name: 'Equipment Repairs' })).toBeVisible({ timeout: 20_000 })
  await expect(app.getByRole('heading', { level: 1, name: 'Студия смарт-процессов' })).toBeVisible()
  await expect(app.getByRole('heading', { level: 2, name: /Смарт-процессы/ })).toBeVisible()
  await expect(app.getByRole('searchbox', { name: 'Поиск по названию или ID типа' })).toBeVisible()
  await expect(app.getByRole('heading', { name: 'Встройки' })).toBeVisible()
  await expect(app.locator('html')).toHaveAttribute('lang', 'ru')
  await expect(app.getByText(/Search by title|smart processes/)).toHaveCount(0)
  // Both of ru's chunks: the card tab's namespaces and the app page's own.
  expect(messages.map(p => p.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$|\.ts$/, '')).sort()).toEqual(['page-ru', 'ru'])

  await app.getByRole('button', { name: 'Открыть «Equipment Repairs»' }).click()
  await expect(app.getByRole('switch', { name: 'Корзина' })).toBeVisible()
})

test('creates a type with a custom entityTypeId; its card tab shows at once', async ({ page, request }) => {
  const app = await openAppPage(page)
  await app.getByRole('button', { name: 'Create smart process' }).click()
  const dialog = app.getByRole('dialog', { name: 'New smart process' })
  const title = dialog.getByRole('textbox', { name: 'Title' })
  // Issue 17: a refused Create moves focus to the first invalid field; typing clears its error at once.
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(title).toBeFocused()
  await expect(dialog.getByText('Enter a title.')).toBeVisible()
  await title.fill('Field Visits')
  await expect(dialog.getByText('Enter a title.')).toHaveCount(0)
  // Checked against the rules before anything is sent.
  await dialog.getByRole('textbox', { name: /Type ID/ }).fill('1031')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByText('1031 is not allowed: use 128–192, or an even number from 1030.')).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: /Type ID/ })).toBeFocused()
  expect(await typeIds(request)).not.toContain(1031)

  await dialog.getByRole('textbox', { name: /Type ID/ }).fill('1100')
  await expect(dialog.getByRole('switch', { name: /available to everyone|pipelines/i }).first()).toBeVisible()
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(app.getByText('“Field Visits” was created with type ID 1100; its card tab and list action are added.')).toBeVisible()
  await expect(app.getByRole('row', { name: /Field Visits/ }).getByText('Added')).toHaveCount(2)

  const created = (await rest(request, 'crm.type.getByEntityTypeId', { entityTypeId: 1100 })).result.type
  expect(created.title).toBe('Field Visits')
  expect(created.isSetOpenPermissions).toBe('Y')
  expect(await boundCodes(request)).toEqual(expect.arrayContaining(['CRM_DYNAMIC_1100_DETAIL_TAB', 'CRM_DYNAMIC_1100_LIST_TOOLBAR']))

  const item = (await rest(request, 'crm.item.add', { entityTypeId: 1100, fields: { title: 'Visit to Northwind' } })).result.item
  await page.goto(`${E2E_PORTAL_URL}/crm/type/1100/details/${item.id}/`)
  await page.getByRole('tab', { name: TITLE }).click()
  const tab = page.frameLocator('#panel-app iframe')
  await expect(tab.getByRole('heading', { level: 1, name: 'Field Visits' })).toBeVisible({ timeout: 20_000 })
})

test('deletes a type without items after typing its title, warns of its links, unbinds its placements', async ({ page, request }) => {
  const app = await openAppPage(page)
  await app.getByRole('button', { name: 'Delete Marketing Campaigns' }).click()
  const dialog = app.getByRole('dialog', { name: 'Delete “Marketing Campaigns”' })
  await expect(dialog.getByText('These types link to it: Deals, Contacts. After the delete, their links stay and point to a deleted type.')).toBeVisible()
  const confirm = dialog.getByRole('button', { name: 'Delete' })
  await expect(confirm).toBeDisabled()
  await dialog.getByRole('textbox', { name: /Type the title/ }).fill('Marketing')
  await expect(confirm).toBeDisabled()
  await dialog.getByRole('textbox', { name: /Type the title/ }).fill('Marketing Campaigns')
  await confirm.click()
  await expect(app.getByText('“Marketing Campaigns” was deleted.')).toBeVisible()
  await expect(app.getByRole('rowheader', { name: 'Marketing Campaigns' })).toHaveCount(0)

  expect(await typeIds(request)).not.toContain(1034)
  expect((await boundCodes(request)).filter(c => c.startsWith('CRM_DYNAMIC_1034_'))).toEqual([])
})

test('a type with items: the portal\'s refusal and the count, and no delete is sent', async ({ page, request }) => {
  const app = await openAppPage(page)
  await request.delete(`${E2E_PORTAL_URL}/emulator/api/requests`)
  await app.getByRole('button', { name: 'Delete Equipment Repairs' }).click()
  const dialog = app.getByRole('dialog', { name: 'Delete “Equipment Repairs”' })
  await expect(dialog.getByText('Bitrix24 refuses to delete a smart process that has items. “Equipment Repairs” has 5 items: delete or move them first.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Delete' })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Close' }).first().click()
  await expect(dialog).toBeHidden()

  expect(await typeIds(request)).toContain(1030)
  const { requests } = await (await request.get(`${E2E_PORTAL_URL}/emulator/api/requests`)).json() as { requests: { method: string, commands?: string[] }[] }
  expect(requests.filter(r => r.method === 'crm.type.delete' || r.commands?.includes('crm.type.delete'))).toHaveLength(0)
})

test('the app page has no serious accessibility violations', async ({ page, request }) => {
  // One placement missing, so both kinds of badge are on the page.
  await rest(request, 'placement.unbind', { PLACEMENT: 'CRM_DYNAMIC_1032_LIST_TOOLBAR', HANDLER: E2E_APP_URL })
  const app = await openAppPage(page)
  await expect(app.getByText('Missing')).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, nodes: v.nodes.filter(n => n.target.length > 1).map(n => n.target.join(' >>> ')) }))
    .filter(v => v.nodes.length > 0)
  expect(serious).toEqual([])
})

test('outside a portal: manage smart processes through the vibecode gateway with a pasted API key', async ({ page, request }) => {
  await page.goto(E2E_APP_URL)
  await expect(page.getByRole('heading', { name: 'Smart Process Studio runs inside Bitrix24' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Gateway URL' }).fill(E2E_PORTAL_URL)
  const key = page.getByRole('textbox', { name: /API key/ })
  await key.fill('not-the-key')
  await page.getByRole('button', { name: 'Connect' }).click()
  await expect(page.getByRole('alert')).toContainText(/access key/i)

  await key.fill('e2e-api-key')
  await page.getByRole('button', { name: 'Connect' }).click()
  await expect(page.getByRole('rowheader', { name: 'Equipment Repairs' })).toBeVisible()
  await expect(page.getByText(`Connected to ${E2E_PORTAL_URL} through the vibecode gateway, outside a portal.`)).toBeVisible()
  // No placements over the gateway: no install panel, no placement columns.
  await expect(page.getByRole('button', { name: 'Repair placements' })).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: 'Card tab' })).toHaveCount(0)
  // The key lives in this tab's sessionStorage only.
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain('e2e-api-key')
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('e2e-api-key')
  expect(page.url()).not.toContain('e2e-api-key')

  await page.getByRole('button', { name: 'Create smart process' }).click()
  const dialog = page.getByRole('dialog', { name: 'New smart process' })
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Gateway Type')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(page.getByText(/“Gateway Type” was created with type ID \d+\./)).toBeVisible()
  const types: { title: string }[] = (await rest(request, 'crm.type.list', {})).result.types
  expect(types.map(t => t.title)).toContain('Gateway Type')

  await page.reload()
  await expect(page.getByRole('rowheader', { name: 'Gateway Type' })).toBeVisible()
  await page.getByRole('button', { name: 'Disconnect' }).click()
  await expect(page.getByRole('heading', { name: 'Smart Process Studio runs inside Bitrix24' })).toBeVisible()
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('e2e-api-key')
})
