/**
 * The portal's data file (PORTAL_DATA, default .data/portal.json): read at
 * start, written atomically (temporary file + rename) a moment after each
 * change. A file that is not portal JSON stops the start with a clear error
 * and is never overwritten silently; PORTAL_RESET=1 starts from the seed.
 */
import type { PortalState } from './model/state'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export class CorruptDataError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`Portal data file ${file} is not usable (${reason}). It was left untouched: fix or move it, or start with PORTAL_RESET=1 (or --reset) to begin again from the seed.`)
    this.name = 'CorruptDataError'
  }
}

function isPortalState(value: unknown): value is PortalState {
  if (typeof value !== 'object' || value === null)
    return false
  const s = value as Partial<PortalState>
  return s.version === 1 && typeof s.memberId === 'string' && Array.isArray(s.types) && Array.isArray(s.edges)
    && Array.isArray(s.items) && Array.isArray(s.placements) && Array.isArray(s.usedEntityTypeIds)
    && typeof s.nextTypeId === 'number' && typeof s.nextItemIds === 'object' && typeof s.appOptions === 'object'
}

/** The saved state, or null when there is no file yet; throws CorruptDataError for anything unreadable. */
export function loadState(file: string): PortalState | null {
  if (!existsSync(file))
    return null
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  }
  catch (e) {
    throw new CorruptDataError(file, `invalid JSON: ${(e as Error).message}`)
  }
  if (!isPortalState(parsed))
    throw new CorruptDataError(file, 'not a portal state of version 1')
  return parsed
}

/** Writes the state atomically: a reader sees the old file or the new one, never half of one. */
export function saveState(file: string, state: PortalState): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(state))
  renameSync(tmp, file)
}

/** Debounced saving: `schedule` after each change, `flush` on close. */
export function createSaver(file: string, delayMs = 100) {
  let pending: PortalState | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    if (timer)
      clearTimeout(timer)
    timer = null
    if (pending) {
      const s = pending
      pending = null
      saveState(file, s)
    }
  }
  return {
    schedule(state: PortalState) {
      pending = state
      if (!timer)
        timer = setTimeout(flush, delayMs)
    },
    flush,
  }
}
