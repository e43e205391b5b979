/**
 * Undoing one journal entry (issue 19), any entry, not only the last: the
 * change back is computed against the portal's current state with the same
 * three-way rule as the editor's merge (base = the entry's "after", mine =
 * its "before", theirs = the current read):
 * - a field still at "after" returns to "before"; one already at "before"
 *   needs nothing; one changed again since is a conflict the user decides;
 * - a removed link comes back and an added one goes, unless the link
 *   changed again since (a conflict) or the other type no longer exists;
 * - predefined links are never touched (entries never hold them).
 * Pure: the journal store reads, writes, verifies and journals the undo.
 */
import type { FieldChange, FieldValue, JournalEntry, LinkChange } from './entry'
import type { FieldDraft, FieldKey } from '@/domain/settings-fields'
import type { RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import { emptyRelationSet, findRelation, normalizeRelations, RELATION_SIDES, relationsEqual, withoutRelation, withRelation } from '@/domain/relations'
import { changesFor, fieldValues, sameValue } from '@/domain/settings-fields'

/** `revert`: will go back; `already`: nothing to do; `conflict`: changed again since, the user decides; `gone`: the other type was deleted. */
export type UndoStatus = 'revert' | 'already' | 'conflict' | 'gone'

/** `undo`: take the entry's "before"; `keep`: leave the value changed since. */
export type UndoChoice = 'undo' | 'keep'

export interface UndoField {
  change: FieldChange
  current: FieldValue
  status: UndoStatus
}

export interface UndoLink {
  change: LinkChange
  /** "Show the list in the card" of the link now; null when the link does not exist now. */
  current: boolean | null
  status: UndoStatus
}

export interface UndoPlan {
  fields: UndoField[]
  links: UndoLink[]
}

/**
 * Which entries can be undone by changing the type back: not a delete (undone
 * by recreating), not a creation (a type is deleted on purpose, with its
 * checks, on the app page), not a failed or unfinished one (nothing changed).
 */
export function isUndoableChange(entry: JournalEntry): boolean {
  const creation = entry.kind === 'create' || entry.fields.some(f => f.key === 'title' && f.before === null)
  return entry.kind !== 'delete' && !creation && entry.outcome !== 'failed' && entry.outcome !== 'pending'
    && (entry.fields.length > 0 || entry.links.length > 0)
}

/** A deleted type comes back as a new one from the setup the entry kept. */
export function isRecreatable(entry: JournalEntry): boolean {
  return entry.kind === 'delete' && entry.outcome === 'applied' && entry.setup !== null
}

function status<T>(current: T, before: T, after: T, same: (a: T, b: T) => boolean): UndoStatus {
  if (same(current, before))
    return 'already'
  if (same(current, after))
    return 'revert'
  return 'conflict'
}

/** `exists`: whether a CRM type still exists (a link to a deleted one cannot come back). */
export function planUndo(entry: JournalEntry, current: SmartProcessType, exists: (entityTypeId: number) => boolean): UndoPlan {
  const values = fieldValues(current)
  const relations = current.relations ?? emptyRelationSet()
  const fields = entry.fields.map((change): UndoField => {
    const now = values[change.key]
    return { change, current: now, status: status(now, change.before, change.after, sameValue) }
  })
  const links = entry.links.map((change): UndoLink => {
    const now = findRelation(relations, change.side, change.entityTypeId)
    const value = now ? now.isChildrenListEnabled : null
    let s = status<boolean | null>(value, change.before, change.after, (a, b) => a === b)
    if (now?.isPredefined)
      s = 'already'
    else if (s !== 'already' && change.before !== null && !exists(change.entityTypeId))
      s = 'gone'
    return { change, current: value, status: s }
  })
  return { fields, links }
}

function key(x: UndoField | UndoLink): string {
  return 'key' in x.change ? x.change.key : `${x.change.side}:${x.change.entityTypeId}`
}

/** The key a conflict's choice is kept under. */
export function undoChoiceKey(x: UndoField | UndoLink): string {
  return key(x)
}

/** Whether anything would be written with these choices. */
export function undoWrites(plan: UndoPlan, choices: Readonly<Record<string, UndoChoice>>): boolean {
  const goes = (x: UndoField | UndoLink) => x.status === 'revert' || (x.status === 'conflict' && choices[key(x)] === 'undo')
  return plan.fields.some(goes) || plan.links.some(goes)
}

/**
 * The write that undoes: the fields going back (linked fields whole, paired
 * with "use in user fields", as every save) and, when a link moves, the
 * whole relation set (a full overwrite) built from the current read.
 */
export function undoChanges(plan: UndoPlan, choices: Readonly<Record<string, UndoChoice>>, current: SmartProcessType): { changes: TypeChanges, sent: FieldKey[], relations: RelationSet } {
  const goes = (x: UndoField | UndoLink) => x.status === 'revert' || (x.status === 'conflict' && choices[key(x)] === 'undo')
  const draft: FieldDraft = {}
  const sent: FieldKey[] = []
  for (const f of plan.fields.filter(goes)) {
    (draft as Record<string, FieldValue>)[f.change.key] = f.change.before
    sent.push(f.change.key)
  }
  const changes = changesFor(draft, sent, current)
  const base = normalizeRelations(current.relations ?? emptyRelationSet())
  let relations = base
  for (const l of plan.links.filter(goes)) {
    const { side, entityTypeId, before } = l.change
    relations = before === null ? withoutRelation(relations, side, entityTypeId) : withRelation(relations, side, entityTypeId, before)
  }
  // Turning the client off takes contacts and companies away: sent along, they would stay as ordinary links (as the editor's save does).
  if (changes.isClientEnabled === false && RELATION_SIDES.some(side => relations[side].some(r => r.isPredefined)))
    relations = { parent: relations.parent.filter(r => !r.isPredefined), child: relations.child.filter(r => !r.isPredefined) }
  if (!relationsEqual(relations, base))
    changes.relations = relations
  return { changes, sent, relations }
}
