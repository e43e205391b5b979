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

export type { DateTimeOptions, Invalid } from './luxon/parse'
export { DateTime } from './luxon/date-time'
