/** Small statistics for noisy timings: every timing the bench prints is a median. */

/** The median; the mean of the two middle values for an even count. Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0)
    throw new Error('median of no values')
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** `min–max` of the runs, for the notes column. */
export function spread(values: readonly number[]): string {
  return values.length ? `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}` : '–'
}

/** Batch requests to bind both placements (DETAIL_TAB, LIST_TOOLBAR) of `types` types, 50 commands a batch (docs/platform.md "Batch"). */
export function expectedBindBatches(types: number): number {
  return Math.ceil((2 * types) / 50)
}

/**
 * Requests a placement's first screen may make with `types` smart processes:
 * one batch, and at most one more request per further 50 types
 * (crm.type.list pages by 50 rows, docs/platform.md "Types").
 */
export function firstScreenRequestBudget(types: number): number {
  return 1 + Math.ceil(Math.max(0, types - 50) / 50)
}
