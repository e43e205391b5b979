/**
 * `npm run bench` (issue 11): what users feel, each against its budget, in
 * one table, also written to bench/results.json. Exits 1 when a budget fails
 * or a row could not be measured.
 *
 * Builds the app into .tmp/bench/dist, serves it with the production server
 * and opens it from emulated portals in Chromium, all in this process.
 * Timings are medians; compared timings run interleaved in the same process.
 * BENCH_RUNS (default 15), BENCH_INSTALL_RUNS (default 3), BENCH_PORT (4600).
 */
import type { Browser } from 'playwright-core'
import type { BenchBuild } from './build'
import type { ScreenBundle } from './bundle'
import type { PackageShare } from './composition'
import type { InstallRun } from './install'
import type { Row } from './report'
import type { ScreenKind, ScreenRun } from './browser'
import type { BenchServers } from './servers'
import { execSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { launchBrowser, measureScreen } from './browser'
import { buildApp } from './build'
import { bundleRows, composition, SCREENS, screenBundle } from './bundle'
import { measureBulk } from './bulk'
import { measureMap } from './map'
import { measureHistory } from './history'
import { measureImport } from './import'
import { measureInstall } from './install'
import { allPassed, atMost, exactly, formatTable, formatValue, notMeasured, toResults } from './report'
import { measureSave } from './save'
import { startServers } from './servers'
import { expectedBindBatches, firstScreenRequestBudget, median, spread } from './stats'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const INSTALL_RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 3)
const MANY = 300
const INSTALL_SIZES = [10, 60, 300]
/** The bench's own targets where the issue names none (see README "Performance"). */
const TTI_BUDGET_MS = 1000
const TTI_GROWTH_BUDGET_MS = 150
const OUT_DIR = '.tmp/bench/dist'

const rows: Row[] = []
const raw: Record<string, unknown> = {}
const say = (line: string) => console.info(`bench: ${line}`)
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160)

function commandsOf(runs: ScreenRun[]): string {
  const first = runs[0]?.requests ?? []
  return first.map(e => e.method === 'batch' ? `batch(${(e.commands ?? []).length})` : e.method).join(' + ') || 'none'
}

async function bundlePhase(): Promise<{ build: BenchBuild | null, tab: ScreenBundle | null, shares: PackageShare[] }> {
  try {
    say('building into .tmp/bench/dist ...')
    const build = await buildApp(OUT_DIR)
    const tab = screenBundle(build, SCREENS.tab)
    const app = screenBundle(build, SCREENS.app)
    rows.push(...bundleRows('tab', 'Card tab', tab), ...bundleRows('app', 'App page', app))
    raw.build = { ms: Math.round(build.ms), tab, app }
    return { build, tab, shares: composition(build, tab) }
  }
  catch (e) {
    const reason = `build failed: ${reasonOf(e)}`
    for (const [key, label] of [['tab', 'Card tab'], ['app', 'App page']] as const) {
      rows.push(notMeasured(`bundle.${key}.js`, `${label} JS (gzip)`, 'bytes', reason), notMeasured(`bundle.${key}.css`, `${label} CSS (gzip)`, 'bytes', reason))
    }
    return { build: null, tab: null, shares: [] }
  }
}

const SCREEN_LABEL: Record<ScreenKind, string> = { tab: 'Card tab', slider: 'List slider' }

