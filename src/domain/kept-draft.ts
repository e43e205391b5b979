/**
 * A draft kept for the slider's Close (issue 17). The portal closes its
 * slider by removing our frame: no beforeunload, and the frame SDK has no
 * "before close" hook (b24jssdk SliderManager: openSliderAppPage resolves
 * after the close, closeSliderAppPage closes; docs/platform.md "Frame").
 * The app cannot ask first, so it keeps the draft in the tab's
 * sessionStorage and offers it back when the type is opened again.
 * Pure: the caller does the storage.
 */
import type { FieldKey, FieldValues } from './settings-fields'
import type { RelationSet } from './types'
import { FIELD_KEYS, sameValue } from './settings-fields'
import { mergeRelations, normalizeRelations } from './relations'
import { resolveConflicts, conflictKey } from './relation-draft'

export interface KeptDraft {
  v: 1
  entityTypeId: number
  /** The type's record id: another type later given the same entityTypeId is not this one. */
  typeId: number
  /** ISO time of the last change. */
  savedAt: string
  /** Each changed field: the value it was changed from (the base) and the user's. */
  fields: Partial<Record<FieldKey, { base: FieldValues[FieldKey], mine: FieldValues[FieldKey] }>>
  /** The links' base and draft, when they changed. */
  relations: { base: RelationSet, mine: RelationSet } | null
}

/** One key per user and type, in this tab only (sessionStorage): no token, nothing outlives the tab. */
export function keptDraftKey(userId: number | null, entityTypeId: number): string {
  return `sps:draft:${userId ?? 0}:${entityTypeId}`
}

export function keepDraft(o: { entityTypeId: number, typeId: number, base: FieldValues, draft: Partial<FieldValues>, relations: KeptDraft['relations'], now: Date }): KeptDraft {
  const fields: KeptDraft['fields'] = {}
  for (const key of FIELD_KEYS) {
    if (key in o.draft)
      fields[key] = { base: o.base[key], mine: o.draft[key] as FieldValues[FieldKey] }
  }
  return { v: 1, entityTypeId: o.entityTypeId, typeId: o.typeId, savedAt: o.now.toISOString(), fields, relations: o.relations }
}

function isRelationSet(v: unknown): v is RelationSet {
  const ok = (side: unknown) => Array.isArray(side) && side.every(r => typeof r === 'object' && r !== null && Number.isInteger(r.entityTypeId) && typeof r.isChildrenListEnabled === 'boolean')
  return typeof v === 'object' && v !== null && ok((v as RelationSet).parent) && ok((v as RelationSet).child)
}

/** The stored text as a kept draft, or null when it is not one (another version, hand-edited, cut short). */
export function parseKeptDraft(text: string | null): KeptDraft | null {
  if (!text)
    return null
  let v: unknown
  try {
    v = JSON.parse(text)
  }
  catch {
    return null
  }
  const d = v as KeptDraft
  if (typeof v !== 'object' || v === null || d.v !== 1 || !Number.isInteger(d.entityTypeId) || !Number.isInteger(d.typeId) || typeof d.savedAt !== 'string' || typeof d.fields !== 'object' || d.fields === null)
    return null
  const known = new Set<string>(FIELD_KEYS)
  for (const [key, f] of Object.entries(d.fields)) {
    if (!known.has(key) || typeof f !== 'object' || f === null || !('mine' in f))
      return null
  }
  if (d.relations !== null && !(isRelationSet(d.relations?.base) && isRelationSet(d.relations?.mine)))
    return null
  return d
}

export interface RestorePlan {
  /** Values to put back into the draft. */
  fields: Partial<FieldValues>
  /** Fields changed elsewhere since the draft was kept: the portal's value stays, the user is told. */
  changedSince: FieldKey[]
  /** The links' draft over the current base; null when the kept draft had no link changes. */
  relations: RelationSet | null
  /** Whether some link of the kept draft was changed elsewhere since (the portal's side kept). */
  relationsChangedSince: boolean
}

/**
 * What a kept draft restores over the type as it is now: three-way, as a
 * save (settings-conflict, relations merge). A field still at the value it
 * was changed from takes the user's value; a field changed elsewhere since
 * keeps the portal's and is named; links merge, a conflict keeps the portal's.
 */
export function restorePlan(kept: KeptDraft, current: FieldValues, currentRelations: RelationSet): RestorePlan {
  const fields: Partial<FieldValues> = {}
  const changedSince: FieldKey[] = []
  for (const key of FIELD_KEYS) {
    const f = kept.fields[key]
    if (!f)
      continue
    if (sameValue(current[key], f.base))
      (fields as Record<string, unknown>)[key] = f.mine
    else if (!sameValue(current[key], f.mine))
      changedSince.push(key)
  }
  if (!kept.relations)
    return { fields, changedSince, relations: null, relationsChangedSince: false }
  const { merged, conflicts } = mergeRelations(kept.relations.base, kept.relations.mine, currentRelations)
  const theirs = Object.fromEntries(conflicts.map(c => [conflictKey(c), 'theirs' as const]))
  return { fields, changedSince, relations: normalizeRelations(resolveConflicts(merged, conflicts, theirs)), relationsChangedSince: conflicts.length > 0 }
}
