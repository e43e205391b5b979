/**
 * The portal REST wire of crm.type.* (PLATFORM.md §1, §2): flags as "Y"/"N",
 * ids as numbers or numeric strings, relations' isChildrenListEnabled as
 * "true"/"false" going in and "Y"/"N" coming out. Pure; used by
 * rest-gateway.ts and the tests of anything that speaks REST.
 */
import type { LinkedUserFields } from '@/domain/flags'
import type { NewType, RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import { FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { isRecord, malformed, parseTypeRecord, pick, yn } from './wire-common'

/**
 * A type from a crm.type.get / add / update / list answer. Takes the type
 * record itself or the `{ type: {...} }` wrapper those methods return.
 * Throws AppError `malformed_response` when there is no usable record.
 */
export function parseRestType(raw: unknown): SmartProcessType {
  if (isRecord(raw) && isRecord(pick(raw, 'type')) && pick(raw, 'entityTypeId') === undefined)
    return parseTypeRecord(pick(raw, 'type'))
  return parseTypeRecord(raw)
}

/**
 * Rows of a crm.type.list answer: `{ types: [...] }` or the bare array.
 * Throws AppError `malformed_response` when neither.
 */
export function parseRestTypeList(raw: unknown): SmartProcessType[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? pick(raw, 'types') : undefined
  if (!Array.isArray(rows))
    malformed('type list is not an array')
  return rows.map(parseTypeRecord)
}

/**
 * Relations for crm.type.add/update: the whole set (full overwrite,
 * PLATFORM.md §1). The input takes isChildrenListEnabled as "true"/"false";
 * isPredefined is output only, and predefined links are sent as they are so
 * the set stays whole.
 */
export function toRestRelations(relations: RelationSet): Record<'parent' | 'child', { entityTypeId: number, isChildrenListEnabled: 'true' | 'false' }[]> {
  const side = (list: RelationSet['parent']) => list.map(r => ({
    entityTypeId: r.entityTypeId,
    isChildrenListEnabled: r.isChildrenListEnabled ? 'true' as const : 'false' as const,
  }))
  return { parent: side(relations.parent), child: side(relations.child) }
}

/** linkedUserFields for the wire: all three keys, "Y"/"N" (full overwrite, PLATFORM.md §1). */
export function toRestLinkedUserFields(fields: LinkedUserFields): Record<string, 'Y' | 'N'> {
  return Object.fromEntries(LINKED_USER_FIELD_KEYS.map(k => [k, yn(fields[k] ?? false)]))
}

function fieldsOf(input: TypeChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (input.title !== undefined)
    out.title = input.title
  if (input.code !== undefined)
    out.code = input.code ?? ''
  for (const key of FLAG_KEYS) {
    const v = input[key]
    if (v !== undefined)
      out[key] = yn(v)
  }
  if (input.relations !== undefined)
    out.relations = toRestRelations(input.relations)
  if (input.linkedUserFields !== undefined)
    out.linkedUserFields = toRestLinkedUserFields(input.linkedUserFields)
  return out
}

/** `fields` of crm.type.update: only the keys present in `changes`. */
export function toRestChanges(changes: TypeChanges): Record<string, unknown> {
  return fieldsOf(changes)
}

/** `fields` of crm.type.add. entityTypeId only when asked for (the portal assigns one otherwise). */
export function toRestNewType(input: NewType): Record<string, unknown> {
  const out = fieldsOf(input)
  if (input.entityTypeId !== undefined)
    out.entityTypeId = input.entityTypeId
  return out
}
