/** Luxon's format strings: splitting them into tokens, and writing the numeric tokens. */
import type { Fields } from './calendar'
import { ordinal, pad } from './calendar'
import { formatOffset } from './zone'

/** A token of a format: a run of one letter, or literal text. */
export interface Token {
  literal: boolean
  val: string
}

/** Starts with a letter: a token to read or write, not text to match. */
export const LETTER = /^[a-z]/i

/** Splits a format as luxon's Formatter.parseFormat does: runs of one letter, 'quoted' literals, '' for a quote. */
export function tokens(fmt: string): Token[] {
  const out: Token[] = []
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

/**
 * One token of `toFormat` for the fields `c` at offset `o` (minutes) of the
 * instant `ts`; a RangeError for a letter token it does not support
 * (locale-dependent ones), any other text as it is.
 */
export function formatToken(c: Fields, o: number, ts: number, t: string): string {
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
    case 'Z': return formatOffset(o, 'narrow')
    case 'ZZ': return formatOffset(o, 'short')
    case 'ZZZ': return formatOffset(o, 'techie')
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
    case 'X': return String(Math.floor(ts / 1000))
    case 'x': return String(ts)
  }
  if (LETTER.test(t))
    throw new RangeError(`luxon shim: unsupported format token "${t}"`)
  return t
}
