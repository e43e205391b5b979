/**
 * Install: binding the card tab and the list action of every smart process,
 * under the emulator's real 2/s leaky bucket (docs/platform.md "Limits"). The path is
 * the app's own first run on /marketplace/app/ (install mode: the app binds
 * by itself, then calls installFinish). If the app binds nothing within
 * FIRST_RUN_WAIT_MS, the bench falls back to the gateway's bindPlacements
 * through the real SDK inside the app page's frame, and says so.
 */
import type { Browser, Frame } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import type { BenchBuild } from './build'
import { appFrame } from './browser'
import { SEED_TYPES } from './servers'

const FIRST_RUN_WAIT_MS = 20_000
const DONE_WAIT_MS = 120_000

export type InstallPath = 'first-run' | 'gateway'

export interface InstallRun {
  path: InstallPath
  types: number
  /** Batch requests that carried placement.bind commands. */
  bindBatches: number
  bindCommands: number
  /** All REST requests of the run (reads, binds, retries). */
  requests: RequestLogEntry[]
  /** 503 QUERY_LIMIT_EXCEEDED answers. */
  limited: number
  /** The run's first REST request (its reads) to the last bind answer: the install's own work. */
  workMs: number
  /** First bind request's arrival to the last bind answer. */
  bindMs: number
  /** Frame navigation to installFinish (first-run path only). */
  totalMs: number | null
  /** Each REST request: ms after the frame's navigation, method, commands, ms the portal took. */
  timeline: [number, string, number, number][]
}

const isBind = (e: RequestLogEntry) => e.method === 'placement.bind' || (e.method === 'batch' && (e.commands ?? []).includes('placement.bind'))
const bindCount = (e: RequestLogEntry) => e.method === 'placement.bind' ? 1 : (e.commands ?? []).filter(c => c === 'placement.bind').length

/** Resets the portal to the seed, not installed, with `types` smart processes. */
function preparePortal(emu: RunningEmulator, types: number): void {
  emu.portal.reset()
  if (types > SEED_TYPES)
    emu.portal.addTypes(types - SEED_TYPES)
}

async function until(test: () => boolean, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout
  while (!test()) {
    if (Date.now() > deadline)
      return false
    await new Promise(r => setTimeout(r, 20))
  }
  return true
}

/** The fallback: the app's own gateway over the real SDK, from the app page's frame (the SDK chunk is the same module the app loaded). */
async function bindThroughGateway(frame: Frame, chunkUrl: string, appUrl: string, entityTypeIds: number[]): Promise<void> {
  const requests = entityTypeIds.flatMap(id => ['DETAIL_TAB', 'LIST_TOOLBAR'].map(name => ({
    placement: `CRM_DYNAMIC_${id}_${name}`,
    handler: appUrl,
    titles: { en: 'Smart Process Studio', ru: 'Smart Process Studio' },
  })))
  await frame.evaluate(`(async () => {
    const m = await import(${JSON.stringify(chunkUrl)})
    const conn = await m.connectPortal()
    await conn.gateway.bindPlacements(${JSON.stringify(requests)})
  })()`)
}

function typeIds(emu: RunningEmulator): number[] {
  return emu.portal.ctx.state.types.map(t => t.entityTypeId)
}

/** One install of `types` smart processes in a fresh browser context. */
export async function measureInstall(browser: Browser, emu: RunningEmulator, appUrl: string, b: BenchBuild, types: number): Promise<InstallRun> {
  preparePortal(emu, types)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    const opened = Date.now()
    await page.goto(`${emu.url}/marketplace/app/`, { waitUntil: 'load' })
    const frame = await appFrame(page, appUrl)
    // Read now: after installFinish the portal reloads the page and this frame goes away.
    const origin = await frame.evaluate(() => performance.timeOrigin).catch(() => opened)
    let path: InstallPath = 'first-run'
    const expected = 2 * types
    const bound = () => emu.portal.log.list().filter(isBind).reduce((s, e) => s + bindCount(e), 0)
    if (!await until(() => bound() > 0, FIRST_RUN_WAIT_MS)) {
      path = 'gateway'
      const chunk = b.manifest['src/portal/connect.ts']
      if (!chunk)
        throw new Error('the build has no SDK chunk (src/portal/connect.ts) to call the gateway through')
      await bindThroughGateway(frame, new URL(chunk.file, appUrl).href, appUrl, typeIds(emu))
    }
    let finishedAt: number | null = null
    if (path === 'first-run') {
      if (!await until(() => emu.portal.isInstalled(), DONE_WAIT_MS))
        throw new Error(`the first run did not call installFinish within ${DONE_WAIT_MS} ms (${bound()} of ${expected} binds seen)`)
      finishedAt = Date.now()
    }
    const requests = emu.portal.log.list().filter(e => e.via === 'rest')
    const binds = requests.filter(isBind)
    const first = Math.min(...binds.map(e => Date.parse(e.at)))
    const last = Math.max(...binds.map(e => Date.parse(e.at) + e.durationMs))
    const start = Math.min(...requests.map(e => Date.parse(e.at)))
    return {
      path,
      types,
      bindBatches: binds.filter(e => e.method === 'batch').length,
      bindCommands: binds.reduce((s, e) => s + bindCount(e), 0),
      requests,
      limited: requests.filter(e => e.status === 503).length,
      workMs: binds.length ? last - start : Number.NaN,
      bindMs: binds.length ? last - first : Number.NaN,
      totalMs: finishedAt === null ? null : finishedAt - origin,
      timeline: requests.map(e => [Math.round(Date.parse(e.at) - origin), e.method, e.commands?.length ?? 0, e.durationMs]),
    }
  }
  finally {
    await context.close()
  }
}
