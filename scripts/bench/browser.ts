/**
 * Chromium (resolved as the e2e suite does: CHROMIUM_PATH, /usr/bin/chromium
 * or @sparticuz/chromium) and the time-to-interactive probe: a script in
 * every frame that notes, in the app's frame, when the first switch can be
 * clicked, counted from that frame's navigation (its performance.timeOrigin:
 * the portal's form POST into the iframe).
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { resolveChromium } from '../../e2e/chromium'
import { BENCH_ITEM, BENCH_TYPE, PLACEMENT_TITLE } from './servers'

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium()
  return chromium.launch({ executablePath, args, headless: true })
}

/** What the probe leaves on the app frame's window. */
export interface TtiMark {
  /** ms from the frame's navigation start to the first clickable switch. */
  ms: number
  /** The frame's performance.timeOrigin (epoch ms). */
  origin: number
  /** Files the frame had fetched by then. */
  files: string[]
}

/** The probe's source (a plain browser script: tsx would inject its own helpers into a function passed here). */
const PROBE = readFileSync(fileURLToPath(new URL('./tti-probe.js', import.meta.url)), 'utf8')

/** A fresh context (cold HTTP cache, as a first open) with the probe installed. */
export async function probedContext(browser: Browser, appUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addInitScript({ content: `${PROBE}\nttiProbe(${JSON.stringify(new URL(appUrl).origin)})` })
  return context
}

/** The app's frame once it has navigated to the app (the card and the slider each host one). */
export async function appFrame(page: Page, appUrl: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    const frame = page.frames().find(f => f.url().startsWith(appUrl))
    if (frame)
      return frame
    await page.waitForTimeout(20)
  }
  throw new Error(`no frame of ${appUrl} within ${timeout} ms`)
}

export async function waitTti(frame: Frame, timeout = 30_000): Promise<TtiMark> {
  const handle = await frame.waitForFunction(() => (window as unknown as { __benchTti?: TtiMark }).__benchTti, null, { timeout, polling: 50 })
  return await handle.jsonValue() as TtiMark
}

export type ScreenKind = 'tab' | 'slider'

/** Opens the parent page and then the app in it: the card's tab or the list toolbar's slider. */
export async function openScreen(page: Page, portalUrl: string, kind: ScreenKind): Promise<void> {
  if (kind === 'tab') {
    await page.goto(`${portalUrl}/crm/type/${BENCH_TYPE}/details/${BENCH_ITEM}/`, { waitUntil: 'load' })
    await page.getByRole('tab', { name: PLACEMENT_TITLE }).click()
  }
  else {
    await page.goto(`${portalUrl}/crm/type/${BENCH_TYPE}/list/`, { waitUntil: 'load' })
    await page.locator('#apps-button').click()
    await page.getByRole('menuitem', { name: PLACEMENT_TITLE }).click()
  }
}

export interface ScreenRun {
  tti: TtiMark
  /** REST requests the portal logged from the frame's navigation to its first clickable switch. */
  requests: RequestLogEntry[]
}

/** REST requests that arrived between `from` and `to` (epoch ms). */
export function requestsBetween(emu: RunningEmulator, from: number, to: number): RequestLogEntry[] {
  return emu.portal.log.list().filter((e) => {
    const at = Date.parse(e.at)
    return e.via === 'rest' && at >= from - 5 && at <= to
  })
}

/** One cold open of a screen, timed in the app's frame. */
export async function measureScreen(browser: Browser, emu: RunningEmulator, appUrl: string, kind: ScreenKind): Promise<ScreenRun> {
  const context = await probedContext(browser, appUrl)
  try {
    const page = await context.newPage()
    emu.portal.log.clear()
    await openScreen(page, emu.url, kind)
    const tti = await waitTti(await appFrame(page, appUrl))
    return { tti, requests: requestsBetween(emu, tti.origin, tti.origin + tti.ms) }
  }
  finally {
    await context.close()
  }
}
