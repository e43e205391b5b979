/**
 * The relation editor's draft, as pure data and functions: rows as the
 * lists show them, the user's answers to conflicts and what a write did not
 * keep. Used by the relations store; no Vue, no I/O.
 */
import type { RelationConflict, RelationRef } from './relations'
import type { Relation, RelationSet, RelationSide } from './types'
import { findRelation, missingAfterWrite, normalizeRelations, RELATION_SIDES, withoutRelation, withRelation } from './relations'

/** How a row of the draft differs from what was loaded. */
export type RelationRowState = 'unchanged' | 'added' | 'changed'

/** One link as the lists show it. */
export interface RelationRow extends Relation {
  side: RelationSide
  state: RelationRowState
  /** The other type is gone from the portal (deleted elsewhere); the link can only be removed. */
  isDeleted: boolean
  /**
   * The same type is linked on the other side too. The portal allows it (its own predefined
   * Deal → Quote and Quote → Deal are both ways; a link is keyed by parent and child:
   * crm/lib/Relation/RelationManager.php bindTypes), so it is told, not refused.
   */
  bothWays: boolean
}

/** The user's answer to a conflict: the draft's outcome or the portal's. */
export type RelationChoice = 'mine' | 'theirs'

/** Names a link in messages (the view passes one in the user's language). */
export type RelationNamer = (ref: RelationRef) => string

/** A conflict's key in `choices`. */
export function conflictKey(c: Pick<RelationConflict, 'side' | 'entityTypeId'>): string {
  return `${c.side}:${c.entityTypeId}`
}

/**
 * Applies the user's choices to a merge result. `both_changed`: mine keeps
 * the draft's value (already in `merged`), theirs takes the portal's.
 * `changed_and_removed`: the outcome of the side chosen, the link with its
 * changed value or no link.
 */
export function resolveConflicts(merged: RelationSet, conflicts: readonly RelationConflict[], choices: Readonly<Record<string, RelationChoice>>): RelationSet {
  let out = normalizeRelations(merged)
  for (const c of conflicts) {
    const choice = choices[conflictKey(c)] ?? 'mine'
    if (c.kind === 'both_changed') {
      out = withRelation(out, c.side, c.entityTypeId, choice === 'mine' ? c.mine : c.theirs)
      continue
    }
    const keep = (c.removedBy === 'theirs') === (choice === 'mine')
    out = keep ? withRelation(out, c.side, c.entityTypeId, c.value) : withoutRelation(out, c.side, c.entityTypeId)
  }
  return out
}

/**
 * Links that were sent but are not as sent after the write: missing
 * (missingAfterWrite), or present with another list switch (the portal keeps
 * the stored link when it drops a write, docs/platform.md "Relations").
 */
export function unsavedAfterWrite(intended: RelationSet, actual: RelationSet): RelationRef[] {
  const out = missingAfterWrite(intended, actual)
  for (const side of RELATION_SIDES) {
    for (const r of normalizeRelations(intended)[side]) {
      const got = findRelation(actual, side, r.entityTypeId)
      if (!r.isPredefined && got && !got.isPredefined && got.isChildrenListEnabled !== r.isChildrenListEnabled)
        out.push({ side, entityTypeId: r.entityTypeId })
    }
  }
  return out
}
