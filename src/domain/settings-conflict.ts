/**
 * A Save that meets a type changed elsewhere, and a write that the portal
 * kept only in part, as pure functions over field values: what to show next
 * to the draft, the draft rebased on the user's choices, and the draft left
 * after a write (what did not stick). Used by the typeSettings store.
 */
import type { FieldDraft, FieldKey, FieldValues } from './settings-fields'
import type { SmartProcessType, TypeChanges } from './types'
import { changedFields, fieldValues, sameValue, unsavedFields } from './settings-fields'

export type ConflictChoice = 'mine' | 'theirs'

/** A field changed elsewhere since we loaded, next to the draft's value. */
export interface FieldConflict {
  key: FieldKey
  /** What we loaded. */
  base: FieldValues[FieldKey]
  /** The draft's value, or `base` when the user did not touch it. */
  mine: FieldValues[FieldKey]
  /** What the portal holds now. */
  theirs: FieldValues[FieldKey]
  /** Whether the user changed this field too. */
  inDraft: boolean
}

/** The type was changed elsewhere between load and save. */
export interface SaveConflict {
  fresh: SmartProcessType
  /** Fields both sides changed to different values: the user chooses. */
  fields: FieldConflict[]
  /** Fields only the other side changed: taken as they are, told. */
  taken: FieldConflict[]
}

/**
 * Sorts the differences (issue 17): a field only the other side changed is
 * taken without asking; one both changed to the same value needs no choice;
 * only fields both changed to different values are asked about.
 */
export function sortConflicts(all: readonly FieldConflict[]): { ask: FieldConflict[], taken: FieldConflict[] } {
  return {
    ask: all.filter(f => f.inDraft && !sameValue(f.mine, f.theirs)),
    taken: all.filter(f => !f.inDraft),
  }
}

/**
 * Every field that differs between what we loaded and what the portal holds
 * now. updatedTime has second precision on the wire, so two writes in one
 * second look alike: the values themselves are compared.
 */
export function fieldConflicts(base: FieldValues, draft: FieldDraft, dirty: readonly FieldKey[], theirs: FieldValues): FieldConflict[] {
  return changedFields(base, theirs).map(key => ({
    key,
    base: base[key],
    mine: key in draft ? draft[key] as FieldValues[FieldKey] : base[key],
    theirs: theirs[key],
    inDraft: dirty.includes(key),
  }))
}

/**
 * The draft rebased on the portal's values with the user's choices: "mine"
 * keeps the draft as it is now (the user may have edited on) or the loaded
 * value when untouched; "theirs" drops the field. What equals the portal's
 * value drops out.
 */
export function rebaseOnChoices(fields: readonly FieldConflict[], choices: Partial<Record<FieldKey, ConflictChoice>>, draft: FieldDraft, fresh: FieldValues): FieldDraft {
  const kept: FieldDraft = { ...draft }
  for (const f of fields) {
    if (choices[f.key] === 'mine')
      Object.assign(kept, { [f.key]: f.key in draft ? draft[f.key] : f.base })
    else
      delete kept[f.key]
  }
  return Object.fromEntries(Object.entries(kept).filter(([k, v]) => !sameValue(v, fresh[k as FieldKey])))
}

/**
 * After a write: the fields the portal's answer does not hold (it ignores
 * what it does not take, docs/platform.md "Flags"), and the draft that keeps
 * them with the values the user wanted.
 */
export function draftAfterWrite(sent: TypeChanges, fresh: SmartProcessType, draft: FieldDraft, saved: SmartProcessType): { missed: FieldKey[], draft: FieldDraft } {
  const missed = unsavedFields(sent, saved)
  const intended: FieldValues = { ...fieldValues(fresh), ...draft }
  const after = fieldValues(saved)
  return { missed, draft: Object.fromEntries(missed.filter(k => !sameValue(intended[k], after[k])).map(k => [k, intended[k]])) }
}
