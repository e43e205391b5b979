/** Time zones as luxon reads them: the system zone, fixed offsets, IANA names. */
import type { Fields } from './calendar'
import { pad, utcMillis } from './calendar'

/** A time zone as an offset (minutes east of UTC) at an instant. */
export interface Zone {
  readonly name: string
  readonly fixed: boolean
  offset: (ts: number) => number
}

/** The machine's zone (luxon's `system`). */
export const SYSTEM: Zone = { name: 'system', fixed: false, offset: ts => -new Date(ts).getTimezoneOffset() }

/** A zone `minutes` east of UTC, named as luxon names it (`UTC`, `UTC+3`, `UTC-5:30`). */
function fixedZone(minutes: number): Zone {
  const name = minutes === 0 ? 'UTC' : `UTC${formatOffset(minutes, 'narrow')}`
  return { name, fixed: true, offset: () => minutes }
}

function ianaZone(name: string): Zone | null {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' })
  }
  catch {
    return null
  }
  return {
    name,
    fixed: false,
    offset(ts) {
      const p: Record<string, string> = {}
      for (const { type, value } of format.formatToParts(ts)) p[type] = value
      const year = Number(p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : p.year)
      const asUtc = utcMillis(year, Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second), 0)
      // Fractional minutes for old local mean times (+2:30:17), as luxon's IANAZone.offset.
      return (asUtc - (ts - (((ts % 1000) + 1000) % 1000))) / 60_000
    },
  }
}

/** The zone an option names, as luxon's normalizeZone reads a string; null for one it does not know. */
export function zoneFrom(zone: unknown): Zone | null {
  if (zone === undefined || zone === null)
    return SYSTEM
  if (typeof zone !== 'string')
    return null
  const lower = zone.toLowerCase()
  if (lower === 'local' || lower === 'system' || lower === 'default')
    return SYSTEM
  if (lower === 'utc' || lower === 'gmt')
    return fixedZone(0)
  const m = /^utc([+-]\d{1,2})(?::(\d{2}))?$/i.exec(zone)
  if (m) {
    const h = Number(m[1])
    return fixedZone(h * 60 + Math.sign(h || (m[1]!.startsWith('-') ? -1 : 1)) * Number(m[2] ?? 0))
  }
  return ianaZone(zone)
}

/** The zone of a parsed offset (`Z`, `+03:00`, `-0530`, `+3`). */
export function offsetZone(text: string): Zone {
  if (text === 'Z')
    return fixedZone(0)
  const m = /^([+-])(\d\d?):?(\d\d)?$/.exec(text)!
  return fixedZone((m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)))
}

/** An offset as luxon's formatOffset writes it: narrow `+3`, short `+03:00`, techie `+0300`. */
export function formatOffset(minutes: number, format: 'narrow' | 'short' | 'techie'): string {
  const h = Math.trunc(Math.abs(minutes / 60))
  const m = Math.trunc(Math.abs(minutes % 60))
  const sign = minutes >= 0 ? '+' : '-'
  if (format === 'narrow')
    return `${sign}${h}${m > 0 ? `:${m}` : ''}`
  return `${sign}${pad(h, 2)}${format === 'short' ? ':' : ''}${pad(m, 2)}`
}

/** Wall-clock fields in a zone to an instant, as luxon's fixOffset does around DST changes. */
export function instantOf(f: Fields, zone: Zone): [number, number] {
  const local = utcMillis(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond)
  const o = zone.offset(Date.now())
  let guess = local - o * 60_000
  const o2 = zone.offset(guess)
  if (o === o2)
    return [guess, o]
  guess -= (o2 - o) * 60_000
  const o3 = zone.offset(guess)
  if (o2 === o3)
    return [guess, o2]
  return [local - Math.min(o2, o3) * 60_000, Math.max(o2, o3)]
}
