/**
 * Relation map (issue 21): the 300-type portal, each smart process linked to
 * the next and every tenth one to Deals, opened from the app page's
 * "Relation map" button. Counted by the portal's request log from the click
 * to the map drawn (every type's node on screen): the list plus one batch of
 * 50 single-type reads per 50 types; timed likewise, with the layout's own
 * time (the store's `relation-map-layout` performance measure) apart.
 */
import type { Browser } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import { appFrame } from './browser'
import { installForScreens } from './servers'

export interface MapRun {
  types: number
  /** Whether the layout ran in the Web Worker (not on the main thread). */
  inWorker: boolean
  /** REST requests from the click to the map drawn (the history's entity.* left out). */
  requests: RequestLogEntry[]
  ms: number
  layoutMs: number
}

/** Links the portal's smart processes in a chain, every tenth also to Deals, as an admin would over REST. */
function linkTypes(emu: RunningEmulator): number {
  const types: { id: number, entityTypeId: number }[] = []
  for (let start: number | undefined = 0; start !== undefined;) {
    const body = emu.portal.call('crm.type.list', { start }, { userId: 1 }).body as { result: { types: { id: number, entityTypeId: number }[] }, next?: number }
    types.push(...body.result.types)
    start = body.next
  }
  for (let i = 0; i + 1 < types.length; i++) {
    const parent = [{ entityTypeId: types[i]!.entityTypeId, isChildrenListEnabled: 'true' }]
    if (i % 10 === 0)
      parent.push({ entityTypeId: 2, isChildrenListEnabled: 'false' })
    emu.portal.call('crm.type.update', { id: types[i + 1]!.id, fields: { relations: { parent } } }, { userId: 1 })
  }
  return types.length
}

export async function measureMap(browser: Browser, emu: RunningEmulator, appUrl: string): Promise<MapRun> {
  const types = linkTypes(emu)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    let inWorker = false
    page.on('worker', (w) => {
      if (w.url().includes('layout.worker'))
        inWorker = true
    })
    await page.goto(`${emu.url}/marketplace/app/`, { waitUntil: 'load' })
    const frame = await appFrame(page, appUrl)
    const open = frame.getByRole('button', { name: 'Relation map' })
    await open.waitFor({ timeout: 30_000 })
    // The app page's own first reads are done before the click.
    await page.waitForTimeout(1000)
    emu.portal.log.clear()
    const started = Date.now()
    await open.click()
    await frame.waitForFunction(n => document.querySelectorAll('.vue-flow__node').length >= n, types, { timeout: 120_000, polling: 50 })
    const ms = Date.now() - started
    const layoutMs = await frame.evaluate(() => performance.getEntriesByName('relation-map-layout').at(-1)?.duration ?? -1)
    const requests = emu.portal.log.list().filter(e => !(e.method === 'batch' ? (e.commands ?? []) : [e.method]).some(c => c.startsWith('entity.')))
    return { types, inWorker, requests, ms, layoutMs }
  }
  finally {
    await context.close()
    emu.portal.reset()
    installForScreens(emu, appUrl)
  }
}
