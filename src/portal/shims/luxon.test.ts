// @vitest-environment node
import type * as LuxonModule from 'luxon'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { DateTime } from './luxon'

// The real luxon (b24jssdk's dependency), loaded by Node so the build's alias does not apply.
const real = (createRequire(import.meta.url)('luxon') as typeof LuxonModule).DateTime

// What b24jssdk formats with (tools/text.mjs, logger/formatter/abstract-formatter.mjs) and the rest of the numeric tokens.
const SDK_FORMATS = ['yyyy-MM-dd\'T\'HH:mm:ssZZ', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss'.replace(/DD/g, 'dd')]
const OTHER_FORMATS = ['y yy yyyy yyyyyy', 'M MM L LL d dd o ooo q qq', 'H HH h hh m mm s ss S SSS u uu uuu', 'Z ZZ ZZZ', 'X x', '\'T\'HH \'o\'\'clock\' HH\'\'mm', 'dd.MM.yyyy HH:mm', 'yyyyMMdd\'T\'HHmmss']
const ZONES = [undefined, 'utc', 'UTC+3', 'UTC-5:30', 'Europe/Moscow', 'America/New_York', 'Asia/Kathmandu']
const SYSTEM_ZONES = ['UTC', 'Europe/Moscow', 'America/New_York', 'Asia/Kolkata']

// Instants from 1900 to 2100, DST switches included by chance and by the fixed cases below.
const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) })
const DST_EDGES = [Date.UTC(2026, 2, 8, 6, 59, 59), Date.UTC(2026, 2, 8, 7, 0, 0), Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 10, 1, 6, 30)]

const initialTz = process.env.TZ
afterAll(() => {
  process.env.TZ = initialTz
})

