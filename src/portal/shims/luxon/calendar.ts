/** Calendar arithmetic on wall-clock fields, in UTC terms (no zone). */

/** Wall-clock fields of a DateTime. */
export interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

/** As luxon's objToLocalTS: Date.UTC reads years 0–99 as 19xx, so those are set apart. */
export function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const ts = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  if (year >= 100 || year < 0)
    return ts
  const d = new Date(ts)
  d.setUTCFullYear(year, month - 1, day)
  return d.getTime()
}

/** The wall-clock fields of an instant at an offset (minutes east of UTC). */
export function fieldsAt(ts: number, offset: number): Fields {
  const d = new Date(ts + offset * 60_000)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  }
}

/** `n` zero-padded to `width` digits, the sign in front. */
export const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0')

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  // 2000 is a leap year, 2001 is not: day 0 of the next month is the last of this one.
  return new Date(Date.UTC(isLeap(year) ? 2000 : 2001, month, 0)).getUTCDate()
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/** The day of the year, 1-based. */
export function ordinal(f: Fields): number {
  return (Date.UTC(2000, f.month - 1, f.day) - Date.UTC(2000, 0, 1)) / 86_400_000 + 1 - (f.month > 2 && !isLeap(f.year) ? 1 : 0)
}

/** Luxon's two-digit years: 61–99 are 19xx, 00–60 are 20xx. */
export function untruncateYear(year: number): number {
  return year > 99 ? year : year > 60 ? 1900 + year : 2000 + year
}
