/**
 * How long the journal keeps entries (issue 19): the last 2,000 entries or
 * 180 days, whichever keeps more. An entry goes only when it is both older
 * than 180 days and not among the newest 2,000. Pure.
 */
export const KEEP_ENTRIES = 2000
export const KEEP_DAYS = 180
const DAY_MS = 24 * 60 * 60 * 1000

/** The moment before which entries may go (if beyond the newest KEEP_ENTRIES). */
export function retentionCutoff(now: Date): Date {
  return new Date(now.getTime() - KEEP_DAYS * DAY_MS)
}

/**
 * Which of the old entries (older than the cutoff, oldest first) go, given
 * how many entries the journal holds in all: the oldest ones, never so many
 * that fewer than KEEP_ENTRIES remain.
 */
export function entriesToPrune(total: number, oldestFirst: readonly number[]): number[] {
  return oldestFirst.slice(0, Math.max(0, Math.min(oldestFirst.length, total - KEEP_ENTRIES)))
}
