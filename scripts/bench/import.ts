/**
 * Import: a setup of 50 smart processes, each with 2 pipelines of 5 stages
 * and a link to the next, applied to a portal with no smart processes, as a
 * user does it on the app page (choose the file, see the plan, apply), under
 * the emulator's real 2/s leaky bucket (docs/platform.md "Limits"). Counted
 * by the portal's request log: reads, write batches, 503s.
 */
import type { Browser } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import type { SetupFile, StageSetup } from '../../src/domain/setup/types'
import { appFrame } from './browser'

const DONE_WAIT_MS = 180_000
const WRITE_METHODS = new Set(['crm.type.add', 'crm.type.update', 'crm.category.add', 'crm.category.update', 'crm.category.delete', 'crm.status.add', 'crm.status.update', 'crm.status.delete'])

export interface ImportRun {
  types: number
  requests: number
  reads: number
  writeRequests: number
  writes: number
  /** Writes sent on their own: a relation side emptied cannot ride in a batch (docs/platform.md "Batch"). */
  alone: number
  /** Reads, writes sent alone, plus for each run of batched writes between two reads (a phase), ceil(its writes / 50). */
  budget: number
  limited: number
  /** The history's requests (entity.*, issue 19), counted apart: the storage made once, a batch of pending entries, a batch completing them. */
  journal: number
  /** From the click on Apply to the result on screen. */
  ms: number
}

const stages = (pipeline: string): StageSetup[] => [
  { code: 'NEW', name: `${pipeline}: received`, sort: 10, semantics: 'process', color: '#22B9FF' },
  { code: 'PREPARATION', name: `${pipeline}: diagnosed`, sort: 20, semantics: 'process', color: '#88B9FF' },
  { code: 'CLIENT', name: `${pipeline}: approved`, sort: 30, semantics: 'process', color: '#10E5FC' },
  { code: 'SUCCESS', name: `${pipeline}: done`, sort: 40, semantics: 'success', color: '#00FF00' },
  { code: 'FAIL', name: `${pipeline}: cancelled`, sort: 50, semantics: 'failure', color: '#FF0000' },
]

/** `count` types, ids 1100, 1102, …: free on a portal without smart processes. */
export function benchSetupFile(count: number): SetupFile {
  const id = (i: number) => 1100 + 2 * i
  return {
    kind: 'smart-process-studio/setup',
    version: 1,
    exportedAt: new Date().toISOString(),
    source: { portal: 'bench.example.bitrix24.com' },
    types: Array.from({ length: count }, (_, i) => ({
      entityTypeId: id(i),
      title: `Bench type ${i + 1}`,
      code: `bench_${i + 1}`,
      flags: { isCategoriesEnabled: true, isStagesEnabled: true, isAutomationEnabled: true, isClientEnabled: false },
      linkedUserFields: {},
      relations: { parent: [], child: i + 1 < count ? [{ entityTypeId: id(i + 1), isChildrenListEnabled: true, smartProcess: { code: `bench_${i + 2}`, title: `Bench type ${i + 2}` } }] : [] },
      pipelines: [
        { sourceId: 2 * i + 1, name: 'General', sort: 100, isDefault: true, stages: stages('General') },
        { sourceId: 2 * i + 2, name: 'Warranty', sort: 200, isDefault: false, stages: stages('Warranty') },
      ],
    })),
  }
}

const commandsOf = (e: RequestLogEntry) => e.method === 'batch' ? (e.commands ?? []) : [e.method]
const writesIn = (e: RequestLogEntry) => commandsOf(e).filter(c => WRITE_METHODS.has(c)).length

/** One import of `types` types into a fresh portal without smart processes, through the app page. */
export async function measureImport(browser: Browser, emu: RunningEmulator, appUrl: string, types: number): Promise<ImportRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    emu.portal.reset()
    // Installed, as after the marketplace install: the app page opens on its list, not on a first run.
    emu.portal.markInstalled()
    const page = await context.newPage()
    await page.goto(`${emu.url}/marketplace/app/`, { waitUntil: 'load' })
    const frame = await appFrame(page, appUrl)
    await frame.getByRole('button', { name: 'Import setup…' }).click({ timeout: 30_000 })
    const dialog = frame.getByRole('dialog', { name: 'Import a setup' })
    const text = JSON.stringify(benchSetupFile(types))
    await dialog.getByLabel('Choose a file').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(text) })
    const apply = dialog.getByRole('button', { name: 'Apply the plan' })
    await apply.waitFor({ timeout: 60_000 })
    await frame.waitForFunction(() => [...document.querySelectorAll('button')].some(b => b.textContent?.trim() === 'Apply the plan' && !b.disabled), undefined, { timeout: 60_000 })
    emu.portal.log.clear()
    const started = Date.now()
    await apply.click()
    await dialog.getByRole('region', { name: 'Result' }).waitFor({ timeout: DONE_WAIT_MS })
    const ms = Date.now() - started
    const all = emu.portal.log.list()
    // The journal's writes (and the storage made once); the app page's history view reading itself again is not the import's.
    const isJournal = (e: RequestLogEntry) => commandsOf(e).some(c => c.startsWith('entity.') && c !== 'entity.item.get')
    const isHistoryRead = (e: RequestLogEntry) => commandsOf(e).every(c => c === 'entity.item.get')
    const log = all.filter(e => !isJournal(e) && !isHistoryRead(e))
    let reads = 0
    let writes = 0
    let writeRequests = 0
    let alone = 0
    let budget = 0
    let phase = 0
    for (const e of log) {
      const w = writesIn(e)
      if (w === 0) {
        reads++
        budget += Math.ceil(phase / 50)
        phase = 0
        continue
      }
      writes += w
      writeRequests++
      // A write holding an empty list cannot travel in a batch (its query string drops it): it goes alone, as JSON.
      if (e.method !== 'batch')
        alone++
      else
        phase += w
    }
    budget += reads + alone + Math.ceil(phase / 50)
    return { types, requests: log.length, reads, writeRequests, writes, alone, budget, limited: all.filter(e => e.status === 503).length, journal: all.filter(isJournal).length, ms }
  }
  finally {
    await context.close()
  }
}
