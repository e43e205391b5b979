/**
 * Issue 20: one change made to 60 smart processes from the app page:
 * previewed per type, applied 50 a batch, undone as one; another admin's
 * changes made meanwhile survive; a fault run (a 503 burst, an expired
 * token and a type deleted mid-apply) ends with every type applied or
 * listed as failed with its reason. The portal is checked over REST.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { E2E_PORTAL_URL } from './ports'

const SECRET = process.env.E2E_PORTAL_WEBHOOK ?? 'e2e-webhook-secret'
const SEEDED = [1030, 1032, 1034]
const DEALS = 2

/** Each type as the portal holds it, read over the webhook in batches of 50 (the webhook has the same 2/s bucket). */
async function typesOf(request: APIRequestContext, ids: number[]): Promise<Map<number, any>> {
  const out = new Map<number, any>()
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50)
    const { result } = await rest(request, 'batch', { halt: 0, cmd: Object.fromEntries(chunk.map(id => [`t${id}`, `crm.type.getByEntityTypeId?entityTypeId=${id}`])) })
    chunk.forEach(id => out.set(id, result[`t${id}`]?.type))
  }
  return out
}

async function rest(request: APIRequestContext, method: string, params: Record<string, unknown> = {}) {
  const res = await request.post(`${E2E_PORTAL_URL}/rest/1/${SECRET}/${method}`, { data: params })
  const body = await res.json() as { result?: any, error?: string }
  expect(body.error, `${method} ${JSON.stringify(params)}`).toBeUndefined()
  return body.result
}

const typeOf = async (request: APIRequestContext, entityTypeId: number) => (await rest(request, 'crm.type.getByEntityTypeId', { entityTypeId })).type
const parentIds = (type: any) => type.relations.parent.map((r: any) => Number(r.entityTypeId))

/** A portal with the seed's 3 smart processes and 57 more: 60. Installed. Answers the added ids. */
async function sixtyTypes(request: APIRequestContext): Promise<number[]> {
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })
  const { entityTypeIds } = await (await request.post(`${E2E_PORTAL_URL}/emulator/api/add-types`, { data: { count: 57 } })).json()
  return entityTypeIds
}

async function bulkScreen(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  await app.getByRole('button', { name: 'Change many types' }).click({ timeout: 20_000 })
  await expect(app.getByRole('heading', { level: 1, name: 'Change many smart processes' })).toBeVisible()
  await app.getByRole('checkbox', { name: 'Select all shown' }).click({ timeout: 20_000 })
  await expect(app.getByText('60 of 60 selected')).toBeVisible()
  return app
}

test('a link added to 60 types keeps another admin\'s changes made meanwhile, and is undone as one', async ({ page, request }) => {
  const added = await sixtyTypes(request)
  const app = await bulkScreen(page)
  await app.getByRole('radio', { name: 'Add or remove a link' }).click()
  await app.getByRole('combobox', { name: 'CRM type' }).selectOption({ label: 'Deals' })
  await app.getByRole('checkbox', { name: 'Show the list in the card' }).check()
  await app.getByRole('button', { name: 'Preview the change' }).click()
  // Equipment Repairs already has Deals as a parent with the list shown (the seed).
  await expect(app.getByText('59 will change · 1 already as asked · 0 left out')).toBeVisible()
  await expect(app.getByText('adds the link to Deals (parent, list shown in the card)').first()).toBeVisible()

  // Meanwhile, another admin links three of the same types elsewhere and flips a flag on them.
  const theirs = []
  for (const id of [added[0]!, added[30]!, added[56]!])
    theirs.push({ id, ...(await (await request.post(`${E2E_PORTAL_URL}/emulator/api/other-admin-edit`, { data: { entityTypeId: id } })).json()) })

  await app.getByRole('button', { name: 'Apply to 59 smart processes' }).click()
  await expect(app.getByText('Applied: 59')).toBeVisible({ timeout: 60_000 })
  const after = await typesOf(request, [...added, ...SEEDED])
  for (const [id, type] of after) {
    expect(type.relations.parent.find((r: any) => Number(r.entityTypeId) === DEALS)?.isChildrenListEnabled, `type ${id}`).toBe('Y')
  }
  for (const t of theirs) {
    const type = after.get(t.id)
    expect(parentIds(type)).toContain(t.relationTo)
    expect(type[t.flag]).toBe('Y')
  }

  await app.getByRole('button', { name: 'Undo this change' }).click()
  await app.getByRole('button', { name: 'Undo 59 types' }).click({ timeout: 20_000 })
  await expect(app.getByRole('heading', { name: 'Results of the undo' })).toBeVisible({ timeout: 60_000 })
  await expect(app.getByText('Applied: 59')).toBeVisible()
  const undone = await typesOf(request, [...added, 1030])
  for (const id of added)
    expect(parentIds(undone.get(id)), `type ${id}`).not.toContain(DEALS)
  expect(parentIds(undone.get(1030))).toContain(DEALS)
  for (const t of theirs)
    expect(parentIds(undone.get(t.id))).toContain(t.relationTo)
})

test('a fault run: a 503 burst, an expired token and a type deleted mid-apply end with every type applied or failed with its reason', async ({ page, request }) => {
  const added = await sixtyTypes(request)
  const app = await bulkScreen(page)
  await app.getByRole('combobox', { name: 'Recycle bin' }).selectOption({ label: 'On' })
  await app.getByRole('button', { name: 'Preview the change' }).click()
  const victim = added[56]!
  const victimId = (await typeOf(request, victim)).id
  // Slow answers, so the faults below land between the first chunk's writes and the second chunk.
  await request.put(`${E2E_PORTAL_URL}/emulator/api/faults`, { data: { latencyMs: 400 } })
  await app.getByRole('button', { name: /^Apply to \d+ smart processes$/ }).click()
  // Once the first batch of writes reached the portal: the last type of the second chunk goes, the token expires, the next requests are refused.
  await expect.poll(async () => {
    const { requests } = await (await request.get(`${E2E_PORTAL_URL}/emulator/api/requests`)).json()
    return requests.some((r: any) => (r.commands ?? []).includes('crm.type.update'))
  }, { timeout: 30_000, intervals: [50] }).toBe(true)
  await request.put(`${E2E_PORTAL_URL}/emulator/api/faults`, { data: { latencyMs: 0, rateLimitBurst: 3 } })
  await request.post(`${E2E_PORTAL_URL}/emulator/api/expire-tokens`)
  await rest(request, 'crm.type.delete', { id: victimId })

  const results = app.getByRole('region', { name: 'Results' })
  await expect(results).toBeVisible({ timeout: 90_000 })
  await expect(results).toContainText('Failed: 1 · Applied: 59')
  await expect(results.getByRole('listitem').filter({ hasText: `Benchmark process 60` })).toContainText('It may have been deleted')
  const { requests } = await (await request.get(`${E2E_PORTAL_URL}/emulator/api/requests`)).json()
  expect(requests.some((r: any) => r.status === 503)).toBe(true)
  expect(requests.some((r: any) => r.status === 401)).toBe(true)
  for (const [id, type] of await typesOf(request, [...added.filter(id => id !== victim), ...SEEDED]))
    expect(type.isRecyclebinEnabled, `type ${id}`).toBe('Y')
})