describe.each(SYSTEM_ZONES)('with the system zone %s', (tz) => {
  it('formats every supported token as luxon does, in any zone', () => {
    process.env.TZ = tz
    fc.assert(fc.property(fc.oneof(instant, fc.constantFrom(...DST_EDGES)), fc.constantFrom(...ZONES), fc.constantFrom(...SDK_FORMATS, ...OTHER_FORMATS), (ts, zone, fmt) => {
      const date = new Date(ts)
      expect(DateTime.fromJSDate(date, { zone }).toFormat(fmt)).toBe(real.fromJSDate(date, { zone }).toFormat(fmt))
    }), { numRuns: 400 })
  })

  it('gives the log formatter the same seconds and the SDK the same B24 date', () => {
    process.env.TZ = tz
    fc.assert(fc.property(instant, (ts) => {
      const date = new Date(ts)
      expect(Math.floor(DateTime.fromJSDate(date).toSeconds()).toFixed(0)).toBe(Math.floor(real.fromJSDate(date).toSeconds()).toFixed(0))
      expect(DateTime.fromJSDate(date).toISO()).toBe(real.fromJSDate(date).toISO())
      expect(DateTime.fromJSDate(date, { zone: 'utc' }).toISO()).toBe(real.fromJSDate(date, { zone: 'utc' }).toISO())
    }), { numRuns: 200 })
  })

  it('parses ISO 8601 text to the same instant, offset and validity', () => {
    process.env.TZ = tz
    const texts = [
      '2026-05-04T09:53:51+03:00', '2026-05-04T09:53:51.123Z', '2026-05-04T09:53:51,5-05:30', '2026-05-04', '2026-05', '2026',
      '2026-05-04T09:53', '2026-05-04T09', '20260504T095351Z', '20260504', '2026-03-08T02:30:00', '2026-11-01T01:30:00',
      '2024-02-29T12:00:00+0100', '2023-02-29', '2026-13-01', '2026-05-04T24:00', '2026-05-04T25:00', 'not a date', '',
      '2026-05-04T09:53:51+03:00[Europe/Moscow]', '+012026-05-04T00:00:00Z', '1969-12-31T23:59:59.999Z',
    ]
    for (const text of texts) {
      for (const opts of [{}, { setZone: true }, { zone: 'utc' }, { zone: 'Asia/Kathmandu', setZone: true }]) {
        const mine = DateTime.fromISO(text, opts)
        const theirs = real.fromISO(text, opts)
        expect(mine.isValid, `${text} ${JSON.stringify(opts)}`).toBe(theirs.isValid)
        if (theirs.isValid) {
          expect(mine.toMillis(), text).toBe(theirs.toMillis())
          expect(mine.toFormat(SDK_FORMATS[0]!), text).toBe(theirs.toFormat(SDK_FORMATS[0]!))
        }
        else {
          expect(mine.invalidReason, text).toBe(theirs.invalidReason)
        }
      }
    }
  })

  it('round-trips any instant through toISO and fromISO as luxon does', () => {
    process.env.TZ = tz
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (ts, zone) => {
      const iso = real.fromMillis(ts, { zone }).toISO()!
      expect(DateTime.fromISO(iso, { setZone: true }).toISO()).toBe(real.fromISO(iso, { setZone: true }).toISO())
      expect(DateTime.fromISO(iso).toMillis()).toBe(real.fromISO(iso).toMillis())
    }), { numRuns: 200 })
  })

  it('parses numeric formats (Text.toDateTime with a template) as luxon does', () => {
    process.env.TZ = tz
    const cases: [string, string][] = [
      ['04.05.2026', 'dd.MM.yyyy'], ['4.5.26', 'd.M.yy'], ['4.5.75', 'd.M.yy'], ['2026-05-04 09:53:51', 'yyyy-MM-dd HH:mm:ss'],
      ['2026-05-04T09:53:51+03:00', 'yyyy-MM-dd\'T\'HH:mm:ssZZ'], ['20260504 0953 +0530', 'yyyyMMdd HHmm ZZZ'],
      ['31.02.2026', 'dd.MM.yyyy'], ['04-05-2026', 'dd.MM.yyyy'], ['2026-05-04 09:53:51.7', 'yyyy-MM-dd HH:mm:ss.S'],
      ['2026-05-04 12:00', 'yyyy-MM-dd hh:mm'], ['2026-03-08 02:30', 'yyyy-MM-dd HH:mm'],
    ]
    for (const [text, fmt] of cases) {
      for (const opts of [{}, { zone: 'utc' }, { setZone: true }]) {
        const mine = DateTime.fromFormat(text, fmt, opts)
        const theirs = real.fromFormat(text, fmt, opts)
        expect(mine.isValid, `${text} ${fmt}`).toBe(theirs.isValid)
        if (theirs.isValid)
          expect(mine.toISO(), `${text} ${fmt}`).toBe(theirs.toISO())
      }
    }
  })
})

describe('what luxon does that the shim refuses', () => {
  it('throws on locale-dependent tokens instead of printing something else', () => {
    expect(() => DateTime.now().toFormat('MMMM')).toThrow(RangeError)
    expect(() => DateTime.fromFormat('May 4', 'MMM d')).toThrow(RangeError)
  })

  it('marks an unknown zone invalid, like luxon', () => {
    expect(DateTime.fromJSDate(new Date(), { zone: 'Mars/Olympus' }).invalidReason).toBe(real.fromJSDate(new Date(), { zone: 'Mars/Olympus' }).invalidReason)
    expect(DateTime.fromISO('2026-05-04', { zone: 'Mars/Olympus' }).isValid).toBe(false)
  })

  it('prints Invalid DateTime for an invalid date, like luxon', () => {
    expect(DateTime.fromJSDate(new Date(Number.NaN)).toFormat('yyyy')).toBe(real.fromJSDate(new Date(Number.NaN)).toFormat('yyyy'))
    expect(DateTime.fromJSDate(new Date(Number.NaN)).toISO()).toBeNull()
  })
})
