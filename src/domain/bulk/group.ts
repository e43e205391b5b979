/**
 * A journal group's id (issue 20): its kind and the moment it began in
 * base 36, so the history finds a group's entries by kind and date (the
 * app's storage has no group property to filter on). Pure.
 */

/** A group's id: its kind and the moment it began (base 36), so the history can find its entries by kind and date. */
export function newGroupId(prefix: 'bulk' | 'undo', now = Date.now()): string {
  return `${prefix}-${now.toString(36)}`
}

/** When a group began, from its id; null for an id of another shape. */
export function groupStart(group: string): Date | null {
  const m = /^[a-z]+-([0-9a-z]+)$/.exec(group)
  const ms = m ? Number.parseInt(m[1]!, 36) : Number.NaN
  return Number.isFinite(ms) ? new Date(ms) : null
}
