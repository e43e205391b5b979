/**
 * A journal entry as an item of the app's storage (docs/platform.md "App
 * storages"): the entry itself as JSON in DETAIL_TEXT, and the fields the
 * history filters on as the item's NAME, DATE_ACTIVE_FROM and properties,
 * so the portal filters and pages (entity.item.get). Anyone with the app may
 * write to the storage, so what is read back is checked field by field and
 * an item that is not an entry is left out, never shown as one.
 */
import type { FieldChange, JournalEntry, LinkChange } from '@/domain/journal/entry'
import type { FieldKey } from '@/domain/settings-fields'
import { JOURNAL_VERSION, STORED_KINDS } from '@/domain/journal/entry'
import { FIELD_KEYS } from '@/domain/settings-fields'
import { isRecord } from './wire-common'

/** The storage's code (at most 13 characters: entity-add.md) and its properties. */
export const JOURNAL_ENTITY = 'spshistory'
export const JOURNAL_NAME = 'Smart Process Studio: history of changes'
export const JOURNAL_PROPERTIES = [
  { PROPERTY: 'TYPE_ID', NAME: 'entityTypeId', TYPE: 'N' },
  { PROPERTY: 'USER_ID', NAME: 'User', TYPE: 'N' },
  { PROPERTY: 'KIND', NAME: 'Kind of change', TYPE: 'S' },
  { PROPERTY: 'OUTCOME', NAME: 'Outcome', TYPE: 'S' },
] as const

/** The fields of entity.item.add / update for an entry. */
export function entryToItem(entry: JournalEntry): Record<string, unknown> {
  const { id: _id, ...body } = entry
  return {
    // NAME is what the search matches: the title at the time and the entityTypeId.
    NAME: `${entry.type.title} [${entry.type.entityTypeId}]`.slice(0, 255),
    DATE_ACTIVE_FROM: entry.at,
    DETAIL_TEXT: JSON.stringify({ v: JOURNAL_VERSION, ...body }),
    PROPERTY_VALUES: {
      TYPE_ID: entry.type.entityTypeId,
      USER_ID: entry.by?.id ?? 0,
      KIND: entry.kind,
      OUTCOME: entry.outcome,
    },
  }
}

const OUTCOMES = new Set(['pending', 'applied', 'partial', 'failed'])
const SOURCES = new Set(['card', 'slider', 'app', 'import', 'outside'])
const VALUE = (v: unknown) => typeof v === 'boolean' || typeof v === 'string' || v === null
const NULLABLE_BOOL = (v: unknown) => typeof v === 'boolean' || v === null
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null)
const str = (v: unknown) => (typeof v === 'string' ? v : null)

function readField(v: unknown): FieldChange | null {
  if (!isRecord(v) || !FIELD_KEYS.includes(v.key as FieldKey) || !VALUE(v.before) || !VALUE(v.after))
    return null
  return { key: v.key as FieldKey, before: v.before as FieldChange['before'], after: v.after as FieldChange['after'] }
}

function readLink(v: unknown): LinkChange | null {
  if (!isRecord(v) || (v.side !== 'parent' && v.side !== 'child') || int(v.entityTypeId) === null || !NULLABLE_BOOL(v.before) || !NULLABLE_BOOL(v.after))
    return null
  return { side: v.side, entityTypeId: v.entityTypeId as number, before: v.before as boolean | null, after: v.after as boolean | null }
}

function list<T>(v: unknown, read: (x: unknown) => T | null): T[] | null {
  if (!Array.isArray(v))
    return null
  const out = v.map(read)
  return out.every(x => x !== null) ? out as T[] : null
}

function isState(v: unknown): boolean {
  return isRecord(v) && isRecord(v.values) && isRecord(v.relations) && Array.isArray(v.relations.parent) && Array.isArray(v.relations.child)
    && FIELD_KEYS.every(k => VALUE((v.values as Record<string, unknown>)[k]))
}

/** An item of the storage as an entry, or null when it is not one this app wrote in a shape it reads. */
export function itemToEntry(item: unknown): JournalEntry | null {
  if (!isRecord(item) || typeof item.DETAIL_TEXT !== 'string')
    return null
  const id = Number(item.ID)
  let body: unknown
  try {
    body = JSON.parse(item.DETAIL_TEXT)
  }
  catch {
    return null
  }
  if (!isRecord(body) || body.v !== JOURNAL_VERSION || !Number.isInteger(id) || id <= 0)
    return null
  const type = isRecord(body.type) ? body.type : null
  const by = body.by === null ? null : isRecord(body.by) && int(body.by.id) !== null && typeof body.by.name === 'string' ? { id: body.by.id as number, name: body.by.name } : undefined
  const fields = list(body.fields, readField)
  const links = list(body.links, readLink)
  const missed = list(body.missed, str)
  if (!type || int(type.id) === null || int(type.entityTypeId) === null || typeof type.title !== 'string' || by === undefined
    || !fields || !links || !missed || typeof body.at !== 'string' || Number.isNaN(Date.parse(body.at))
    || !STORED_KINDS.includes(body.kind as JournalEntry['kind']) || !SOURCES.has(body.source as string) || !OUTCOMES.has(body.outcome as string))
    return null
  return {
    id,
    at: body.at,
    by,
    source: body.source as JournalEntry['source'],
    kind: body.kind as JournalEntry['kind'],
    type: { id: type.id as number, entityTypeId: type.entityTypeId as number, title: type.title },
    fields,
    links,
    outcome: body.outcome as JournalEntry['outcome'],
    missed,
    error: str(body.error),
    undoes: int(body.undoes),
    // The state and the kept setup are the app's own shapes; a damaged one only costs the outside check or the recreate.
    state: isState(body.state) ? body.state as unknown as JournalEntry['state'] : null,
    setup: isRecord(body.setup) && typeof body.setup.title === 'string' ? body.setup as unknown as JournalEntry['setup'] : null,
    updatedTime: str(body.updatedTime),
    group: str(body.group),
  }
}
