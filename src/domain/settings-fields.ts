/**
 * The editable fields of a type's settings as one flat, typed record, so the
 * draft, the "changed" marks and the conflict view all work field by field.
 * Pure: no Vue, no I/O. Used by the typeSettings store.
 */
import type { FlagKey, FlagSideEffect, LinkedUserFieldKey, LinkedUserFields } from '@/domain/flags'
import type { SmartProcessType, TypeChanges } from '@/domain/types'
import { defaultLinkedUserFields, FLAG_KEYS, FLAGS, isFlagKey, LINKED_USER_FIELD_KEYS } from '@/domain/flags'

/** Every value the settings screen edits: the flags, title, code and the three linkedUserFields. */
export type FieldValues = Record<FlagKey, boolean> & Record<LinkedUserFieldKey, boolean> & {
  title: string
  code: string | null
}

export type FieldKey = keyof FieldValues

/** Changed fields only: a key is present when its value differs from what was loaded. */
export type FieldDraft = Partial<FieldValues>

/** Display order: title, code, the flags in catalogue order, the linked fields. */
export const FIELD_KEYS: readonly FieldKey[] = ['title', 'code', ...FLAG_KEYS, ...LINKED_USER_FIELD_KEYS]

export function isLinkedFieldKey(key: FieldKey): key is LinkedUserFieldKey {
  return (LINKED_USER_FIELD_KEYS as readonly string[]).includes(key)
}

/** The editable values of a type; linkedUserFields missing on the type read as off. */
export function fieldValues(type: SmartProcessType): FieldValues {
  const linked = type.linkedUserFields ?? defaultLinkedUserFields()
  const out = { title: type.title, code: type.code } as FieldValues
  for (const key of FLAG_KEYS)
    out[key] = type[key]
  for (const key of LINKED_USER_FIELD_KEYS)
    out[key] = linked[key] ?? false
  return out
}

/** Whether two field values are the same (an empty code and no code are the same). */
export function sameValue(a: FieldValues[FieldKey] | undefined, b: FieldValues[FieldKey] | undefined): boolean {
  const norm = (v: typeof a) => (v === '' || v === undefined ? null : v)
  return norm(a) === norm(b)
}

/** Keys whose values differ between two sets of values, in display order. */
export function changedFields(a: FieldValues, b: FieldValues): FieldKey[] {
  return FIELD_KEYS.filter(k => !sameValue(a[k], b[k]))
}

/** Keys of the draft that really differ from the base, in display order. */
export function dirtyFields(base: FieldValues, draft: FieldDraft): FieldKey[] {
  return FIELD_KEYS.filter(k => k in draft && !sameValue(draft[k], base[k]))
}

/**
 * Whether the linked user fields count with these values: the portal applies
 * them only while isUseInUserfieldEnabled is on (docs/platform.md
 * "linkedUserFields"), so the screen pairs them with that switch.
 */
export function linkedFieldsUsable(values: Pick<FieldValues, 'isUseInUserfieldEnabled'>): boolean {
  return values.isUseInUserfieldEnabled
}

/**
 * The PATCH for a draft: only the changed keys. linkedUserFields is a full
 * overwrite on the portal (docs/platform.md "linkedUserFields"), so when any
 * of the three changed, all three go: the fresh read's values with the
 * user's changes on top. They go only when isUseInUserfieldEnabled ends up
 * on; the wire sends that flag in the same call, as the portal requires.
 */
export function changesFor(draft: FieldDraft, dirty: readonly FieldKey[], fresh: SmartProcessType): TypeChanges {
  const changes: TypeChanges = {}
  let linked: LinkedUserFields | null = null
  for (const key of dirty) {
    const value = draft[key]
    if (key === 'title' && typeof value === 'string')
      changes.title = value.trim()
    else if (key === 'code' && (typeof value === 'string' || value === null))
      changes.code = value === '' ? null : value
    else if (isFlagKey(key) && typeof value === 'boolean')
      changes[key] = value
    else if (isLinkedFieldKey(key) && typeof value === 'boolean') {
      linked ??= { ...defaultLinkedUserFields(), ...fresh.linkedUserFields }
      linked[key] = value
    }
  }
  const usable = changes.isUseInUserfieldEnabled ?? fresh.isUseInUserfieldEnabled
  if (linked && usable)
    changes.linkedUserFields = linked
  return changes
}

/**
 * The fields of a write that the portal's answer does not hold: the portal
 * ignores what it does not take and says nothing (docs/platform.md
 * "Flags"), so every write is compared with what comes back. A flag the
 * answer does not carry did not stick either. Relations are checked by
 * their own editor (a re-read).
 */
export function unsavedFields(sent: TypeChanges, saved: SmartProcessType): FieldKey[] {
  const after = fieldValues(saved)
  const carried = saved.carriedFlags
  const out: FieldKey[] = []
  if (sent.title !== undefined && !sameValue(sent.title, after.title))
    out.push('title')
  if (sent.code !== undefined && !sameValue(sent.code, after.code))
    out.push('code')
  for (const key of FLAG_KEYS) {
    const v = sent[key]
    if (v !== undefined && (v !== after[key] || (carried && !carried.includes(key))))
      out.push(key)
  }
  if (sent.linkedUserFields) {
    for (const key of LINKED_USER_FIELD_KEYS) {
      if (sent.linkedUserFields[key] !== after[key] || !saved.linkedUserFields)
        out.push(key)
    }
  }
  return out
}

/** One side effect a pending change will cause, told before saving. */
export interface PendingSideEffect {
  flag: FlagKey
  effect: FlagSideEffect
}

/** Side effects of the draft's flag changes, from the catalogue (onEnable / onDisable). */
export function pendingSideEffects(draft: FieldDraft, dirty: readonly FieldKey[]): PendingSideEffect[] {
  return FLAGS.flatMap((spec) => {
    if (!dirty.includes(spec.key))
      return []
    const effects: readonly FlagSideEffect[] = draft[spec.key] ? spec.onEnable : spec.onDisable
    return effects.map(effect => ({ flag: spec.key, effect }))
  })
}
