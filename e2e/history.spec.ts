/**
 * Issue 19: every change journaled in the portal (the app's entity.*
 * storage) and any entry undone, in the card tab. The portal's state is
 * checked over REST, not only on the screen.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { saveButton } from './support/portal'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'

const REPAIRS = 1030
const TAB_TITLE = 'Smart Process Studio'

async function rest(request: APIRequestContext, method: string, params: Record<string, unknown>, userId = 1) {
  const { accessToken } = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/tokens`, { data: { userId } })).json()
  return (await request.post(`${E2E_PORTAL_URL}/rest/${method}`, { data: { ...params, auth: accessToken } })).json()
}

const typeOnPortal = async (request: APIRequestContext) => (await rest(request, 'crm.type.getByEntityTypeId', { entityTypeId: REPAIRS })).result.type
const parentIds = (type: { relations: { parent: { entityTypeId: number }[] } }) => type.relations.parent.map(r => Number(r.entityTypeId))

test.beforeEach(async ({ request }) => {
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  await rest(request, 'placement.bind', { PLACEMENT: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, HANDLER: E2E_APP_URL, TITLE: TAB_TITLE })
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })
})

async function openCardTab(page: Page, user = 1): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${REPAIRS}/details/1/?user=${user}`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  const app = page.frameLocator('#panel-app iframe')
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

const history = (app: FrameLocator) => app.getByRole('region', { name: 'History' })

test('a change of a flag and a link is journaled; a second admin sees it after a reload and undoes it; the portal is back', async ({ page, browser, request }) => {
  const app = await openCardTab(page)
  await app.getByRole('switch', { name: 'Recycle bin' }).click()
  await app.getByRole('button', { name: 'Remove the link to Deals (parent)' }).click()
  await saveButton(app).click()
  await expect(app.getByText('Settings saved.').first()).toBeVisible()
  const sentence = 'Alex Morgan turned on Recycle bin and removed the link to Deals (parent)'
  await expect(history(app).getByText(sentence)).toBeVisible()
  expect((await typeOnPortal(request)).isRecyclebinEnabled).toBe('Y')

  // Dana Petrova: a CRM administrator, in another browser; the journal lives in the portal.
  const other = await browser.newPage()
  const second = await openCardTab(other, 4)
  const entry = history(second).getByRole('listitem').filter({ hasText: sentence })
  await expect(entry).toBeVisible()
  await entry.getByRole('button', { name: /^Undo: turned on Recycle bin and removed the link to Deals/ }).click()
  // Inline under the entry (a modal could open outside what the portal shows of the fitted frame).
  const dialog = second.getByRole('region', { name: 'Undo this change' })
  await expect(dialog.getByRole('heading', { name: 'Undo this change' })).toBeFocused()
  await expect(dialog.getByText('Recycle bin: goes back to Off')).toBeVisible()
  await expect(dialog.getByText('the link to Deals (parent) comes back')).toBeVisible()
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click()
  await expect(dialog.getByText('Undone. The settings were read back and match.')).toBeVisible()
  const type = await typeOnPortal(request)
  expect(type.isRecyclebinEnabled).toBe('N')
  expect(parentIds(type)).toContain(2)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(history(second).getByText('Dana Petrova undid a change: turned off Recycle bin and added the link to Deals (parent)')).toBeVisible()
  await other.close()
})

test('an undo with a later change asks: keep the later value or change it back', async ({ page, request }) => {
  const app = await openCardTab(page)
  const title = app.getByRole('textbox', { name: 'Title' })
  await title.fill('Repairs B')
  await saveButton(app).click()
  await expect(history(app).getByText('Alex Morgan renamed it from “Equipment Repairs” to “Repairs B”')).toBeVisible()
  // The entry is completed on the portal (written after the save, without holding it up).
  await expect.poll(async () => (await rest(request, 'entity.item.get', { ENTITY: 'spshistory', SORT: { ID: 'DESC' } })).result[0]?.PROPERTY_VALUES?.OUTCOME).toBe('applied')
  // Renamed again over REST, outside the app.
  const { id } = await typeOnPortal(request)
  await rest(request, 'crm.type.update', { id, fields: { title: 'Repairs C' } }, 4)
  const again = await openCardTab(page)
  // Seen on this read, recorded as changed outside the app (late: when the app read it). The app has no user scope: the record's updatedBy is an id.
  await expect(history(again).getByText('Changed outside the app by User 4: renamed it from “Repairs B” to “Repairs C”')).toBeVisible()
  await history(again).getByRole('button', { name: /^Undo: renamed it from “Equipment Repairs”/ }).click()
  const dialog = again.getByRole('region', { name: 'Undo this change' })
  const choice = dialog.getByRole('group', { name: /Title: changed again since: now Repairs C/ })
  await expect(choice.getByRole('radio', { name: 'Keep Repairs C' })).toBeChecked()
  // Nothing to write while the later value is kept.
  await expect(dialog.getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0)
  await choice.getByRole('radio', { name: 'Change back to Equipment Repairs' }).click()
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click()
  await expect(dialog.getByText('Undone. The settings were read back and match.')).toBeVisible()
  expect((await typeOnPortal(request)).title).toBe('Equipment Repairs')
})

test('a type the app never changed: a change made over REST is recorded as outside the app on the next read', async ({ page, request }) => {
  let app = await openCardTab(page)
  await expect(history(app).getByText('No changes recorded yet.')).toBeVisible()
  // The first read is kept as the starting point (never listed).
  await expect.poll(async () => (await rest(request, 'entity.item.get', { ENTITY: 'spshistory', FILTER: { PROPERTY_KIND: 'baseline' } })).total).toBe(1)
  const { id } = await typeOnPortal(request)
  await rest(request, 'crm.type.update', { id, fields: { isRecyclebinEnabled: 'Y' } }, 4)
  app = await openCardTab(page)
  await expect(history(app).getByText('Changed outside the app by User 4: turned on Recycle bin')).toBeVisible()
})

test('an employee sees no history and the app reads none for him', async ({ page, request }) => {
  await request.delete(`${E2E_PORTAL_URL}/emulator/api/requests`)
  const app = await openCardTab(page, 2)
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toBeDisabled()
  await expect(app.getByRole('heading', { name: 'History' })).toHaveCount(0)
  const { requests } = await (await request.get(`${E2E_PORTAL_URL}/emulator/api/requests`)).json() as { requests: { method: string, commands?: string[] }[] }
  expect(requests.filter(r => r.method.startsWith('entity.') || r.commands?.some(c => c.startsWith('entity.')))).toEqual([])
})
