/**
 * Relation sets: normalising, editing, diffing and the three-way merge that
 * runs before every write. The portal overwrites `relations` whole on update
 * (docs/platform.md "Relations", seed 001), so a save must re-read the type (theirs), merge
 * the draft (mine) over what was loaded (base), and send the whole result.
 *
 * A link is identified by its side and entityTypeId; its only editable value
 * is isChildrenListEnabled. Predefined links belong to the portal.
 */
import type { Relation, RelationSet, RelationSide } from './types'

export const RELATION_SIDES: readonly RelationSide[] = ['parent', 'child']

/** A link's identity: which side of the type and which CRM type. */
export interface RelationRef {
  side: RelationSide
  entityTypeId: number
}

export function emptyRelationSet(): RelationSet {
  return { parent: [], child: [] }
}

function normalizeSide(list: readonly Relation[]): Relation[] {
  const seen = new Map<number, Relation>()
  for (const r of list) {
    // The first occurrence wins; a copy so callers can't alias our result.
    if (!seen.has(r.entityTypeId))
      seen.set(r.entityTypeId, { entityTypeId: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled, isPredefined: r.isPredefined })
  }
  return [...seen.values()].sort((a, b) => a.entityTypeId - b.entityTypeId)
}

/** Each side sorted by entityTypeId, one link per entityTypeId (the first one wins), fresh objects. */
export function normalizeRelations(set: RelationSet): RelationSet {
  return { parent: normalizeSide(set.parent), child: normalizeSide(set.child) }
}

/** Same links with the same values, whatever the order. */
export function relationsEqual(a: RelationSet, b: RelationSet): boolean {
  return JSON.stringify(normalizeRelations(a)) === JSON.stringify(normalizeRelations(b))
}

/** The link of `side` to `entityTypeId`, if any. */
export function findRelation(set: RelationSet, side: RelationSide, entityTypeId: number): Relation | undefined {
  return set[side].find(r => r.entityTypeId === entityTypeId)
}

/** Adds a user link, or sets its isChildrenListEnabled if present. Predefined links are left alone. */
export function withRelation(set: RelationSet, side: RelationSide, entityTypeId: number, isChildrenListEnabled = false): RelationSet {
  const out = normalizeRelations(set)
  const existing = findRelation(out, side, entityTypeId)
  if (existing) {
    if (!existing.isPredefined)
      existing.isChildrenListEnabled = isChildrenListEnabled
    return out
  }
  out[side] = normalizeSide([...out[side], { entityTypeId, isChildrenListEnabled, isPredefined: false }])
  return out
}

/** Removes a user link; predefined links cannot be removed and stay. */
export function withoutRelation(set: RelationSet, side: RelationSide, entityTypeId: number): RelationSet {
  const out = normalizeRelations(set)
  out[side] = out[side].filter(r => r.entityTypeId !== entityTypeId || r.isPredefined)
  return out
}

/** One side of a diff. */
export interface RelationSideDiff {
  added: Relation[]
  removed: Relation[]
  changed: { entityTypeId: number, from: Relation, to: Relation }[]
}

export type RelationDiff = Record<RelationSide, RelationSideDiff>

function sameValue(a: Relation, b: Relation): boolean {
  return a.isChildrenListEnabled === b.isChildrenListEnabled && a.isPredefined === b.isPredefined
}

/** What changed from `base` to `next`, per side, sorted by entityTypeId. */
export function diffRelations(base: RelationSet, next: RelationSet): RelationDiff {
  const b = normalizeRelations(base)
  const n = normalizeRelations(next)
  const side = (s: RelationSide): RelationSideDiff => {
    const before = new Map(b[s].map(r => [r.entityTypeId, r]))
    const after = new Map(n[s].map(r => [r.entityTypeId, r]))
    const out: RelationSideDiff = { added: [], removed: [], changed: [] }
    for (const r of n[s]) {
      const old = before.get(r.entityTypeId)
      if (!old)
        out.added.push(r)
      else if (!sameValue(old, r))
        out.changed.push({ entityTypeId: r.entityTypeId, from: old, to: r })
    }
    out.removed = b[s].filter(r => !after.has(r.entityTypeId))
    return out
  }
  return { parent: side('parent'), child: side('child') }
}

/** Whether a diff holds no change at all. */
export function isEmptyDiff(d: RelationDiff): boolean {
  return RELATION_SIDES.every(s => d[s].added.length === 0 && d[s].removed.length === 0 && d[s].changed.length === 0)
}

/**
 * Something the merge could not decide alone; the UI shows it and asks.
 * - `both_changed`: mine and theirs hold the same link with different
 *   isChildrenListEnabled and the base cannot tell who changed it. With a
 *   boolean that happens when both sides added the link (base: null); when
 *   the base has it, the side that differs from it wins without a conflict.
 *   The merge keeps mine: the draft is the user's intent; theirs is shown so
 *   the user can take it instead.
 * - `changed_and_removed`: one side removed a link the other side changed.
 *   The removal wins (a removed link is never brought back); the UI can offer
 *   to add it again with `value`.
 */
