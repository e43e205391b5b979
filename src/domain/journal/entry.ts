/**
 * The history journal's entries (issue 19): who changed which smart process,
 * when, from where, every field before → after, the links added, removed or
 * changed, and the outcome. Pure: no Vue, no I/O. The portal layer stores
 * them in the app's own storage (docs/platform.md "App storages"); the
 * journal store writes one "pending" before a write and completes it after.
 */
import type { TypeSetup } from '@/domain/setup/types'
import type { RelationSet, RelationSide, SmartProcessType, TypeChanges } from '@/domain/types'
import type { FieldKey, FieldValues } from '@/domain/settings-fields'
import { diffRelations, emptyRelationSet, normalizeRelations, RELATION_SIDES } from '@/domain/relations'
import { changedFields, fieldValues, FIELD_KEYS, sameValue } from '@/domain/settings-fields'

/** The shape of an entry as stored; a reader skips entries of a newer version. */
export const JOURNAL_VERSION = 1

/**
 * `baseline`: the type as the app first read it, when the journal knew
 * nothing of it yet; never shown, it is what the first change made outside
 * the app is measured against.
 */
export type JournalKind = 'settings' | 'create' | 'delete' | 'import' | 'bulk' | 'undo' | 'outside' | 'baseline'
/** The kinds the history shows (and filters by); `bulk`: one change made to many types at once (issue 20). */
export const JOURNAL_KINDS: readonly JournalKind[] = ['settings', 'create', 'delete', 'import', 'bulk', 'undo', 'outside']
export const STORED_KINDS: readonly JournalKind[] = [...JOURNAL_KINDS, 'baseline']

/** Where the change was made: the card tab, the list's slider, the app page, an import; `outside`: not in the app. */
export type JournalSource = 'card' | 'slider' | 'app' | 'import' | 'outside'

/** `pending`: written before the change; a pending entry that stays so means the write never reported back. */
export type JournalOutcome = 'pending' | 'applied' | 'partial' | 'failed'

export type FieldValue = FieldValues[FieldKey]

export interface FieldChange {
  key: FieldKey
  before: FieldValue
  after: FieldValue
}

/** One link of the type; `before`/`after` is its "show the list in the card", null where it did not exist. */
export interface LinkChange {
  side: RelationSide
  entityTypeId: number
  before: boolean | null
  after: boolean | null
}

/** The type as the portal held it after the entry: what "changed outside the app" is measured against. */
export interface TypeState {
  values: FieldValues
  relations: RelationSet
  updatedTime: string | null
}

export interface JournalEntry {
  /** The storage's item ID; 0 until written. */
  id: number
  /** ISO 8601, the moment the change was made (or, for `outside`, seen). */
  at: string
  /** Who made it; for `outside` the record's updatedBy, null when unknown. */
  by: { id: number, name: string } | null
  source: JournalSource
  kind: JournalKind
  /** The type at the time: record id, entityTypeId, title. */
  type: { id: number, entityTypeId: number, title: string }
  fields: FieldChange[]
  links: LinkChange[]
  outcome: JournalOutcome
  /** What was sent and the portal did not keep: field keys and links (`parent:2`). */
  missed: string[]
  /** The error code (AppErrorCode) of a failed write. */
  error: string | null
  /** The entry this one undid. */
  undoes: number | null
  /** The type after the change as the portal answered; null while pending or for a delete. */
  state: TypeState | null
  /** A deleted type's whole setup, to recreate it (with a new entityTypeId). */
  setup: TypeSetup | null
  /** For `outside`: the record's own updatedTime, the only clue to when it happened. */
  updatedTime: string | null
  /** Entries written by one action over many types (an import, later a bulk change). */
  group: string | null
}

/** A link's key in `missed`. */
export function linkKey(l: Pick<LinkChange, 'side' | 'entityTypeId'>): string {
  return `${l.side}:${l.entityTypeId}`
}

/** A link's key of `missed` read back (`parent:2` → parent, 2); null for any other key (a field, a placement). */
export function parseLinkKey(key: string): Pick<LinkChange, 'side' | 'entityTypeId'> | null {
  const m = /^(parent|child):(\d+)$/.exec(key)
  return m ? { side: m[1] as RelationSide, entityTypeId: Number(m[2]) } : null
}

/** The state of a type read one by one (with relations and linked fields). */
export function stateOf(type: SmartProcessType): TypeState {
  return { values: fieldValues(type), relations: normalizeRelations(type.relations ?? emptyRelationSet()), updatedTime: type.updatedTime }
}

/** Field by field, what differs from `before` in `after` (display order). */
export function fieldChanges(before: FieldValues, after: FieldValues, only?: readonly FieldKey[]): FieldChange[] {
  const keys = only ? FIELD_KEYS.filter(k => only.includes(k)) : changedFields(before, after)
  return keys.map(key => ({ key, before: before[key], after: after[key] }))
}

/** Every user link that differs; predefined links are the portal's and are never journaled as the user's. */
export function linkChangesBetween(before: RelationSet, after: RelationSet): LinkChange[] {
  const d = diffRelations(before, after)
  return RELATION_SIDES.flatMap(side => [
    ...d[side].added.filter(r => !r.isPredefined).map(r => ({ side, entityTypeId: r.entityTypeId, before: null, after: r.isChildrenListEnabled })),
    ...d[side].removed.filter(r => !r.isPredefined).map(r => ({ side, entityTypeId: r.entityTypeId, before: r.isChildrenListEnabled, after: null })),
    ...d[side].changed.filter(c => !c.from.isPredefined && !c.to.isPredefined && c.from.isChildrenListEnabled !== c.to.isChildrenListEnabled)
      .map(c => ({ side, entityTypeId: c.entityTypeId, before: c.from.isChildrenListEnabled, after: c.to.isChildrenListEnabled })),
  ])
}

