/**
 * The `filter` and `order` of Bitrix24 list methods, over rows as the wire
 * shows them (crm-type-list.md): prefixes `=`, `!`, `!=`, `>`, `>=`, `<`,
 * `<=`, `@` (in), `!@` (not in), `%` (substring), `!%`, `=%`/`%=` (LIKE with
 * `%` wildcards), nested groups with `logic: "OR"`. Field names compare
 * case-insensitively, as the portal does for `ID` vs `id`.
 */
import { isRecord, listValues } from './wire'

type Row = Record<string, unknown>

const PREFIXES = ['!=%', '!%=', '>=', '<=', '!@', '!=', '!%', '=%', '%=', '>', '<', '@', '%', '!', '='] as const
type Prefix = (typeof PREFIXES)[number] | ''

function splitKey(key: string): { prefix: Prefix, field: string } {
  for (const p of PREFIXES) {
    if (key.startsWith(p))
      return { prefix: p, field: key.slice(p.length) }
  }
  return { prefix: '', field: key }
}

function field(row: Row, name: string): unknown {
  if (name in row)
    return row[name]
  const lower = name.toLowerCase()
  const key = Object.keys(row).find(k => k.toLowerCase() === lower)
  return key === undefined ? undefined : row[key]
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number')
    return v
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
    return Number(v)
  return null
}

function equals(a: unknown, b: unknown): boolean {
  const na = asNumber(a)
  const nb = asNumber(b)
  if (na !== null && nb !== null)
    return na === nb
  if (typeof b === 'boolean')
    return a === (b ? 'Y' : 'N') || a === b
  return String(a ?? '') === String(b ?? '')
}

function compare(a: unknown, b: unknown): number {
  const na = asNumber(a)
  const nb = asNumber(b)
  if (na !== null && nb !== null)
    return na - nb
  return String(a ?? '').localeCompare(String(b ?? ''))
}

function like(value: unknown, pattern: string): boolean {
  const re = new RegExp(`^${pattern.split('%').map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i')
  return re.test(String(value ?? ''))
}

function test(row: Row, key: string, expected: unknown): boolean {
  const { prefix, field: name } = splitKey(key)
  const actual = field(row, name)
  const many = Array.isArray(expected) || (isRecord(expected) && prefix !== '')
  const values = many ? listValues(expected) : [expected]
  switch (prefix) {
    case '':
    case '=':
    case '@': return values.some(v => equals(actual, v))
    case '!':
    case '!=':
    case '!@': return !values.some(v => equals(actual, v))
    case '>': return compare(actual, expected) > 0
    case '>=': return compare(actual, expected) >= 0
    case '<': return compare(actual, expected) < 0
    case '<=': return compare(actual, expected) <= 0
    case '%': return String(actual ?? '').toLowerCase().includes(String(expected).toLowerCase())
    case '!%': return !String(actual ?? '').toLowerCase().includes(String(expected).toLowerCase())
    case '=%':
    case '%=': return like(actual, String(expected))
    case '!=%':
    case '!%=': return !like(actual, String(expected))
  }
}

/** Whether a row passes a filter (an object, possibly with nested groups). */
export function matchesFilter(row: Row, filter: unknown): boolean {
  if (!isRecord(filter) && !Array.isArray(filter))
    return true
  const entries = Object.entries(filter as Record<string, unknown>)
  const logic = String((filter as Record<string, unknown>).logic ?? 'AND').toUpperCase()
  const results: boolean[] = []
  for (const [key, value] of entries) {
    if (key === 'logic')
      continue
    // Numeric keys hold nested groups: {"0": {logic: "OR", "0": {...}, "1": {...}}}
    if (/^\d+$/.test(key) && isRecord(value))
      results.push(matchesFilter(row, value))
    else
      results.push(test(row, key, value))
  }
  if (results.length === 0)
    return true
  return logic === 'OR' ? results.some(Boolean) : results.every(Boolean)
}

/** Sorts rows by an `order` object ({ id: "DESC", title: "ASC" }); stable, default by the given fallback field. */
export function sortRows<T extends Row>(rows: T[], order: unknown, fallback = 'id'): T[] {
  const keys: [string, number][] = isRecord(order)
    ? Object.entries(order).map(([k, v]) => [k, String(v).toUpperCase() === 'DESC' ? -1 : 1])
    : []
  keys.push([fallback, 1])
  return [...rows].sort((a, b) => {
    for (const [k, dir] of keys) {
      const c = compare(field(a, k), field(b, k))
      if (c !== 0)
        return c * dir
    }
    return 0
  })
}

/** Bitrix24 list paging: 50 a page from `start`; `start: -1` skips the count (no total/next). */
export function page<T>(rows: T[], start: unknown, size = 50): { rows: T[], total?: number, next?: number } {
  const n = Number(start ?? 0)
  if (n === -1)
    return { rows: rows.slice(0, size) }
  const from = Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
  const slice = rows.slice(from, from + size)
  const next = from + size < rows.length ? from + size : undefined
  return { rows: slice, total: rows.length, ...(next !== undefined ? { next } : {}) }
}
