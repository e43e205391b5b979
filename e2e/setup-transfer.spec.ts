/**
 * Issue 18: a smart process's whole setup carried from portal A to portal B
 * through a file: exported on A's app page, imported on B's as a plan, then
 * applied; B ends with the same setup, compared field by field over REST,
 * and applying again changes nothing. Bad input is refused before anything
 * is written.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/fixtures'
import { E2E_PORTAL_B_URL, E2E_PORTAL_URL } from './ports'
import { freshPortal, openSettings } from './support/portal'

const SECRET = process.env.E2E_PORTAL_WEBHOOK ?? 'e2e-webhook-secret'
const SEEDED = [1030, 1032, 1034]

async function rest(request: APIRequestContext, portal: string, method: string, params: Record<string, unknown> = {}) {
  const res = await request.post(`${portal}/rest/1/${SECRET}/${method}`, { data: params })
  return (await res.json() as { result: any }).result
}

/** What must match between the portals: every setting, link, pipeline and stage of a type, ids left out. */
async function setupOf(request: APIRequestContext, portal: string, entityTypeId: number) {
  const { type } = await rest(request, portal, 'crm.type.getByEntityTypeId', { entityTypeId })
  const flags = Object.fromEntries(Object.entries(type).filter(([k]) => /^is\w+Enabled$/.test(k) && k !== 'isCountersEnabled' && k !== 'isPaymentsEnabled'))
  const links = (side: any[]) => side.filter(r => r.isPredefined !== 'Y' && r.isPredefined !== true).map(r => `${r.entityTypeId}:${r.isChildrenListEnabled}`).sort()
  const { categories } = await rest(request, portal, 'crm.category.list', { entityTypeId })
  const pipelines = []
  for (const c of [...categories].sort((a: any, b: any) => a.sort - b.sort || a.name.localeCompare(b.name))) {
    const stages = await rest(request, portal, 'crm.status.list', { filter: { ENTITY_ID: `DYNAMIC_${entityTypeId}_STAGE_${c.id}` } })
    pipelines.push({ name: c.name, isDefault: c.isDefault, stages: stages.map((s: any) => `${s.STATUS_ID.split(':').pop()}|${s.NAME}|${s.SORT}|${s.SEMANTICS ?? ''}|${String(s.COLOR).toUpperCase()}`) })
  }
  return { title: type.title, code: type.code, flags, parents: links(type.relations.parent), children: links(type.relations.child), linked: type.linkedUserFields, pipelines }
}

async function installOn(request: APIRequestContext, portal: string) {
  await request.post(`${portal}/emulator/pages/install-finish`, { data: { userId: 1 } })
}