export type RelationConflict =
  | { kind: 'both_changed', side: RelationSide, entityTypeId: number, base: boolean | null, mine: boolean, theirs: boolean }
  | { kind: 'changed_and_removed', side: RelationSide, entityTypeId: number, removedBy: 'mine' | 'theirs', value: boolean }

export interface RelationMergeResult {
  /** Normalised; ready to send whole. */
  merged: RelationSet
  conflicts: RelationConflict[]
}

function mergeSide(side: RelationSide, base: Relation[], mine: Relation[], theirs: Relation[], conflicts: RelationConflict[]): Relation[] {
  const B = new Map(base.map(r => [r.entityTypeId, r]))
  const M = new Map(mine.map(r => [r.entityTypeId, r]))
  const T = new Map(theirs.map(r => [r.entityTypeId, r]))
  const ids = [...new Set([...B.keys(), ...M.keys(), ...T.keys()])].sort((a, b) => a - b)
  const out: Relation[] = []
  for (const id of ids) {
    const b = B.get(id)
    const m = M.get(id)
    const t = T.get(id)
    // Predefined links are the portal's (isClientEnabled adds 3 and 4): the fresh read decides.
    if (b?.isPredefined || m?.isPredefined || t?.isPredefined) {
      if (t)
        out.push({ ...t })
      continue
    }
    if (m && t) {
      const vm = m.isChildrenListEnabled
      const vt = t.isChildrenListEnabled
      const vb = b ? b.isChildrenListEnabled : null
      let value = vm
      if (vm !== vt) {
        if (vb === vm)
          value = vt // only theirs changed it
        else if (vb !== vt)
          conflicts.push({ kind: 'both_changed', side, entityTypeId: id, base: vb, mine: vm, theirs: vt })
      }
      out.push({ entityTypeId: id, isChildrenListEnabled: value, isPredefined: false })
    }
    else if (m && !t) {
      // In base: theirs removed it, so it stays removed. Not in base: mine added it.
      if (!b)
        out.push({ ...m })
      else if (m.isChildrenListEnabled !== b.isChildrenListEnabled)
        conflicts.push({ kind: 'changed_and_removed', side, entityTypeId: id, removedBy: 'theirs', value: m.isChildrenListEnabled })
    }
    else if (t && !m) {
      if (!b)
        out.push({ ...t })
      else if (t.isChildrenListEnabled !== b.isChildrenListEnabled)
        conflicts.push({ kind: 'changed_and_removed', side, entityTypeId: id, removedBy: 'mine', value: t.isChildrenListEnabled })
    }
  }
  return out
}

/**
 * Three-way merge of relation sets: base = what the draft started from,
 * mine = the draft, theirs = a fresh read just before writing.
 *
 * Promises: a link added on either side is kept; a link removed on either
 * side stays removed; predefined links are exactly as theirs has them;
 * merging with no change on one side gives the other side; true conflicts
 * are returned (see RelationConflict), with mine kept in `merged`.
 */
export function mergeRelations(base: RelationSet, mine: RelationSet, theirs: RelationSet): RelationMergeResult {
  const b = normalizeRelations(base)
  const m = normalizeRelations(mine)
  const t = normalizeRelations(theirs)
  const conflicts: RelationConflict[] = []
  const merged = {
    parent: mergeSide('parent', b.parent, m.parent, t.parent, conflicts),
    child: mergeSide('child', b.child, m.child, t.child, conflicts),
  }
  return { merged, conflicts }
}

/**
 * Links that were sent but are not in the portal's answer: the portal drops
 * a relation it fails to save without saying so (docs/platform.md "Relations"), so every
 * write is verified by reading back. Predefined links are left out: the
 * portal adds and removes those itself.
 */
export function missingAfterWrite(intended: RelationSet, actual: RelationSet): RelationRef[] {
  const out: RelationRef[] = []
  for (const side of RELATION_SIDES) {
    const present = new Set(actual[side].map(r => r.entityTypeId))
    for (const r of normalizeSide(intended[side])) {
      if (!r.isPredefined && !present.has(r.entityTypeId))
        out.push({ side, entityTypeId: r.entityTypeId })
    }
  }
  return out
}

/** One link changed between two reads, for telling the user (issue 17: changes made elsewhere). */
export interface LinkChange { side: RelationSide, entityTypeId: number, kind: 'added' | 'removed' | 'changed' }

/** Every link that differs from `base` in `next`, flat, parents first. */
export function linkChanges(base: RelationSet, next: RelationSet): LinkChange[] {
  const d = diffRelations(base, next)
  return RELATION_SIDES.flatMap(side => [
    ...d[side].added.map(r => ({ side, entityTypeId: r.entityTypeId, kind: 'added' as const })),
    ...d[side].removed.map(r => ({ side, entityTypeId: r.entityTypeId, kind: 'removed' as const })),
    ...d[side].changed.map(c => ({ side, entityTypeId: c.entityTypeId, kind: 'changed' as const })),
  ])
}
