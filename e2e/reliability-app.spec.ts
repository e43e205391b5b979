/**
 * Issue 10 on the app page: the install of 300 types under 503 bursts, the
 * portal refusing a create at its limit, and a delete that races an item
 * added elsewhere. Each: a clear message, and the portal fully written or
 * untouched (read back through the webhook and the emulator's info).
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { addTypes, CAMPAIGNS, freshPortal, hook, setFaults, typeOnPortal } from './support/portal'
import { E2E_PORTAL_URL } from './ports'

const info = async (request: APIRequestContext) => (await request.get(`${E2E_PORTAL_URL}/emulator/api/info`)).json() as Promise<{ installed: boolean, types: number }>
const appFrame = (page: Page): FrameLocator => page.frameLocator('.app-frame iframe')

async function bindings(request: APIRequestContext): Promise<string[]> {
  return ((await hook(request, 'placement.get')).body.result as { placement: string }[]).map(b => b.placement)
}

test('installing 300 types through 503 bursts: a short burst is retried, a batch that stays refused is reported and repaired, nothing bound twice', async ({ page, request, tally }) => {
  tally.kind('fault')
  await request.post(`${E2E_PORTAL_URL}/emulator/api/reset`)
  await setFaults(request, { latencyMs: 0, errorRate: 0, rateLimitBurst: 0, refreshSilent: false })
  await addTypes(request, 297)
  expect((await info(request)).types).toBe(300)
  let bindBatches = 0
  let refused: string | null = null
  let refusing = true
  const tooMany = { status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }) }
  await page.route('**/rest/batch*', async (route) => {
    const body = route.request().postData() ?? ''
    if (!body.includes('placement.bind'))
      return route.continue()
    bindBatches += 1
    // The 2nd request answered 503 once (the SDK waits and retries it); the 4th batch, and every retry of it, 503 until told otherwise.
    if (bindBatches === 4)
      refused = body.replace(/"auth":"[^"]*"/, '')
    if (bindBatches === 2 || (refusing && refused !== null && body.replace(/"auth":"[^"]*"/, '') === refused))
      return route.fulfill(tooMany)
    return route.continue()
  })
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = appFrame(page)
  await expect(app.getByText(/Some placements could not be bound/)).toBeVisible({ timeout: 45_000 })
  const partial = await bindings(request)
  expect(partial.length).toBeGreaterThan(0)
  expect(partial.length).toBeLessThan(600)
  expect(new Set(partial).size).toBe(partial.length)
  // installFinish waits for all: the portal still shows the app as installing.
  expect((await info(request)).installed).toBe(false)

  refusing = false
  await app.getByRole('button', { name: 'Repair placements' }).click()
  await expect.poll(async () => (await info(request)).installed, { timeout: 45_000 }).toBe(true)
  const all = await bindings(request)
  expect(all).toHaveLength(600)
  expect(new Set(all).size).toBe(600)
})

test('the portal refuses a create at its limit of smart processes: the message, the form kept, nothing created', async ({ page, request, tally }) => {
  tally.kind('fault')
  await freshPortal(request)
  const before = (await info(request)).types
  await page.route('**/rest/crm.type.add*', route => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: 'CREATE_DYNAMIC_TYPE_RESTRICTED', error_description: 'Maximum number of smart processes exceeded' }) }))
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = appFrame(page)
  await app.getByRole('button', { name: 'Create smart process' }).click({ timeout: 20_000 })
  const dialog = app.getByRole('dialog', { name: 'New smart process' })
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Field Visits')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(app.getByText('Bitrix24 refused to create a smart process: your plan does not allow it, or the portal\'s limit of smart processes is reached.')).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('Field Visits')
  expect((await info(request)).types).toBe(before)
})

test('an item is added elsewhere between the count and the delete: the portal\'s refusal is shown and the type stays', async ({ page, request, tally }) => {
  tally.kind('fault')
  await freshPortal(request, [CAMPAIGNS])
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = appFrame(page)
  await app.getByRole('button', { name: 'Delete Marketing Campaigns' }).click({ timeout: 20_000 })
  const dialog = app.getByRole('dialog', { name: 'Delete “Marketing Campaigns”' })
  await dialog.getByRole('textbox', { name: /Type the title/ }).fill('Marketing Campaigns')
  expect((await hook(request, 'crm.item.add', { entityTypeId: CAMPAIGNS, fields: { title: 'Spring launch' } })).status).toBe(200)
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(app.getByText(/has items|still has|refuses to delete/).first()).toBeVisible()
  expect(await typeOnPortal(request, CAMPAIGNS)).not.toBeNull()
  expect((await bindings(request)).filter(c => c.startsWith(`CRM_DYNAMIC_${CAMPAIGNS}_`))).toHaveLength(2)
})
