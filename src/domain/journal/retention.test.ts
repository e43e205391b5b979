import { describe, expect, it } from 'vitest'
import { entriesToPrune, KEEP_DAYS, KEEP_ENTRIES, retentionCutoff } from './retention'

/** Ids of the entries older than the cutoff, oldest first. */
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('retention', () => {
  it('keeps the newest 2,000 entries or the last 180 days, whichever keeps more', () => {
    expect([KEEP_ENTRIES, KEEP_DAYS]).toEqual([2000, 180])
    // 2,500 in all, 100 of them old: all the old ones go, 2,400 stay.
    expect(entriesToPrune(2500, ids(100))).toEqual(ids(100))
    // 2,050 in all, 300 of them old: only the 50 oldest go, so 2,000 stay.
    expect(entriesToPrune(2050, ids(300))).toEqual(ids(50))
    // Not beyond 2,000: nothing goes, however old.
    expect(entriesToPrune(1500, ids(1500))).toEqual([])
    expect(entriesToPrune(2000, ids(10))).toEqual([])
  })

  it('lets entries go from 180 days before now', () => {
    expect(retentionCutoff(new Date('2026-07-01T12:00:00.000Z')).toISOString()).toBe('2026-01-02T12:00:00.000Z')
  })
})
