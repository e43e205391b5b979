/**
 * A small stand-in for luxon's `DateTime`, aliased over `luxon` in the build
 * (vite.config.ts). b24jssdk imports luxon only for its Text date helpers
 * (`tools/text.mjs`: fromISO, fromFormat, fromJSDate, now, toFormat) and its
 * log formatters (`logger/formatter/abstract-formatter.mjs`: fromJSDate,
 * toSeconds, toFormat); the whole library is ~21 KB gzip of the card tab.
 *
 * Same results as luxon 3 for what it supports (luxon.test.ts compares them):
 * ISO 8601 calendar dates and times (extended and basic), numeric format
 * tokens (y yy yyyy M MM L LL d dd H HH h hh m mm s ss S SSS u Z ZZ ZZZ,
 * and for output also o ooo q qq uu uuu X x) with 'quoted' literals, zones `local`/`system`, `utc`, `UTC±h[:mm]`
 * and IANA names. Locale-dependent tokens (month and weekday names, macros
 * like `D` or `T`) throw a RangeError instead of printing something wrong.
 */

/** A time zone as an offset (minutes east of UTC) at an instant. */
interface Zone {
  readonly name: string
  readonly fixed: boolean
  offset: (ts: number) => number
}

const SYSTEM: Zone = { name: 'system', fixed: false, offset: ts => -new Date(ts).getTimezoneOffset() }

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
function zoneFrom(zone: unknown): Zone | null {
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

/** Options luxon's factories take; only `zone` and `setZone` change anything here. */
export interface DateTimeOptions {
  zone?: string
  setZone?: boolean
  locale?: string
}

interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

/** As luxon's objToLocalTS: Date.UTC reads years 0–99 as 19xx, so those are set apart. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const ts = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  if (year >= 100 || year < 0)
    return ts
  const d = new Date(ts)
  d.setUTCFullYear(year, month - 1, day)
  return d.getTime()
}

function fieldsAt(ts: number, offset: number): Fields {
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

/** Wall-clock fields in a zone to an instant, as luxon's fixOffset does around DST changes. */
function instantOf(f: Fields, zone: Zone): [number, number] {
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

const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0')

function formatOffset(minutes: number, format: 'narrow' | 'short' | 'techie'): string {
  const h = Math.trunc(Math.abs(minutes / 60))
  const m = Math.trunc(Math.abs(minutes % 60))
  const sign = minutes >= 0 ? '+' : '-'
  if (format === 'narrow')
    return `${sign}${h}${m > 0 ? `:${m}` : ''}`
  return `${sign}${pad(h, 2)}${format === 'short' ? ':' : ''}${pad(m, 2)}`
}

function daysInMonth(year: number, month: number): number {
  // 2000 is a leap year, 2001 is not: day 0 of the next month is the last of this one.
  return new Date(Date.UTC(isLeap(year) ? 2000 : 2001, month, 0)).getUTCDate()
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

function ordinal(f: Fields): number {
  return (Date.UTC(2000, f.month - 1, f.day) - Date.UTC(2000, 0, 1)) / 86_400_000 + 1 - (f.month > 2 && !isLeap(f.year) ? 1 : 0)
}

/** Splits a format as luxon's Formatter.parseFormat does: runs of one letter, 'quoted' literals, '' for a quote. */
function tokens(fmt: string): { literal: boolean, val: string }[] {
  const out: { literal: boolean, val: string }[] = []
  let current: string | null = null
  let run = ''
  let quoted = false
  for (const c of fmt) {
    if (c === '\'') {
      if (run.length > 0 || quoted)
        out.push({ literal: quoted || /^\s+$/.test(run), val: run === '' ? '\'' : run })
      current = null
      run = ''
      quoted = !quoted
    }
    else if (quoted || c === current) {
      run += c
    }
    else {
      if (run.length > 0)
        out.push({ literal: /^\s+$/.test(run), val: run })
      run = c
      current = c
    }
  }
  if (run.length > 0)
    out.push({ literal: quoted || /^\s+$/.test(run), val: run })
  return out
}

const LETTER = /^[a-z]/i

/** Luxon's invalid DateTime explanation. */
export interface Invalid {
  reason: string
  explanation: string | null
}

/** An instant in a zone, immutable; the part of luxon's DateTime that b24jssdk uses. */
export class DateTime {
  /** Epoch milliseconds (NaN when invalid). */
  readonly ts: number
  readonly zone: Zone
  readonly invalid: Invalid | null
  readonly #c: Fields | null
  readonly #o: number

  private constructor(ts: number, zone: Zone, invalid: Invalid | null = null, offset?: number) {
    this.ts = invalid ? Number.NaN : ts
    this.zone = zone
    this.invalid = invalid
    this.#o = invalid ? Number.NaN : (offset ?? zone.offset(ts))
    this.#c = invalid ? null : fieldsAt(ts, this.#o)
  }

  /** An invalid DateTime with a reason, as luxon's `DateTime.invalid`. */
  static invalid(reason: string, explanation: string | null = null): DateTime {
    return new DateTime(Number.NaN, SYSTEM, { reason, explanation })
  }

  static now(): DateTime {
    return new DateTime(Date.now(), SYSTEM)
  }

  static fromMillis(ms: number, options: DateTimeOptions = {}): DateTime {
    const zone = zoneFrom(options.zone)
    if (!zone)
      return DateTime.invalid('unsupported zone', `the zone "${options.zone}" is not supported`)
    return Number.isFinite(ms) ? new DateTime(ms, zone) : DateTime.invalid('invalid input')
  }

  static fromSeconds(seconds: number, options: DateTimeOptions = {}): DateTime {
    return DateTime.fromMillis(seconds * 1000, options)
  }

  static fromJSDate(date: Date, options: DateTimeOptions = {}): DateTime {
    const ts = date instanceof Date ? date.valueOf() : Number.NaN
    return Number.isNaN(ts) ? DateTime.invalid('invalid input') : DateTime.fromMillis(ts, options)
  }

  /** ISO 8601 calendar date and/or time, extended (`2026-05-04T09:53:51.5+03:00`) or basic (`20260504T095351Z`). */
  static fromISO(text: string, options: DateTimeOptions = {}): DateTime {
    const ext = /^(?:([+-]\d{6}|\d{4})(?:-(\d\d)(?:-(\d\d))?)?)?(?:(?:^|T)(\d\d)(?::(\d\d)(?::(\d\d)(?:[.,](\d{1,30}))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?(?:\[([^\]]+)\])?)?$/
    const basic = /^(?:([+-]\d{6}|\d{4})(\d\d)(\d\d))?(?:(?:^|T)(\d\d)(?:(\d\d)(?:(\d\d)(?:[.,](\d{1,30}))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?(?:\[([^\]]+)\])?)?$/
    const m = (typeof text === 'string' && text !== '') ? (ext.exec(text) ?? basic.exec(text)) : null
    if (!m || (m[1] === undefined && m[4] === undefined))
      return DateTime.invalid('unparsable', `the input "${text}" can't be parsed as ISO 8601`)
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
    return DateTime.#fromParsed(values, off === undefined ? (iana ?? null) : offsetZone(off), options)
  }

  /** Parses numeric tokens of `fmt` (see the module comment); anything else is matched literally. */
  static fromFormat(text: string, fmt: string, options: DateTimeOptions = {}): DateTime {
    if (text === undefined || fmt === undefined)
      throw new TypeError('fromFormat requires an input string and a format')
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
          return DateTime.invalid('unparsable', `the input "${text}" can't be parsed as format ${fmt}`)
        rest = rest.slice(val.length)
        continue
      }
      const spec = PARSE[val]
      if (!spec)
        throw new RangeError(`luxon shim: unsupported format token "${val}"`)
      const got = take(spec[1])
      if (got === null)
        return DateTime.invalid('unparsable', `the input "${text}" can't be parsed as format ${fmt}`)
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
      return DateTime.invalid('unparsable', `the input "${text}" can't be parsed as format ${fmt}`)
    return DateTime.#fromParsed(values, zone, options)
  }

  static #fromParsed(values: Partial<Fields>, parsedZone: Zone | string | null, options: DateTimeOptions): DateTime {
    const target = zoneFrom(options.zone)
    const interpretation = parsedZone === null ? target : (typeof parsedZone === 'string' ? zoneFrom(parsedZone) : parsedZone)
    if (!target || !interpretation)
      return DateTime.invalid('unsupported zone', `the zone "${options.zone}" is not supported`)
    const today = values.year === undefined && values.month === undefined && values.day === undefined
      ? fieldsAt(Date.now(), interpretation.offset(Date.now()))
      : null
    const f: Fields = {
      year: values.year ?? today?.year ?? new Date().getFullYear(),
      month: values.month ?? today?.month ?? 1,
      day: values.day ?? today?.day ?? 1,
      hour: values.hour ?? 0,
      minute: values.minute ?? 0,
      second: values.second ?? 0,
      millisecond: values.millisecond ?? 0,
    }
    const midnight24 = f.hour === 24 && f.minute === 0 && f.second === 0 && f.millisecond === 0
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month)
      || (f.hour > 23 && !midnight24) || f.minute > 59 || f.second > 59)
      return DateTime.invalid('unit out of range', 'a date or time field is out of range')
    const [ts] = instantOf(f, interpretation)
    const zone = options.setZone && parsedZone !== null ? interpretation : target
    return new DateTime(ts, zone)
  }

  get isValid(): boolean {
    return this.invalid === null
  }

  get invalidReason(): string | null {
    return this.invalid?.reason ?? null
  }

  get invalidExplanation(): string | null {
    return this.invalid?.explanation ?? null
  }

  get zoneName(): string | null {
    return this.isValid ? this.zone.name : null
  }

  get isOffsetFixed(): boolean | null {
    return this.isValid ? this.zone.fixed : null
  }

  /** Minutes east of UTC. */
  get offset(): number {
    return this.#o
  }

  get year(): number { return this.#c?.year ?? Number.NaN }
  get month(): number { return this.#c?.month ?? Number.NaN }
  get day(): number { return this.#c?.day ?? Number.NaN }
  get hour(): number { return this.#c?.hour ?? Number.NaN }
  get minute(): number { return this.#c?.minute ?? Number.NaN }
  get second(): number { return this.#c?.second ?? Number.NaN }
  get millisecond(): number { return this.#c?.millisecond ?? Number.NaN }

  /** The same instant in another zone (`keepLocalTime` is not supported). */
  setZone(zone?: string): DateTime {
    const z = zoneFrom(zone)
    if (!this.isValid)
      return this
    return z ? new DateTime(this.ts, z) : DateTime.invalid('unsupported zone', `the zone "${zone}" is not supported`)
  }

  toUTC(): DateTime {
    return this.setZone('utc')
  }

  toLocal(): DateTime {
    return this.setZone('system')
  }

  toMillis(): number {
    return this.ts
  }

  toSeconds(): number {
    return this.ts / 1000
  }

  toUnixInteger(): number {
    return Math.floor(this.ts / 1000)
  }

  valueOf(): number {
    return this.ts
  }

  toJSDate(): Date {
    return new Date(this.ts)
  }

  /** `yyyy-MM-dd'T'HH:mm:ss.SSSZZ`, `Z` in UTC; null when invalid. */
  toISO(): string | null {
    if (!this.isValid)
      return null
    const c = this.#c!
    const year = c.year > 9999 || c.year < 0 ? (c.year < 0 ? '-' : '+') + pad(Math.abs(c.year), 6) : pad(c.year, 4)
    const zone = this.zone.fixed && this.#o === 0 ? 'Z' : formatOffset(this.#o, 'short')
    return `${year}-${this.toFormat('MM-dd\'T\'HH:mm:ss.SSS')}${zone}`
  }

  toJSON(): string | null {
    return this.toISO()
  }

  toString(): string {
    return this.isValid ? this.toISO()! : 'Invalid DateTime'
  }

  /** Formats with the numeric tokens of the module comment; 'quoted' text is literal. */
  toFormat(fmt: string): string {
    if (!this.isValid)
      return 'Invalid DateTime'
    return tokens(fmt).map(({ literal, val }) => (literal ? val : this.#token(val))).join('')
  }

  #token(t: string): string {
    const c = this.#c!
    const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12
    switch (t) {
      case 'S': return String(c.millisecond)
      case 'u':
      case 'SSS': return pad(c.millisecond, 3)
      case 'uu': return pad(Math.floor(c.millisecond / 10), 2)
      case 'uuu': return String(Math.floor(c.millisecond / 100))
      case 's': return String(c.second)
      case 'ss': return pad(c.second, 2)
      case 'm': return String(c.minute)
      case 'mm': return pad(c.minute, 2)
      case 'h': return String(h12)
      case 'hh': return pad(h12, 2)
      case 'H': return String(c.hour)
      case 'HH': return pad(c.hour, 2)
      case 'Z': return formatOffset(this.#o, 'narrow')
      case 'ZZ': return formatOffset(this.#o, 'short')
      case 'ZZZ': return formatOffset(this.#o, 'techie')
      case 'd': return String(c.day)
      case 'dd': return pad(c.day, 2)
      case 'L':
      case 'M': return String(c.month)
      case 'LL':
      case 'MM': return pad(c.month, 2)
      case 'y': return String(c.year)
      case 'yy': return pad(Number(String(c.year).slice(-2)), 2)
      case 'yyyy': return pad(c.year, 4)
      case 'yyyyyy': return pad(c.year, 6)
      case 'o': return String(ordinal(c))
      case 'ooo': return pad(ordinal(c), 3)
      case 'q': return String(Math.ceil(c.month / 3))
      case 'qq': return pad(Math.ceil(c.month / 3), 2)
      case 'X': return String(Math.floor(this.ts / 1000))
      case 'x': return String(this.ts)
    }
    if (LETTER.test(t))
      throw new RangeError(`luxon shim: unsupported format token "${t}"`)
    return t
  }
}

/** Luxon's two-digit years: 61–99 are 19xx, 00–60 are 20xx. */
function untruncateYear(year: number): number {
  return year > 99 ? year : year > 60 ? 1900 + year : 2000 + year
}

function offsetZone(text: string): Zone {
  if (text === 'Z')
    return fixedZone(0)
  const m = /^([+-])(\d\d?):?(\d\d)?$/.exec(text)!
  return fixedZone((m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)))
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
