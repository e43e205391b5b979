/** Reading text into wall-clock fields and a zone: ISO 8601 and luxon's numeric format tokens. */
import type { Fields } from './calendar'
import type { Zone } from './zone'
import { untruncateYear } from './calendar'
import { LETTER, tokens } from './format'
import { offsetZone } from './zone'

/** Options luxon's factories take; only `zone` and `setZone` change anything here. */
export interface DateTimeOptions {
  zone?: string
  setZone?: boolean
  locale?: string
}

/** Luxon's invalid DateTime explanation. */
export interface Invalid {
  reason: string
  explanation: string | null
}

/** What the text held: some fields, and the zone it named (an IANA name as text), or null. */
export type Parsed = [values: Partial<Fields>, zone: Zone | string | null]

/** ISO 8601 calendar date and/or time, extended (`2026-05-04T09:53:51.5+03:00`) or basic (`20260504T095351Z`); null when it is not. */
export function parseISO(text: string): Parsed | null {
  const ext = /^(?:([+-]\d{6}|\d{4})(?:-(\d\d)(?:-(\d\d))?)?)?(?:(?:^|T)(\d\d)(?::(\d\d)(?::(\d\d)(?:[.,](\d{1,30}))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?(?:\[([^\]]+)\])?)?$/
  const basic = /^(?:([+-]\d{6}|\d{4})(\d\d)(\d\d))?(?:(?:^|T)(\d\d)(?:(\d\d)(?:(\d\d)(?:[.,](\d{1,30}))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?(?:\[([^\]]+)\])?)?$/
  const m = (typeof text === 'string' && text !== '') ? (ext.exec(text) ?? basic.exec(text)) : null
  if (!m || (m[1] === undefined && m[4] === undefined))
    return null
  const [, y, mo, d, h, mi, s, frac, off, iana] = m
  const values: Partial<Fields> = {}
  if (y !== undefined) {
    values.year = Number(y)
    if (mo !== undefined)
      values.month = Number(mo)
    if (d !== undefined)
      values.day = Number(d)
  }
  if (h !== undefined) {
    values.hour = Number(h)
    values.minute = Number(mi ?? 0)
    values.second = Number(s ?? 0)
    values.millisecond = frac === undefined ? 0 : Math.floor(Number.parseFloat(`0.${frac}`) * 1000)
  }
  return [values, off === undefined ? (iana ?? null) : offsetZone(off)]
}

/** Reads the numeric tokens of `fmt` (see luxon.ts), anything else literally; null when the text does not match. */
export function parseFormat(text: string, fmt: string): Parsed | null {
  const values: Partial<Fields> = {}
  let zone: Zone | string | null = null
  let rest = text
  const take = (re: RegExp): string | null => {
    const m = re.exec(rest)
    if (!m)
      return null
    rest = rest.slice(m[0].length)
    return m[0]
  }
  for (const { literal, val } of tokens(fmt)) {
    if (literal || !LETTER.test(val)) {
      if (!rest.startsWith(val))
        return null
      rest = rest.slice(val.length)
      continue
    }
    const spec = PARSE[val]
    if (!spec)
      throw new RangeError(`luxon shim: unsupported format token "${val}"`)
    const got = take(spec[1])
    if (got === null)
      return null
    const unit = spec[0]
    if (unit === 'zone')
      zone = offsetZone(got)
    else if (unit === 'year2')
      values.year = untruncateYear(Number(got))
    else if (unit === 'hour12')
      values.hour = Number(got) // without a meridiem token (not supported) luxon keeps the hour as read
    else if (unit === 'millisecond')
      values.millisecond = val === 'S' ? Number(got) : Math.floor(Number.parseFloat(`0.${got}`) * 1000)
    else
      values[unit] = Number(got)
  }
  if (rest !== '')
    return null
  return [values, zone]
}

type Unit = keyof Fields | 'year2' | 'hour12' | 'zone'

/** What each parse token reads, as luxon's tokenParser: unpadded tokens take 1–2 digits, padded ones exactly 2. */
const PARSE: Record<string, [Unit, RegExp]> = {
  y: ['year', /^\d{1,6}/],
  yy: ['year2', /^\d{2,4}/],
  yyyy: ['year', /^\d{4}/],
  yyyyy: ['year', /^\d{4,6}/],
  yyyyyy: ['year', /^\d{6}/],
  M: ['month', /^\d\d?/],
  MM: ['month', /^\d{2}/],
  L: ['month', /^\d\d?/],
  LL: ['month', /^\d{2}/],
  d: ['day', /^\d\d?/],
  dd: ['day', /^\d{2}/],
  H: ['hour', /^\d\d?/],
  HH: ['hour', /^\d{2}/],
  h: ['hour12', /^\d\d?/],
  hh: ['hour12', /^\d{2}/],
  m: ['minute', /^\d\d?/],
  mm: ['minute', /^\d{2}/],
  s: ['second', /^\d\d?/],
  ss: ['second', /^\d{2}/],
  S: ['millisecond', /^\d{1,3}/],
  SSS: ['millisecond', /^\d{3}/],
  u: ['millisecond', /^\d{1,9}/],
  Z: ['zone', /^[+-]\d\d?(?::\d\d)?/],
  ZZ: ['zone', /^[+-]\d\d?(?::\d\d)?/],
  ZZZ: ['zone', /^[+-]\d\d?(?:\d\d)?/],
}
