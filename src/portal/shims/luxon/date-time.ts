/** The DateTime class: an instant in a zone, built by the parsers and written by the formatter. */
import type { Fields } from './calendar'
import type { DateTimeOptions, Invalid, Parsed } from './parse'
import type { Zone } from './zone'
import { daysInMonth, fieldsAt, pad } from './calendar'
import { formatToken, tokens } from './format'
import { parseFormat, parseISO } from './parse'
import { formatOffset, instantOf, SYSTEM, zoneFrom } from './zone'

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
    const parsed = parseISO(text)
    return parsed ? DateTime.#fromParsed(parsed, options) : DateTime.invalid('unparsable', `the input "${text}" can't be parsed as ISO 8601`)
  }

  /** Parses numeric tokens of `fmt` (see luxon.ts); anything else is matched literally. */
  static fromFormat(text: string, fmt: string, options: DateTimeOptions = {}): DateTime {
    if (text === undefined || fmt === undefined)
      throw new TypeError('fromFormat requires an input string and a format')
    const parsed = parseFormat(text, fmt)
    return parsed ? DateTime.#fromParsed(parsed, options) : DateTime.invalid('unparsable', `the input "${text}" can't be parsed as format ${fmt}`)
  }

  /**
   * The instant the parsed fields name, kept in the parsed zone with
   * `setZone`, else in `options.zone`; missing date fields are today's,
   * missing time fields 0, as luxon fills them.
   */
  static #fromParsed([values, parsedZone]: Parsed, options: DateTimeOptions): DateTime {
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
    return new DateTime(ts, options.setZone && parsedZone !== null ? interpretation : target)
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

  /** Formats with the numeric tokens of luxon.ts' comment; 'quoted' text is literal. */
  toFormat(fmt: string): string {
    if (!this.isValid)
      return 'Invalid DateTime'
    return tokens(fmt).map(({ literal, val }) => (literal ? val : formatToken(this.#c!, this.#o, this.ts, val))).join('')
  }
}
