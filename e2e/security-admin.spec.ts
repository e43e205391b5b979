/**
 * Issue 10: a user without admin rights cannot change anything, even by
 * calling the portal's REST directly with the app's token (the emulator
 * enforces it, as Bitrix24 does: crm.type.* answer ACCESS_DENIED,
 * placement.* and app.option.set need an admin, docs/platform.md "Rights", "Placements"). The
 * portal's whole state is read before and after through the webhook.
 */
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { appRequests, CAMPAIGNS, freshPortal, hook, openSettings, REPAIRS, restAs, saveButton, typeOnPortal } from './support/portal'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'

const EMPLOYEE = 2

/** Everything an app could change: every type with its relations, the bindings, the app's options. */
async function portalState(request: APIRequestContext) {
  const list = (await hook(request, 'crm.type.list', {})).body.result.types as { entityTypeId: number }[]
  const types = await Promise.all(list.map(t => typeOnPortal(request, t.entityTypeId)))
  return {
    types,
    placements: (await hook(request, 'placement.get', {})).body.result,
    options: (await hook(request, 'app.option.get', {})).body.result,
  }
}

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
})

test('an employee\'s token changes nothing through any write method, single or batched', async ({ request, tally }) => {
  tally.kind('bad_input')
  const repairs = (await typeOnPortal(request, REPAIRS))!
  const campaigns = (await typeOnPortal(request, CAMPAIGNS))!
  const before = await portalState(request)
  const attempts: [string, Record<string, unknown>][] = [
    ['crm.type.update', { id: repairs.id, fields: { title: 'Taken over', isRecyclebinEnabled: 'Y' } }],
    ['crm.type.update', { id: repairs.id, fields: { relations: { parent: [], child: [] } } }],
    ['crm.type.add', { fields: { title: 'Shadow process' } }],
    ['crm.type.delete', { id: campaigns.id }],
    ['placement.bind', { PLACEMENT: `CRM_DYNAMIC_${CAMPAIGNS}_DETAIL_TAB`, HANDLER: 'https://evil.example.com/', TITLE: 'Evil' }],
    ['placement.unbind', { PLACEMENT: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, HANDLER: E2E_APP_URL }],
    ['app.option.set', { options: { takenOver: 'Y' } }],
    ['batch', { halt: 0, cmd: { a: `crm.type.update?id=${repairs.id}&fields[title]=Batched`, b: 'crm.type.add?fields[title]=Batched', c: `crm.type.delete?id=${campaigns.id}` } }],
  ]
  for (const [method, params] of attempts) {
    const { status, body } = await restAs(request, EMPLOYEE, method, params)
    if (method === 'batch') {
      expect(status).toBe(200)
      expect(Object.values(body.result.result_error as Record<string, { error: string }>).map(e => e.error)).toEqual(['ACCESS_DENIED', 'ACCESS_DENIED', 'ACCESS_DENIED'])
    }
    else {
      expect(status, `${method} answered ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400)
      expect(body.error).toBe('ACCESS_DENIED')
    }
  }
  // The pages' installFinish is refused too.
  expect((await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: EMPLOYEE } })).status()).toBe(403)
  expect(await portalState(request)).toEqual(before)
})

test('an employee opening the card tab gets a read-only screen and sends no write', async ({ page, request, tally }) => {
  tally.kind('bad_input')
  const app = await openSettings(page, REPAIRS, '?user=2')
  await expect(app.getByText('Only CRM administrators can change a smart process')).toBeVisible()
  await expect(app.getByRole('switch', { name: 'Recycle bin' })).toBeDisabled()
  // Even a forced click on a disabled switch leaves the draft empty: there is no Save to press.
  await app.getByRole('switch', { name: 'Recycle bin' }).click({ force: true })
  await expect(saveButton(app)).toHaveCount(0)
  const writes = (await appRequests(request)).filter(r => r.userId === EMPLOYEE && !/\.(get|list|current|admin)|batch|getByEntityTypeId/i.test(r.method))
  expect(writes).toEqual([])
})