async function screensPhase(browser: Browser, s: BenchServers, tabFiles: ScreenBundle) {
  const series = new Map<string, ScreenRun[]>()
  const kinds: ScreenKind[] = ['tab', 'slider']
  const portals = [['3', s.base], [String(MANY), s.many]] as const
  say(`time to interactive: ${RUNS} runs x card tab and slider x 3 and ${MANY} types, interleaved ...`)
  // One discarded warm-up of each, then the runs interleaved so drift on a shared machine hits all sides alike.
  for (const kind of kinds) {
    for (const [, emu] of portals)
      await measureScreen(browser, emu, s.appUrl, kind)
  }
  for (let i = 0; i < RUNS; i++) {
    for (const kind of kinds) {
      for (const [n, emu] of portals) {
        const key = `${kind}.${n}`
        series.set(key, [...(series.get(key) ?? []), await measureScreen(browser, emu, s.appUrl, kind)])
      }
    }
  }
  const expectedFiles = new Set([...tabFiles.js, ...tabFiles.css].map(f => `/${f.file}`))
  for (const kind of kinds) {
    const base = series.get(`${kind}.3`)!
    const many = series.get(`${kind}.${MANY}`)!
    const ms = (runs: ScreenRun[]) => runs.map(r => r.tti.ms)
    const worst = (runs: ScreenRun[]) => Math.max(...runs.map(r => r.requests.length))
    const fetched = [...new Set(base.flatMap(r => r.tti.files.filter(f => /\.(?:js|css)$/.test(f))))]
    const extra = fetched.filter(f => !expectedFiles.has(f))
    const missing = [...expectedFiles].filter(f => !fetched.includes(f))
    const filesNote = extra.length || missing.length
      ? `browser fetched before it: ${fetched.length} JS/CSS files; beyond the manifest walk: ${extra.join(', ') || 'none'}; not fetched: ${missing.join(', ') || 'none'}`
      : `browser fetched exactly the manifest walk's ${fetched.length} JS/CSS files`
    const label = SCREEN_LABEL[kind]
    rows.push(
      { id: `requests.${kind}`, label: `${label}: REST requests to first screen`, unit: 'requests', value: worst(base), budget: exactly(1), note: `most of ${RUNS} runs; ${commandsOf(base)}` },
      { id: `requests.${kind}.${MANY}`, label: `${label}: REST requests, ${MANY} types`, unit: 'requests', value: worst(many), budget: atMost(firstScreenRequestBudget(MANY)), note: `most of ${RUNS} runs; ${commandsOf(many)}` },
      { id: `tti.${kind}`, label: `${label}: time to interactive`, unit: 'ms', value: median(ms(base)), budget: atMost(TTI_BUDGET_MS), note: `median of ${RUNS}, range ${spread(ms(base))} ms; ${filesNote}` },
      { id: `tti.${kind}.${MANY}`, label: `${label}: time to interactive, ${MANY} types`, unit: 'ms', value: median(ms(many)), budget: atMost(TTI_BUDGET_MS), note: `median of ${RUNS}, range ${spread(ms(many))} ms` },
      {
        id: `tti.${kind}.growth`,
        label: `${label}: extra time for ${MANY} types`,
        unit: 'ms',
        value: median(base.map((r, i) => many[i]!.tti.ms - r.tti.ms)),
        budget: atMost(TTI_GROWTH_BUDGET_MS),
        note: `median of ${RUNS} paired differences (same process, interleaved)`,
      },
    )
    raw[`tti.${kind}`] = { types3: ms(base), [`types${MANY}`]: ms(many) }
  }
}

function screensNotMeasured(reason: string) {
  for (const kind of ['tab', 'slider'] as const) {
    const label = SCREEN_LABEL[kind]
    rows.push(
      notMeasured(`requests.${kind}`, `${label}: REST requests to first screen`, 'requests', reason, exactly(1)),
      notMeasured(`requests.${kind}.${MANY}`, `${label}: REST requests, ${MANY} types`, 'requests', reason, atMost(firstScreenRequestBudget(MANY))),
      notMeasured(`tti.${kind}`, `${label}: time to interactive`, 'ms', reason, atMost(TTI_BUDGET_MS)),
      notMeasured(`tti.${kind}.${MANY}`, `${label}: time to interactive, ${MANY} types`, 'ms', reason, atMost(TTI_BUDGET_MS)),
      notMeasured(`tti.${kind}.growth`, `${label}: extra time for ${MANY} types`, 'ms', reason, atMost(TTI_GROWTH_BUDGET_MS)),
    )
  }
}

async function savePhase(browser: Browser, s: BenchServers) {
  const cases = [
    { kind: 'settings', label: 'Save: settings change', budget: 2, expect: 'read + write' },
    { kind: 'relation', label: 'Save: relation change', budget: 3, expect: 'read + write + verify' },
  ] as const
  for (const c of cases) {
    say(`${c.label.toLowerCase()} ...`)
    try {
      const run = await measureSave(browser, s.base, s.appUrl, c.kind)
      if (!run) {
        rows.push(notMeasured(`save.${c.kind}`, c.label, 'requests', 'the card tab offers no control for this change yet', exactly(c.budget)))
        continue
      }
      const methods = run.requests.map(e => e.method === 'batch' ? `batch(${(e.commands ?? []).join(', ')})` : e.method).join(' → ')
      rows.push({ id: `save.${c.kind}`, label: c.label, unit: 'requests', value: run.requests.length, budget: exactly(c.budget), note: `expected ${c.expect}; ${methods}` })
      // Issue 19: the journal's newest entry (what changed outside the app), a pending entry before the write and its completion after.
      rows.push({ id: `save.${c.kind}.journal`, label: `${c.label}: history requests`, unit: 'requests', value: run.journal.length, budget: atMost(3), note: `newest entry + pending + completion; ${run.journal.map(e => e.method === 'batch' ? `batch(${(e.commands ?? []).join(', ')})` : e.method).join(' → ') || 'none'}` })
    }
    catch (e) {
      rows.push(notMeasured(`save.${c.kind}`, c.label, 'requests', reasonOf(e), exactly(c.budget)))
    }
  }
}

