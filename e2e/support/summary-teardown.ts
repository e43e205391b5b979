import { existsSync, readFileSync } from 'node:fs'
import { CASES_FILE, type CaseRecord } from './cases'

/** Prints "Reliability summary: N faults tried, M bad inputs tried, K data lost" after the run. */
export default function summaryTeardown() {
  if (!existsSync(CASES_FILE))
    return
  const cases = readFileSync(CASES_FILE, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as CaseRecord)
  const faults = cases.filter(c => c.kind === 'fault').length
  const bad = cases.filter(c => c.kind === 'bad_input').length
  const lost = cases.reduce((n, c) => n + c.dataLost, 0)
  const failed = cases.filter(c => !c.passed)
  console.info(`Reliability summary: ${faults} faults tried, ${bad} bad inputs tried, ${lost} data lost${failed.length ? ` (${failed.length} case(s) failed: ${failed.map(c => c.name).join('; ')})` : ''}`)
}
