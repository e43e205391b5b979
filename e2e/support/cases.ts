/**
 * The reliability summary: every fault and bad-input case records one line
 * (kind, name, data lost) to .tmp/reliability-cases-<portal port>.jsonl; summary-teardown.ts
 * prints the totals at the end of the run.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { E2E_PORTAL_PORT } from '../ports'

/** One file per run's port pair, so parallel runs on one machine keep their own tallies. */
export const CASES_FILE = `.tmp/reliability-cases-${E2E_PORTAL_PORT}.jsonl`

export type CaseKind = 'fault' | 'bad_input'

export interface CaseRecord {
  kind: CaseKind
  name: string
  /** User changes that ended neither on the portal nor in the draft on screen. Must be 0. */
  dataLost: number
  passed: boolean
}

export function recordCase(record: CaseRecord): void {
  mkdirSync(dirname(CASES_FILE), { recursive: true })
  appendFileSync(CASES_FILE, `${JSON.stringify(record)}\n`)
}
