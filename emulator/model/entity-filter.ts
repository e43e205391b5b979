/**
 * entity.item.get's FILTER and SORT over a storage's items, as the rest
 * module passes them to CIBlockElement::GetList (api-reference/entity/items/entity-item-get.md).
 */
import type { EntityItemRecord, EntityStorageRecord } from './state'
import { findProperty, parseDate } from './entity'
import { isRecord, listValues } from './wire'

const DATE_FIELDS = new Set(['DATE_ACTIVE_FROM', 'DATE_ACTIVE_TO', 'TIMESTAMP_X', 'DATE_CREATE'])

/** A field's comparable value: numbers for ids, sort and dates, strings otherwise. */
function valueOf(s: EntityStorageRecord, i: EntityItemRecord, field: string): string | number | null {
  switch (field) {
    case 'ID': return i.id
    case 'NAME': return i.name
    case 'ACTIVE': return i.active ? 'Y' : 'N'
    case 'SORT': return i.sort
    case 'CODE': return i.code
    case 'PREVIEW_TEXT': return i.previewText
    case 'DETAIL_TEXT': return i.detailText
    case 'CREATED_BY': return i.createdBy
    case 'MODIFIED_BY': return i.modifiedBy
    case 'DATE_CREATE': return i.createdTime
    case 'TIMESTAMP_X': return i.updatedTime
    case 'DATE_ACTIVE_FROM': return i.dateActiveFrom
    case 'DATE_ACTIVE_TO': return i.dateActiveTo
    case 'SECTION': return i.section
  }
  if (field.startsWith('PROPERTY_')) {
    const prop = findProperty(s, field.slice('PROPERTY_'.length)) ?? s.properties.find(p => p.code.toUpperCase() === field.slice('PROPERTY_'.length))
    const v = prop ? i.values[String(prop.id)] : undefined
    if (v === undefined)
      return null
    return prop?.type === 'N' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v
  }
  return null
}

function operand(field: string, v: unknown): string | number | null {
  if (v === null || v === undefined || v === '' || v === false)
    return null
  if (DATE_FIELDS.has(field))
    return parseDate(v)
  if (typeof v === 'number')
    return v
  const s = String(v)
  return s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s
}

function cmp(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number')
    return a - b
  const x = String(a).toLowerCase()
  const y = String(b).toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}

function eq(a: string | number | null, b: string | number | null): boolean {
  if (a === null || b === null)
    return a === b
  return cmp(a, b) === 0
}

/** The operators of entity-item-get.md FILTER, longest first. */
const OPS = ['!><', '><', '>=', '<=', '!=', '!%', '>', '<', '=', '!', '%', '?'] as const

function matchOne(s: EntityStorageRecord, i: EntityItemRecord, key: string, value: unknown): boolean {
  const op = OPS.find(o => key.startsWith(o)) ?? ''
  const field = key.slice(op.length).toUpperCase()
  const v = valueOf(s, i, field)
  const list = Array.isArray(value) || isRecord(value) ? listValues(value) : null
  switch (op) {
    case '':
    case '=':
      return list ? list.some(x => eq(v, operand(field, x))) : eq(v, operand(field, value))
    case '!':
    case '!=':
      return list ? !list.some(x => eq(v, operand(field, x))) : !eq(v, operand(field, value))
    case '>': case '>=': case '<': case '<=': {
      const o = operand(field, value)
      if (v === null || o === null)
        return false
      const c = cmp(v, o)
      return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0
    }
    case '><':
    case '!><': {
      const [from, to] = (list ?? []).map(x => operand(field, x))
      const inside = v !== null && from != null && to != null && cmp(v, from) >= 0 && cmp(v, to) <= 0
      return op === '><' ? inside : !inside
    }
    case '%':
    case '!%': {
      const has = v !== null && String(v).toLowerCase().includes(String(value ?? '').toLowerCase())
      return op === '%' ? has : !has
    }
    default:
      // '?': the iblock's search syntax; the docs call it a null / not null check and give no value format. Not modelled: the condition is ignored.
      return true
  }
}

/**
 * FILTER as checkFilter leaves it: keys upper-cased, unknown operators and
 * IBLOCK_ID / CHECK_PERMISSIONS dropped, PROPERTY_<CODE> for property values.
 */
export function matchesFilter(s: EntityStorageRecord, i: EntityItemRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    const field = key.replace(/^[^a-z]*/i, '').toUpperCase()
    if (field === 'IBLOCK_ID' || field === 'CHECK_PERMISSIONS' || field === 'LOGIC' || /^\d+$/.test(key))
      return true
    return matchOne(s, i, key, value)
  })
}

/** SORT: `{field: ASC|DESC}`, default ID ASC; ties by ID ASC. */
export function sortItems(s: EntityStorageRecord, items: EntityItemRecord[], sort: unknown): EntityItemRecord[] {
  const order = isRecord(sort) && Object.keys(sort).length > 0 ? Object.entries(sort) : [['ID', 'ASC']]
  return [...items].sort((a, b) => {
    for (const [f, dir] of order) {
      const field = f.toUpperCase()
      const x = valueOf(s, a, field)
      const y = valueOf(s, b, field)
      // Empty values first in ASC, as MySQL orders NULLs.
      const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : cmp(x, y)
      if (c !== 0)
        return String(dir).toUpperCase() === 'DESC' ? -c : c
    }
    return a.id - b.id
  })
}
