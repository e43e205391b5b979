/**
 * The fault switches (contract.ts `Faults`): their defaults, and one way to
 * change them that the control API, the pages' panel and tests share.
 */
import type { Faults } from '../contract'
import { parseScopes } from './scopes'
import { isRecord } from './wire'

/** The switches of a fresh portal: all off, the rate limit on, the app registered with `scopes`. */
export function defaultFaults(scopes: string[] = ['crm', 'placement', 'entity']): Faults {
  return {
    latencyMs: 0,
    errorRate: 0,
    rateLimit: true,
    dropRelationsTo: [],
    rateLimitBurst: 0,
    appScopes: [...scopes],
    planForbidsUpdate: false,
    planForbidsCreate: false,
    bindRefusedInBatch: false,
    placementMaxCount: false,
    appUsers: null,
  }
}

const on = (v: unknown) => v === true || v === 'true' || v === 'Y' || v === 'on'

function ids(value: unknown): number[] {
  const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,;]+/)
  return [...new Set(list.map(Number).filter(n => Number.isInteger(n) && n > 0))]
}

const SWITCHES = ['rateLimit', 'planForbidsUpdate', 'planForbidsCreate', 'bindRefusedInBatch', 'placementMaxCount'] as const

/** Applies a partial update in place (the pages hold the same object); unknown keys are ignored. */
export function applyFaults(faults: Faults, input: unknown): Faults {
  if (!isRecord(input))
    return faults
  if ('latencyMs' in input)
    faults.latencyMs = Math.max(0, Number(input.latencyMs) || 0)
  if ('errorRate' in input)
    faults.errorRate = Math.min(1, Math.max(0, Number(input.errorRate) || 0))
  for (const key of SWITCHES) {
    if (key in input)
      faults[key] = on(input[key])
  }
  if ('rateLimitBurst' in input)
    faults.rateLimitBurst = Math.max(0, Math.floor(Number(input.rateLimitBurst) || 0))
  if ('dropRelationsTo' in input)
    faults.dropRelationsTo = ids(input.dropRelationsTo)
  if ('appScopes' in input)
    faults.appScopes = parseScopes(input.appScopes)
  // null, or an empty text from the panel: every user may use the app.
  if ('appUsers' in input) {
    const list = input.appUsers === null ? [] : ids(input.appUsers)
    faults.appUsers = list.length === 0 ? null : list
  }
  return faults
}