/** Issue 19: 200 journal entries on the app page's history. */
async function historyPhase(browser: Browser, s: BenchServers) {
  const n = 200
  say(`history: ${n} entries on the app page ...`)
  try {
    const run = await measureHistory(browser, s.importInto, s.appUrl, n)
    rows.push({ id: `history.${n}.time`, label: `History: time to show ${n} entries`, unit: 'ms', value: run.ms, note: 'from opening the app page to the last entry, pages of 50 ("Show more" x3), one run' })
    // A page per 50 shown, plus the retention check's count once a session.
    rows.push({ id: `history.${n}.reads`, label: `History: reads for ${n} entries`, unit: 'requests', value: run.pages, budget: atMost(Math.ceil(n / 50) + 1), note: 'entity.item.get: a page of 50 each, plus the retention check (total) once a session' })
  }
  catch (e) {
    const reason = reasonOf(e)
    rows.push(notMeasured(`history.${n}.time`, `History: time to show ${n} entries`, 'ms', reason))
    rows.push(notMeasured(`history.${n}.reads`, `History: reads for ${n} entries`, 'requests', reason))
  }
}

/** Issue 18: 50 types with 2 pipelines of 5 stages into a portal without smart processes. */
async function importPhase(browser: Browser, s: BenchServers) {
  const n = 50
  say(`import: ${n} types x 2 pipelines x 5 stages into an empty portal, rate limit on ...`)
  try {
    const run = await measureImport(browser, s.importInto, s.appUrl, n)
    rows.push({ id: `import.${n}.requests`, label: `Import ${n} types: REST requests`, unit: 'requests', value: run.requests, budget: atMost(run.budget), note: `${run.reads} reads + ${run.writeRequests} write requests for ${run.writes} writes, ${run.alone} of them alone (an empty relation side cannot ride in a batch); budget: reads + alone + ceil(batched writes/50) per phase` })
    // Issue 19: the storage made on a fresh portal (get, add, properties) + ceil(n/50) pending + ceil(n/50) completing batches.
    rows.push({ id: `import.${n}.journal`, label: `Import ${n} types: history requests`, unit: 'requests', value: run.journal, budget: atMost(3 + 2 * Math.ceil(n / 50)), note: 'entity.* only: the storage once, one batch of pending entries before the writes, one completing them (may land after the result shows)' })
    rows.push({ id: `import.${n}.time`, label: `Import ${n} types: time to apply`, unit: 'ms', value: run.ms, note: 'from Apply to the result on screen, one run' })
    rows.push({ id: 'import.limited', label: 'Import: 503 QUERY_LIMIT_EXCEEDED', unit: 'count', value: run.limited, budget: exactly(0), note: 'real 2/s bucket with burst 50' })
  }
  catch (e) {
    const reason = reasonOf(e)
    rows.push(notMeasured(`import.${n}.requests`, `Import ${n} types: REST requests`, 'requests', reason))
    rows.push(notMeasured(`import.${n}.journal`, `Import ${n} types: history requests`, 'requests', reason))
    rows.push(notMeasured(`import.${n}.time`, `Import ${n} types: time to apply`, 'ms', reason))
    rows.push(notMeasured('import.limited', 'Import: 503 QUERY_LIMIT_EXCEEDED', 'count', reason, exactly(0)))
  }
}

