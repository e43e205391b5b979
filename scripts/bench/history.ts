/**
 * History (issue 19): the time to show 200 journal entries on the app page,
 * from opening it to the 200th entry on screen (a page of 50, then "Show
 * more" three times), and the requests the history made for them.
 */
import type { Browser } from 'playwright-core'
import type { RunningEmulator } from '../../emulator/server'
import type { JournalEntry } from '../../src/domain/journal/entry'
import { entryToItem, JOURNAL_ENTITY, JOURNAL_NAME, JOURNAL_PROPERTIES } from '../../src/portal/journal-wire'
import { journalEntry } from '../../test/support/journal-fixtures'
import { appFrame } from './browser'

export interface HistoryRun {
  entries: number
  /** From the app page's navigation to the last entry shown. */
  ms: number
  /** entity.item.get requests the history made. */
  pages: number
}

function entry(i: number): JournalEntry {
  return journalEntry({
    at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    by: { id: 1, name: 'Alex Morgan' },
    type: { id: 1, entityTypeId: 1030, title: 'Equipment Repairs' },
    fields: [{ key: 'isRecyclebinEnabled', before: i % 2 === 0, after: i % 2 !== 0 }],
  })
}

/** Writes `count` entries into the portal's app storage, as the app would have written them. */
function seed(emu: RunningEmulator, count: number): void {
  const call = (method: string, params: Record<string, unknown>) => emu.portal.call(method, params, { userId: 1 })
  call('entity.add', { ENTITY: JOURNAL_ENTITY, NAME: JOURNAL_NAME, ACCESS: { AU: 'W' } })
  for (const p of JOURNAL_PROPERTIES)
    call('entity.item.property.add', { ENTITY: JOURNAL_ENTITY, ...p })
  for (let i = 0; i < count; i++)
    call('entity.item.add', { ENTITY: JOURNAL_ENTITY, ...entryToItem(entry(i)) })
}

export async function measureHistory(browser: Browser, emu: RunningEmulator, appUrl: string, count: number): Promise<HistoryRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    emu.portal.reset()
    emu.portal.markInstalled()
    seed(emu, count)
    emu.portal.log.clear()
    const page = await context.newPage()
    const started = Date.now()
    await page.goto(`${emu.url}/marketplace/app/`, { waitUntil: 'commit' })
    const frame = await appFrame(page, appUrl)
    const list = frame.getByRole('list', { name: 'History of changes' })
    const items = list.getByRole('listitem')
    await items.nth(49).waitFor({ timeout: 60_000 })
    for (let shown = 50; shown < count; shown += 50) {
      await frame.getByRole('button', { name: 'Show more' }).click()
      await items.nth(Math.min(shown + 49, count - 1)).waitFor({ timeout: 60_000 })
    }
    const ms = Date.now() - started
    const pages = emu.portal.log.list().filter(e => e.method === 'entity.item.get').length
    return { entries: count, ms, pages }
  }
  finally {
    await context.close()
  }
}