async function appPage(page: Page, portal: string): Promise<FrameLocator> {
  await page.goto(`${portal}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

async function importFile(app: FrameLocator, path: string) {
  await app.getByRole('button', { name: 'Import setup…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Import a setup' })
  await dialog.getByLabel('Choose a file').setInputFiles(path)
  return dialog
}

/** Exports every smart process of portal A from its app page; the downloaded file's path. */
async function exportAll(page: Page): Promise<string> {
  const app = await appPage(page, E2E_PORTAL_URL)
  await app.getByRole('button', { name: 'Export setup…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Export smart processes' })
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()])
  return download.path()
}

async function importAndApply(page: Page, path: string) {
  const app = await appPage(page, E2E_PORTAL_B_URL)
  const dialog = await importFile(app, path)
  await dialog.getByRole('button', { name: 'Apply the plan' }).click()
  await expect(dialog.getByRole('region', { name: 'Result' })).toBeVisible({ timeout: 30_000 })
}

async function stageNames(request: APIRequestContext, portal: string, entityTypeId: number): Promise<string[]> {
  const { categories } = await rest(request, portal, 'crm.category.list', { entityTypeId })
  const main = categories.find((c: any) => c.isDefault === 'Y' || c.isDefault === true)
  return (await rest(request, portal, 'crm.status.list', { filter: { ENTITY_ID: `DYNAMIC_${entityTypeId}_STAGE_${main.id}` } })).map((s: any) => s.NAME)
}

async function addStage(request: APIRequestContext, portal: string, entityTypeId: number, code: string, name: string) {
  const { categories } = await rest(request, portal, 'crm.category.list', { entityTypeId })
  const main = categories.find((c: any) => c.isDefault === 'Y' || c.isDefault === true)
  await rest(request, portal, 'crm.status.add', { fields: { ENTITY_ID: `DYNAMIC_${entityTypeId}_STAGE_${main.id}`, STATUS_ID: code, NAME: name, SORT: 35, COLOR: '#123456' } })
}

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
  await request.post(`${E2E_PORTAL_B_URL}/emulator/api/reset`)
  await installOn(request, E2E_PORTAL_B_URL)
})

test('three linked types with pipelines and stages go from portal A to an empty portal B; again changes nothing', async ({ page, request }) => {
  // A: one more pipeline with a custom stage, so the file carries more than Bitrix24's defaults.
  const { category } = await rest(request, E2E_PORTAL_URL, 'crm.category.add', { entityTypeId: 1030, fields: { name: 'Field service', sort: 300 } })
  await rest(request, E2E_PORTAL_URL, 'crm.status.add', { fields: { ENTITY_ID: `DYNAMIC_1030_STAGE_${category.id}`, STATUS_ID: 'ON_SITE', NAME: 'Technician on site', SORT: 25, COLOR: '#AABBCC' } })

  let app = await appPage(page, E2E_PORTAL_URL)
  await app.getByRole('button', { name: 'Export setup…' }).click()
  const exportDialog = app.getByRole('dialog', { name: 'Export smart processes' })
  await expect(exportDialog.getByRole('checkbox', { name: 'All smart processes' })).toBeChecked()
  const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toMatch(/^smart-process-setup-127\.0\.0\.1-\d+-\d{4}-\d{2}-\d{2}\.json$/)
  const path = await download.path()
  const text = readFileSync(path, 'utf8')
  expect(text).not.toMatch(/access_token|refresh_token|auth/i)

  app = await appPage(page, E2E_PORTAL_B_URL)
  const dialog = await importFile(app, path)
  // Free and allowed on B: the same ids, so CRM_DYNAMIC_<id> placements keep working.
  for (const title of ['Equipment Repairs', 'Supplier Contracts', 'Marketing Campaigns'])
    await expect(dialog.getByRole('article', { name: title })).toContainText(/Will be created with Type ID 10(30|32|34)\./)
  await dialog.getByRole('button', { name: 'Apply the plan' }).click()
  const result = dialog.getByRole('region', { name: 'Result' })
  await expect(result).toBeVisible({ timeout: 30_000 })
  await expect(result.locator('[data-result="applied"]')).toHaveCount(3)

  for (const id of SEEDED)
    expect(await setupOf(request, E2E_PORTAL_B_URL, id), `type ${id}`).toEqual(await setupOf(request, E2E_PORTAL_URL, id))

  // The same file again: nothing to change, nothing written.
  await dialog.getByRole('button', { name: 'Import another file' }).click()
  await dialog.getByLabel('Choose a file').setInputFiles(path)
  await expect(dialog.getByText('Nothing to change: this portal already has this setup.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Apply the plan' })).toBeDisabled()
})

test('bad input gets a clear message and nothing is written', async ({ page, request }) => {
  const app = await appPage(page, E2E_PORTAL_B_URL)
  const before = await rest(request, E2E_PORTAL_B_URL, 'crm.type.list')
  await app.getByRole('button', { name: 'Import setup…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Import a setup' })
  const cases: [string, RegExp][] = [
    ['{ not json', /not JSON/],
    [JSON.stringify({ kind: 'smart-process-studio/setup', version: 2, exportedAt: '2026-12-02T00:00:00Z', source: { portal: null }, types: [] }), /version 2, newer than this app reads/],
    [JSON.stringify({ kind: 'smart-process-studio/setup', version: 1, exportedAt: '2026-12-02T00:00:00Z', source: { portal: null }, types: [], extra: 1 }), /damaged or edited by hand/],
    [JSON.stringify({ hello: 'world' }), /not a Smart Process Studio setup file/],
  ]
  for (const [text, message] of cases) {
    await dialog.getByLabel('Or paste the file\'s text').fill(text)
    await dialog.getByRole('button', { name: 'Show the plan' }).click()
    await expect(dialog.getByRole('alert')).toContainText(message)
  }
  // A valid file whose title is markup: shown as text in the plan, never run.
  const hostile = '<img src=x onerror="window.hacked=1">{{ 7*7 }}'
  await dialog.getByLabel('Or paste the file\'s text').fill(JSON.stringify({ kind: 'smart-process-studio/setup', version: 1, exportedAt: '2026-12-02T00:00:00Z', source: { portal: null }, types: [{ entityTypeId: 1100, title: hostile, code: null, flags: {}, linkedUserFields: {}, relations: { parent: [], child: [] }, pipelines: null }] }))
  await dialog.getByRole('button', { name: 'Show the plan' }).click()
  await expect(dialog.getByRole('heading', { name: hostile, exact: true })).toBeVisible()
  await expect(dialog.locator('img[src="x"]')).toHaveCount(0)
  await dialog.getByLabel('Choose a file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 32) })
  await expect(dialog.getByRole('alert')).toContainText('larger than 2 MB')
  expect(await rest(request, E2E_PORTAL_B_URL, 'crm.type.list')).toEqual(before)
})

test('into a portal B with its own changes: the plan shows them, and B keeps its own links and stages', async ({ page, request }) => {
  await importAndApply(page, await exportAll(page))
  // B's own changes after the first import: a link to Leads, a stage, a switch.
  const { type } = await rest(request, E2E_PORTAL_B_URL, 'crm.type.getByEntityTypeId', { entityTypeId: 1030 })
  await rest(request, E2E_PORTAL_B_URL, 'crm.type.update', { id: type.id, fields: { isSourceEnabled: 'Y', relations: { parent: [...type.relations.parent, { entityTypeId: 1, isChildrenListEnabled: 'N' }], child: type.relations.child } } })
  await addStage(request, E2E_PORTAL_B_URL, 1030, 'B_LOCAL', 'Waiting for parts (B)')
  // A moves on: a new stage there.
  await addStage(request, E2E_PORTAL_URL, 1030, 'ORDERED', 'Parts ordered')

  const path = await exportAll(page)
  const app = await appPage(page, E2E_PORTAL_B_URL)
  const dialog = await importFile(app, path)
  const repairs = dialog.getByRole('article', { name: 'Equipment Repairs' })
  await expect(repairs).toContainText('Will update “Equipment Repairs” (Type ID 1030).')
  await expect(repairs).toContainText('stage “Parts ordered”: will be added')
  // B's own switch is shown as a change back to the file's value; nothing of B's is removed in this mode.
  await expect(repairs).toContainText('Source: on → off')
  await expect(repairs.getByText(/will be removed/)).toHaveCount(0)
  // The plan as a screen reader meets it: nothing serious for axe.
  const axe = await new AxeBuilder({ page }).include('.app-frame iframe').analyze()
  expect(axe.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' >>> ')) }))).toEqual([])
  // "Exactly like the file" shows what it would remove of B's, and asks for the title first.
  await dialog.getByRole('radio', { name: /Make it exactly like the file/ }).check()
  await expect(repairs).toContainText('stage “Waiting for parts (B)”: will be removed')
  await expect(repairs).toContainText(/link to Leads?: will be removed/)
  await expect(dialog.getByRole('button', { name: 'Apply the plan' })).toBeDisabled()
  await repairs.getByLabel('Type “Equipment Repairs” to allow removing from it').fill('Equipment Repairs')
  await expect(dialog.getByRole('button', { name: 'Apply the plan' })).toBeEnabled()
  // The user goes back to the safe mode: nothing of B's is removed.
  await dialog.getByRole('radio', { name: /Add and rename only/ }).check()
  await dialog.getByRole('button', { name: 'Apply the plan' }).click()
  await expect(dialog.getByRole('region', { name: 'Result' })).toBeVisible({ timeout: 30_000 })

  const after = (await rest(request, E2E_PORTAL_B_URL, 'crm.type.getByEntityTypeId', { entityTypeId: 1030 })).type
  expect(after.relations.parent.map((r: any) => Number(r.entityTypeId))).toContain(1)
  expect(await stageNames(request, E2E_PORTAL_B_URL, 1030)).toEqual(expect.arrayContaining(['Waiting for parts (B)', 'Parts ordered']))
})

test('the card tab exports this type only', async ({ page }) => {
  const app = await openSettings(page)
  const [download] = await Promise.all([page.waitForEvent('download'), app.getByRole('button', { name: 'Export setup' }).click()])
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'))
  expect(file).toMatchObject({ kind: 'smart-process-studio/setup', version: 1 })
  expect(file.types.map((t: { entityTypeId: number }) => t.entityTypeId)).toEqual([1030])
  expect(file.types[0].pipelines.length).toBeGreaterThan(0)
})
