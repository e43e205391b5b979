/**
 * The test object of the reliability and security specs: every page is
 * watched for leaked tokens (the test fails on one), and each case says what
 * kind it is and how much user data it lost, for the run's summary.
 */
import type { CaseKind } from './cases'
import type { SecretWatch } from './secrets'
import { test as base, expect } from '@playwright/test'
import { recordCase } from './cases'
import { watchSecrets } from './secrets'

export interface CaseTally {
  /** Marks the case a fault or a bad input (each case once). */
  kind: (kind: CaseKind) => void
  /** Adds user changes that were lost: neither on the portal nor in the draft. */
  lost: (count: number) => void
}

export const test = base.extend<{ secrets: SecretWatch, tally: CaseTally }>({
  // Depends on tally so that it is torn down first: a leak found here still marks the case failed.
  secrets: [async ({ page, tally: _ }, use, info) => {
    const watch = watchSecrets(page)
    await use(watch)
    if (info.status !== info.expectedStatus) {
      // The app's frame is cross-origin: the failure snapshot does not show it, so its text goes to the report.
      for (const f of page.frames().filter(f => f !== page.mainFrame()))
        console.info(`[app frame ${f.url().slice(0, 60)}]`, await f.evaluate(() => document.body?.innerText ?? '').catch(() => '(gone)'))
    }
    await watch.assertClean()
  }, { auto: true }],
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  tally: [async ({}, use, info) => {
    let kind: CaseKind | null = null
    let dataLost = 0
    await use({ kind: k => (kind = k), lost: n => (dataLost += n) })
    if (kind)
      recordCase({ kind, name: `${info.file.replace(/^.*[\\/]/, '')}: ${info.title}`, dataLost, passed: info.status === info.expectedStatus })
  }, { auto: true }],
})

export { expect }