export interface EntryStart {
  at: Date
  by: { id: number, name: string } | null
  source: JournalSource
  kind: JournalKind
  type: { id: number, entityTypeId: number, title: string }
  undoes?: number | null
  group?: string | null
  setup?: TypeSetup | null
}

function blank(start: EntryStart): JournalEntry {
  return {
    id: 0,
    at: start.at.toISOString(),
    by: start.by,
    source: start.source,
    kind: start.kind,
    type: start.type,
    fields: [],
    links: [],
    outcome: 'pending',
    missed: [],
    error: null,
    undoes: start.undoes ?? null,
    state: null,
    setup: start.setup ?? null,
    updatedTime: null,
    group: start.group ?? null,
  }
}

/**
 * The entry written before a change to a type: from the fresh read to what
 * the write asks for (the read with `changes` on top), with only the fields
 * and links the write sends.
 */
export function pendingChange(start: EntryStart, fresh: SmartProcessType, changes: TypeChanges): JournalEntry {
  const before = stateOf(fresh)
  const intended = stateOf({ ...fresh, ...changes, linkedUserFields: changes.linkedUserFields ?? fresh.linkedUserFields, relations: changes.relations ?? fresh.relations })
  const sent = FIELD_KEYS.filter(k => k in changes || (changes.linkedUserFields !== undefined && k in changes.linkedUserFields))
  return {
    ...blank(start),
    fields: fieldChanges(before.values, intended.values, sent).filter(f => f.before !== f.after),
    links: linkChangesBetween(before.relations, intended.relations),
  }
}

/**
 * The entry completed with what the portal holds after the write: the
 * fields and links as they really changed; what was asked and did not
 * stick is named in `missed` and makes it "partly applied".
 */
export function completedChange(pending: JournalEntry, fresh: SmartProcessType, saved: SmartProcessType, extraMissed: readonly string[] = []): JournalEntry {
  const before = stateOf(fresh)
  const after = stateOf(saved)
  const asked = pending.fields
  const missedFields = asked.filter(f => !sameValue(after.values[f.key], f.after)).map(f => f.key as string)
  const askedLinks = pending.links
  const realLinks = linkChangesBetween(before.relations, after.relations)
  const missedLinks = askedLinks.filter(l => !realLinks.some(r => linkKey(r) === linkKey(l) && r.after === l.after)).map(linkKey)
  const missed = [...new Set([...missedFields, ...missedLinks, ...extraMissed])]
  return {
    ...pending,
    // What changed, as the portal answered (what did not stick is not a change).
    fields: fieldChanges(before.values, after.values).filter(f => asked.some(a => a.key === f.key)),
    links: realLinks,
    outcome: missed.length > 0 ? 'partial' : 'applied',
    missed,
    state: after,
  }
}

/** The entry completed after a write the portal refused or that never answered: nothing changed as far as the app knows. */
export function failedChange(pending: JournalEntry, errorCode: string, fresh: SmartProcessType | null): JournalEntry {
  return { ...pending, outcome: 'failed', error: errorCode, state: fresh ? stateOf(fresh) : pending.state }
}

/** The entry written before a create or a delete: who, what type, nothing changed yet. */
export function pendingEntry(start: EntryStart): JournalEntry {
  return blank(start)
}

/** A type created by the app: its title and code (its switches are the create dialog's, not journaled one by one), and its links. */
export function createdEntry(start: EntryStart | JournalEntry, created: SmartProcessType): JournalEntry {
  const after = stateOf(created)
  return {
    ...('outcome' in start ? start : blank(start)),
    type: { id: created.id, entityTypeId: created.entityTypeId, title: created.title },
    fields: FIELD_KEYS.filter(k => k === 'title' || k === 'code').map(key => ({ key, before: null, after: after.values[key] })),
    links: linkChangesBetween(emptyRelationSet(), after.relations),
    outcome: 'applied',
    state: after,
  }
}

/** The type as first read, where the journal holds nothing of it: the starting point of "changed outside the app". */
export function baselineEntry(start: EntryStart, read: SmartProcessType): JournalEntry {
  return { ...blank({ ...start, kind: 'baseline' }), outcome: 'applied', state: stateOf(read), updatedTime: read.updatedTime }
}

/**
 * "Changed outside the app": the type as read differs from the journal's
 * last known state of it. Null when it does not, or when the last entry
 * holds no state (a write still pending: the difference may be its own).
 * Seen late: `at` is when the app noticed, `updatedTime` when the record says it changed.
 */
export function outsideChange(last: JournalEntry | null, read: SmartProcessType, at: Date): JournalEntry | null {
  if (!last || !last.state || last.kind === 'delete')
    return null
  // A read no newer than the state the journal holds is a stale one (a screen loaded before that entry): it tells nothing.
  const readTime = Date.parse(read.updatedTime ?? '')
  const knownTime = Date.parse(last.state.updatedTime ?? '')
  if (!Number.isNaN(readTime) && !Number.isNaN(knownTime) && readTime <= knownTime)
    return null
  const now = stateOf(read)
  const fields = fieldChanges(last.state.values, now.values)
  const links = linkChangesBetween(last.state.relations, now.relations)
  if (fields.length === 0 && links.length === 0)
    return null
  const by = read.updatedBy ? { id: read.updatedBy, name: '' } : null
  return {
    ...blank({ at, by, source: 'outside', kind: 'outside', type: { id: read.id, entityTypeId: read.entityTypeId, title: read.title } }),
    fields,
    links,
    outcome: 'applied',
    state: now,
    updatedTime: read.updatedTime,
  }
}
