/**
 * Bulk change (issue 20): one flag (Recycle bin on) on every smart process
 * of the 300-type portal, as an administrator does it on the app page
 * (Change many types, select all shown, preview, apply), under the
 * emulator's real 2/s leaky bucket. Counted by the portal's request log
 * from the click on Apply: reads, write batches, 503s, the history's
 * requests apart; timed to the results on screen.
 */
import type { Browser } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import { appFrame } from './browser'
import { installForScreens } from './servers'

const DONE_WAIT_MS = 240_000

export interface BulkRun {
  types: number
  /** Read requests of the apply: a fresh read and a read-back per chunk of 50. */
  reads: number
  /** Requests carrying crm.type.update. */
  writeBatches: number
  writes: number
  /** The journal's requests (entity.*): pending and completing batches per chunk. */
  journal: number
  limited: number
  /** From the click on Apply to the results on screen. */
  ms: number
  /** Requests of the preview (a fresh read of every selected type). */
  previewReads: number
}

const commandsOf = (e: RequestLogEntry) => (e.method === 'batch' ? (e.commands ?? []) : [e.method])

export async function measureBulk(browser: Browser, emu: RunningEmulator, appUrl: string, types: number): Promise<BulkRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(`${emu.url}/marketplace/app/`, { waitUntil: 'load' })
    const frame = await appFrame(page, appUrl)
    await frame.getByRole('button', { name: 'Change many types' }).click({ timeout: 30_000 })
    await frame.getByRole('checkbox', { name: 'Select all shown' }).click({ timeout: 60_000 })
    await frame.getByText(`${types} of ${types} selected`).waitFor({ timeout: 30_000 })
    await frame.getByRole('combobox', { name: 'Recycle bin' }).selectOption({ label: 'On' })
    emu.portal.log.clear()
    await frame.getByRole('button', { name: 'Preview the change' }).click()
    const apply = frame.getByRole('button', { name: /^Apply to \d+ smart processes$/ })
    await apply.waitFor({ timeout: 60_000 })
    const previewReads = emu.portal.log.list().filter(e => !commandsOf(e).some(c => c.startsWith('entity.'))).length
    emu.portal.log.clear()
    const started = Date.now()
    await apply.click()
    await frame.getByRole('region', { name: 'Results' }).waitFor({ timeout: DONE_WAIT_MS })
    const ms = Date.now() - started
    const all = emu.portal.log.list()
    const isJournal = (e: RequestLogEntry) => commandsOf(e).some(c => c.startsWith('entity.'))
    const crm = all.filter(e => !isJournal(e))
    const writing = crm.filter(e => commandsOf(e).includes('crm.type.update'))
    // The app page's list refreshed after the run (crm.enum.ownertype) is a read too, counted.
    return {
      types,
      reads: crm.length - writing.length,
      writeBatches: writing.length,
      writes: writing.reduce((n, e) => n + commandsOf(e).filter(c => c === 'crm.type.update').length, 0),
      journal: all.filter(isJournal).length,
      limited: all.filter(e => e.status === 503).length,
      ms,
      previewReads,
    }
  }
  finally {
    await context.close()
    // The other rows read the 300-type portal as seeded and installed.
    emu.portal.reset()
    installForScreens(emu, appUrl)
  }
}