/** Issue 20: one flag on every one of the 300 types, from the app page. */
async function bulkPhase(browser: Browser, s: BenchServers) {
  const n = MANY
  const batches = Math.ceil(n / 50)
  say(`bulk: Recycle bin on for ${n} types, rate limit on ...`)
  try {
    const run = await measureBulk(browser, s.many, s.appUrl, n)
    rows.push({ id: `bulk.${n}.write_batches`, label: `Bulk change, 1 flag on ${n} types: write batches`, unit: 'requests', value: run.writeBatches, budget: exactly(batches), note: `${run.writes} crm.type.update in batches of at most 50` })
    rows.push({ id: `bulk.${n}.reads`, label: `Bulk change, 1 flag on ${n} types: reads`, unit: 'requests', value: run.reads, budget: atMost(2 * batches + 1), note: `a fresh read and a read-back per 50 types, plus the app page's list refreshed after; the preview read ${run.previewReads} before (ceil(${n}/50) batches)` })
    rows.push({ id: `bulk.${n}.journal`, label: `Bulk change, 1 flag on ${n} types: history requests`, unit: 'requests', value: run.journal, budget: atMost(2 * batches + 3), note: 'entity.* only: a batch of pending entries before each chunk\'s writes, one completing them, + the storage made once on this fresh portal (get, add, properties)' })
    rows.push({ id: `bulk.${n}.time`, label: `Bulk change, 1 flag on ${n} types: time to apply`, unit: 'ms', value: run.ms, note: 'from Apply to the results on screen, one run, real 2/s bucket' })
    rows.push({ id: 'bulk.limited', label: 'Bulk change: 503 QUERY_LIMIT_EXCEEDED', unit: 'count', value: run.limited, budget: exactly(0), note: 'real 2/s bucket with burst 50' })
  }
  catch (e) {
    const reason = reasonOf(e)
    rows.push(notMeasured(`bulk.${n}.write_batches`, `Bulk change, 1 flag on ${n} types: write batches`, 'requests', reason, exactly(batches)))
    rows.push(notMeasured(`bulk.${n}.reads`, `Bulk change, 1 flag on ${n} types: reads`, 'requests', reason))
    rows.push(notMeasured(`bulk.${n}.journal`, `Bulk change, 1 flag on ${n} types: history requests`, 'requests', reason))
    rows.push(notMeasured(`bulk.${n}.time`, `Bulk change, 1 flag on ${n} types: time to apply`, 'ms', reason))
    rows.push(notMeasured('bulk.limited', 'Bulk change: 503 QUERY_LIMIT_EXCEEDED', 'count', reason, exactly(0)))
  }
}

/** Issue 21: the relation map of 300 linked types, from the app page. */
async function mapPhase(browser: Browser, s: BenchServers) {
  const n = MANY
  const budget = 1 + Math.ceil(n / 50)
  say(`map: ${n} linked types ...`)
  try {
    const run = await measureMap(browser, s.many, s.appUrl)
    const shape = run.requests.map(e => (e.method === 'batch' ? `batch(${e.commands?.length ?? 0})` : e.method)).join(' → ')
    rows.push({ id: `map.${n}.requests`, label: `Relation map, ${n} types: requests to a ready map`, unit: 'requests', value: run.requests.length, budget: atMost(budget), note: `the list + ceil(${n}/50) batches of single-type reads; ${shape}` })
    rows.push({ id: `map.${n}.time`, label: `Relation map, ${n} types: time to a ready map`, unit: 'ms', value: run.ms, note: `from the click to every type's node drawn, one run; layout alone ${formatValue('ms', Math.round(run.layoutMs))} (dagre, ${run.inWorker ? 'in a Web Worker: the page stays responsive' : 'on the main thread: the worker did not start'})` })
    rows.push({ id: `map.${n}.layout`, label: `Relation map, ${n} types: layout time`, unit: 'ms', value: Math.round(run.layoutMs), note: 'the store\'s relation-map-layout measure (the worker\'s start and its dagre load included), part of the time above' })
  }
  catch (e) {
    const reason = reasonOf(e)
    rows.push(notMeasured(`map.${n}.requests`, `Relation map, ${n} types: requests to a ready map`, 'requests', reason, atMost(budget)))
    rows.push(notMeasured(`map.${n}.time`, `Relation map, ${n} types: time to a ready map`, 'ms', reason))
    rows.push(notMeasured(`map.${n}.layout`, `Relation map, ${n} types: layout time`, 'ms', reason))
  }
}

