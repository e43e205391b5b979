/**
 * Issue 21: the relation map on the app page, over a portal of 30 smart
 * processes in families (a head, two children; every other head a child of
 * deals). Every link is drawn; a link dragged from one node to another is in
 * the portal (checked over REST); a link to a type deleted elsewhere is
 * flagged at the next natural read; the arrow keys go along links and Enter
 * opens a type; the SVG export is valid; axe finds nothing serious. The
 * card tab's "Show on the relation map" opens the app page in a slider
 * (BX24.openApplication) with the map on that type.
 */
import type { FrameLocator, Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/fixtures'
import { E2E_APP_URL, E2E_PORTAL_URL } from './ports'
import { addTypes, CONTRACTS, freshPortal, hook, openSettings, relationIds, REPAIRS, typeOnPortal } from './support/portal'

/** The demo's 7 links (3 predefined or user links of Repairs, 2 of Contracts, 2 of Campaigns). */
const SEED_LINKS = 7

let ids: number[] = []
let links = 0

/** Sets a type's parents over REST (user 1's webhook), as another admin's screen would. */
async function setParents(request: Parameters<typeof hook>[0], entityTypeId: number, parents: number[]) {
  const type = await typeOnPortal(request, entityTypeId)
  const { status } = await hook(request, 'crm.type.update', { id: type!.id, fields: { relations: { parent: parents.map(p => ({ entityTypeId: p, isChildrenListEnabled: 'true' })) } } })
  expect(status).toBe(200)
}

test.beforeEach(async ({ request }) => {
  await freshPortal(request)
  ids = await addTypes(request, 27)
  links = SEED_LINKS
  for (let head = 0; head < ids.length; head += 3) {
    if ((head / 3) % 2 === 0) {
      await setParents(request, ids[head]!, [2])
      links++
    }
    for (const child of [ids[head + 1]!, ids[head + 2]!]) {
      await setParents(request, child, [ids[head]!])
      links++
    }
  }
})

async function openMap(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/marketplace/app/`)
  const app = page.frameLocator('.app-frame iframe')
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  await app.getByRole('button', { name: 'Relation map' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Relation map' })).toBeVisible({ timeout: 20_000 })
  await expect(app.getByText(`36 types, ${links} links`)).toBeVisible({ timeout: 20_000 })
  return app
}

const node = (app: FrameLocator, id: number) => app.locator(`button[data-node-id="${id}"]`)

test('draws every link of 30 smart processes, in the drawing and in the table', async ({ page }) => {
  const app = await openMap(page)
  await expect(app.locator('.vue-flow__edge')).toHaveCount(links)
  await expect(app.locator('.vue-flow__edge.map-edge--predefined')).toHaveCount(2)
  await expect(app.getByRole('button', { name: 'Equipment Repairs, 4 links' })).toBeVisible()
  await expect(app.getByRole('button', { name: `Benchmark process 4, 3 links` })).toBeVisible()

  await app.getByRole('switch', { name: 'Show as a table' }).click()
  const table = app.getByRole('table', { name: `Links between CRM types: ${links}` })
  await expect(table.locator('tbody tr')).toHaveCount(links)
  await expect(table.getByRole('row', { name: /^Equipment Repairs Supplier Contracts Yes No No/ })).toBeVisible()
})

test('a link dragged from one node to another is written to the portal and drawn', async ({ page, request }) => {
  const app = await openMap(page)
  const [from, to] = [ids[1]!, ids[4]!]
  const source = app.locator(`.vue-flow__node[data-id="${from}"] .vue-flow__handle.source`)
  const target = app.locator(`.vue-flow__node[data-id="${to}"] .vue-flow__handle.target`)
  await source.hover()
  await page.mouse.down()
  const box = (await target.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 })
  await page.mouse.up()

  const dialog = app.getByRole('dialog', { name: `New link from Benchmark process 5` })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('radio', { name: 'Benchmark process 5 is the parent of Benchmark process 8' }).check()
  await dialog.getByRole('button', { name: 'Add the link' }).click()
  await expect(app.getByText('Saved: Benchmark process 5 → Benchmark process 8.')).toBeVisible()

  expect(relationIds(await typeOnPortal(request, to), 'parent')).toEqual([ids[3]!, from].sort((a, b) => a - b))
  await expect(app.locator('.vue-flow__edge')).toHaveCount(links + 1)
  // Its panel: the list switch and Remove, for an administrator.
  await expect(app.getByRole('switch', { name: 'Show the list of Benchmark process 8 in the card of Benchmark process 5' })).toBeChecked()
})

test('a link to a type deleted elsewhere is flagged at the next natural read', async ({ page, request }) => {
  const app = await openMap(page)
  const gone = ids[2]!
  const type = await typeOnPortal(request, gone)
  expect((await hook(request, 'crm.type.delete', { id: type!.id })).status).toBe(200)
  // Back to the tab: a natural read (at most one every few seconds).
  await page.waitForTimeout(5_500)
  await page.frames().find(f => f.url().startsWith(E2E_APP_URL))!.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
  await expect(app.getByRole('button', { name: `deleted type ${gone}, one link` })).toBeVisible()
  await expect(app.locator('.vue-flow__edge.map-edge--missing')).toHaveCount(1)
  await app.getByRole('switch', { name: 'Show as a table' }).click()
  await expect(app.getByRole('row', { name: new RegExp(`^Benchmark process 4 deleted type ${gone} Yes No Yes`) })).toBeVisible()
})

test('the arrow keys go along links, Enter opens the type\'s settings', async ({ page }) => {
  const app = await openMap(page)
  await node(app, REPAIRS).focus()
  await page.keyboard.press('ArrowRight')
  await expect(node(app, CONTRACTS)).toBeFocused()
  await expect(app.getByText('Selected: Supplier Contracts')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(app.getByRole('button', { name: 'Back to the map' })).toBeVisible()
  await expect(app.getByRole('heading', { level: 1, name: /Supplier Contracts/ })).toBeVisible()
  await app.getByRole('button', { name: 'Back to the map' }).click()
  await expect(node(app, CONTRACTS)).toHaveAttribute('aria-label', 'Supplier Contracts, 2 links, selected')
})

test('exports a valid SVG and a PNG; axe finds nothing serious', async ({ page }) => {
  const app = await openMap(page)
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), app.getByRole('button', { name: 'Export SVG' }).click()])
  expect(svgDownload.suggestedFilename()).toBe('relation-map.svg')
  const svg = readFileSync((await svgDownload.path())!, 'utf8')
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    return { error: doc.querySelector('parsererror')?.textContent ?? null, nodes: doc.querySelectorAll('g.node').length, edges: doc.querySelectorAll('path.edge').length, title: doc.querySelector('svg > title')?.textContent }
  }, svg)
  expect(parsed).toEqual({ error: null, nodes: 36, edges: links, title: 'Relation map' })

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), app.getByRole('button', { name: 'Export PNG' }).click()])
  const png = readFileSync((await pngDownload.path())!)
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

  const axe = await new AxeBuilder({ page }).include('.app-frame iframe').analyze()
  expect(axe.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' >>> ')) }))).toEqual([])
  await app.getByRole('switch', { name: 'Show as a table' }).click()
  const table = await new AxeBuilder({ page }).include('.app-frame iframe').analyze()
  expect(table.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)).toEqual([])
})

test('the card tab\'s "Show on the relation map" opens the map on that type in a slider', async ({ page }) => {
  const tab = await openSettings(page, REPAIRS)
  await tab.getByRole('button', { name: 'Show on the relation map' }).click()
  const slider = page.frameLocator('#slider-frame iframe')
  await expect(slider.getByRole('heading', { level: 1, name: 'Relation map' })).toBeVisible({ timeout: 20_000 })
  await expect(slider.locator(`button[data-node-id="${REPAIRS}"]`)).toHaveAttribute('aria-label', 'Equipment Repairs, 4 links, selected')
  await expect(slider.getByText('Selected: Equipment Repairs')).toBeVisible()
})
