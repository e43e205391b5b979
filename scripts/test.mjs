/**
 * `npm test`: type-check, lint, unit and component tests (vitest), build, then
 * end-to-end tests (Playwright in Chromium). Every step runs even after a
 * failure so one run shows everything; any failure fails the whole. The last
 * line is `N passed, N failed`, summed from the runners' JSON reports (a
 * failed type-check, lint or build counts as one failed test each).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const tmp = '.tmp'
mkdirSync(tmp, { recursive: true })
const only = process.argv.slice(2) // e.g. `npm test -- unit` or `npm test -- e2e`
const wants = step => only.length === 0 || only.includes(step)

let passed = 0
let failed = 0
const failures = []

function run(label, cmd, args, env = {}) {
  console.info(`\n▶ ${label}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function check(label, ok) {
  if (ok)
    return
  failed += 1
  failures.push(label)
}

if (wants('typecheck'))
  check('type-check', run('type-check', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json']))
if (wants('lint'))
  check('lint', run('lint', 'npx', ['eslint', '.']))

if (wants('unit')) {
  const out = `${tmp}/vitest.json`
  rmSync(out, { force: true })
  const ok = run('unit and component tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`])
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    if (r.numFailedTests > 0)
      failures.push(`${r.numFailedTests} vitest test(s)`)
    if (!ok && r.numFailedTests === 0)
      check('vitest (suite error)', false)
  }
  else {
    check('vitest (no report)', false)
  }
}

if (wants('e2e')) {
  // E2E_DIST_DIR builds and serves elsewhere than dist/, so two runs on one machine do not race.
  const outDir = process.env.E2E_DIST_DIR ?? 'dist'
  const built = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'])
  check('build', built)
  if (built) {
    const out = `${tmp}/playwright.json`
    rmSync(out, { force: true })
    const ok = run('end-to-end tests', 'npx', ['playwright', 'test'], { PW_JSON_OUTPUT: out })
    if (existsSync(out)) {
      const s = JSON.parse(readFileSync(out, 'utf8')).stats
      passed += s.expected + (s.flaky ?? 0)
      failed += s.unexpected
      if (s.unexpected > 0)
        failures.push(`${s.unexpected} Playwright test(s)`)
      if (!ok && s.unexpected === 0)
        check('playwright (suite error)', false)
    }
    else {
      check('playwright (no report)', false)
    }
  }
}

if (failures.length)
  console.error(`\nFailed: ${failures.join(', ')}`)
console.info(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