async function installPhase(browser: Browser, s: BenchServers, build: BenchBuild) {
  const runs = new Map<number, InstallRun[]>()
  const failures = new Map<number, string>()
  say(`install: ${INSTALL_RUNS} runs x ${INSTALL_SIZES.join(', ')} types, rate limit on ...`)
  for (let i = 0; i < INSTALL_RUNS; i++) {
    for (const n of INSTALL_SIZES) {
      if (failures.has(n))
        continue
      try {
        runs.set(n, [...(runs.get(n) ?? []), await measureInstall(browser, s.install, s.appUrl, build, n)])
      }
      catch (e) {
        failures.set(n, reasonOf(e))
      }
    }
  }
  let limited = 0
  const measured: InstallRun[] = []
  for (const n of INSTALL_SIZES) {
    const list = runs.get(n) ?? []
    const expected = expectedBindBatches(n)
    const failure = failures.get(n)
    if (failure || list.length === 0) {
      const reason = `install failed: ${failure ?? 'no run'}`
      rows.push(notMeasured(`install.${n}.batches`, `Install ${n} types: bind batches`, 'requests', reason, exactly(expected)))
      rows.push(notMeasured(`install.${n}.time`, `Install ${n} types: time to bind`, 'ms', reason))
      continue
    }
    measured.push(...list)
    limited += list.reduce((sum, r) => sum + r.limited, 0)
    const worst = Math.max(...list.map(r => r.bindBatches))
    const last = list.at(-1)!
    const others = last.requests.length - last.bindBatches
    const path = last.path === 'first-run' ? 'the app\'s first run on /marketplace/app/' : 'FALLBACK: gateway.bindPlacements via the real SDK in the app page (the app bound nothing by itself)'
    rows.push({
      id: `install.${n}.batches`,
      label: `Install ${n} types: bind batches`,
      unit: 'requests',
      value: worst,
      budget: exactly(expected),
      note: `${last.bindCommands} placement.bind commands; ${others} other requests (reads, finish); path: ${path}`,
    })
    const workMs = list.map(r => r.workMs)
    const totals = list.map(r => r.totalMs).filter((t): t is number => t !== null)
    rows.push({
      id: `install.${n}.time`,
      label: `Install ${n} types: time to bind`,
      unit: 'ms',
      value: median(workMs),
      note: `median of ${list.length}, range ${spread(workMs)} ms, from the install's first request (reads) to the last bind answer; binds alone ${formatValue('ms', median(list.map(r => r.bindMs)))}${totals.length ? `; frame navigation to installFinish ${formatValue('ms', median(totals))}` : ''}`,
    })
    raw[`install.${n}`] = list.map(({ requests, ...r }) => ({ ...r, requests: requests.length }))
  }
  rows.push(measured.length
    ? { id: 'install.limited', label: 'Install: 503 QUERY_LIMIT_EXCEEDED', unit: 'count', value: limited, budget: exactly(0), note: `${measured.length} runs, real 2/s bucket with burst 50` }
    : notMeasured('install.limited', 'Install: 503 QUERY_LIMIT_EXCEEDED', 'count', 'no install run completed', exactly(0)))
}

function gitState(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim()
    const dirty = execSync('git status --porcelain -- src index.html vite.config.ts', { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head} + uncommitted changes in src` : head
  }
  catch {
    return 'unknown'
  }
}

async function main() {
  const started = Date.now()
  const { build, tab, shares } = await bundlePhase()
  if (!build || !tab) {
    screensNotMeasured('no build')
  }
  else {
    const servers = await startServers(OUT_DIR, MANY)
    let browser: Browser | null = null
    try {
      browser = await launchBrowser()
      try {
        await screensPhase(browser, servers, tab)
      }
      catch (e) {
        screensNotMeasured(reasonOf(e))
      }
      await savePhase(browser, servers)
      await installPhase(browser, servers, build)
      await importPhase(browser, servers)
      await historyPhase(browser, servers)
      await bulkPhase(browser, servers)
      await mapPhase(browser, servers)
    }
    finally {
      await browser?.close()
      await servers.close()
    }
  }

  const table = formatTable(rows)
  console.info(`\n${table}\n`)
  if (shares.length) {
    console.info('Where the card tab\'s JS goes (gzip, estimated split of each chunk by package):')
    for (const s of shares.slice(0, 15))
      console.info(`  ${formatValue('bytes', s.gzipEstimate).padStart(9)}  ${s.name}`)
  }
  const meta = {
    at: new Date().toISOString(),
    commit: gitState(),
    machine: `${cpus().length} cores, node ${process.version}`,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    table,
    composition: shares.slice(0, 25),
    raw,
  }
  mkdirSync('bench', { recursive: true })
  writeFileSync('bench/results.json', `${JSON.stringify(toResults(rows, meta), null, 2)}\n`)
  const ok = allPassed(rows)
  console.info(`\nbench/results.json written in ${meta.durationSeconds} s: ${ok ? 'every budget holds' : 'FAILED: a budget is missed or a row is not measured'}`)
  process.exit(ok ? 0 : 1)
}

await main()
