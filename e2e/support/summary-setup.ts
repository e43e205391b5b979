import { rmSync } from 'node:fs'
import { CASES_FILE } from './cases'

/** Starts the reliability summary afresh for this run. */
export default function summarySetup() {
  rmSync(CASES_FILE, { force: true })
}
