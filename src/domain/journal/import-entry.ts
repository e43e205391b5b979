/**
 * An import's journal entries (issue 19 on issue 18): one per type the plan
 * creates or changes, grouped, from the target as read before the import to
 * the read after it. Pipelines and stages are not journaled field by field:
 * the entry says how many of those changes the plan held.
 */
import type { FieldValues } from '@/domain/settings-fields'
import type { TargetType, TypeOutcome } from '@/domain/setup/types'
import type { FieldChange, JournalEntry, TypeState } from './entry'
import { defaultFlags, defaultLinkedUserFields, FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { emptyRelationSet, normalizeRelations } from '@/domain/relations'
import { fieldChanges, linkChangesBetween } from './entry'

/** A target type as the journal's state (flags the read did not carry hold the defaults on both sides). */
export function targetState(t: TargetType): TypeState {
  const flags = { ...defaultFlags(), ...t.flags }
  const linked = { ...defaultLinkedUserFields(), ...t.linkedUserFields }
  const values = { title: t.title, code: t.code } as FieldValues
  for (const k of FLAG_KEYS)
    values[k] = flags[k]
  for (const k of LINKED_USER_FIELD_KEYS)
    values[k] = linked[k]
  return { values, relations: normalizeRelations(t.relations), updatedTime: null }
}

/**
 * The entry of one imported type: before (null for a type the import
 * created) → after (null when it was not found after: a create that failed),
 * with the outcome the read-back gave.
 */
export function importedEntry(pending: JournalEntry, before: TargetType | null, after: TargetType | null, outcome: TypeOutcome): JournalEntry {
  const was = before ? targetState(before) : null
  const now = after ? targetState(after) : null
  let fields: FieldChange[] = []
  if (now && was)
    fields = fieldChanges(was.values, now.values)
  else if (now)
    fields = [{ key: 'title', before: null, after: now.values.title }, ...(now.values.code ? [{ key: 'code' as const, before: null, after: now.values.code }] : [])]
  return {
    ...pending,
    type: after ? { id: after.id, entityTypeId: after.entityTypeId, title: after.title } : pending.type,
    fields,
    links: now ? linkChangesBetween(was?.relations ?? emptyRelationSet(), now.relations) : [],
    outcome: outcome.result === 'failed' ? 'failed' : outcome.result === 'partial' ? 'partial' : 'applied',
    missed: outcome.missed,
    error: outcome.error,
    state: now,
  }
}
