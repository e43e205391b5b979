/**
 * Time on the emulated portal: Bitrix24 prints dates as ISO 8601 with the
 * portal's offset and whole seconds (`2024-05-02T12:00:00+03:00`, crm-type-get.md).
 */

/** Minutes east of UTC of the emulated portal (Moscow, like the seeds' examples). */
export const PORTAL_OFFSET_MINUTES = 180

/** `2024-05-02T12:00:00+03:00` for a moment in ms. */
export function formatPortalTime(ms: number, offsetMinutes = PORTAL_OFFSET_MINUTES): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000)
  const sign = offsetMinutes >= 0 ? '+' : '-'
  const abs = Math.abs(offsetMinutes)
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${shifted.toISOString().slice(0, 19)}${off}`
}

/**
 * The next write time of a record: at least one second after its previous
 * write, so two writes within one second still differ in `updatedTime`
 * (the app detects edits made elsewhere by comparing it).
 */
export function nextWriteTime(now: number, previous: number | null): number {
  const floorNow = Math.floor(now / 1000) * 1000
  if (previous === null)
    return floorNow
  return Math.max(floorNow, Math.floor(previous / 1000) * 1000 + 1000)
}
