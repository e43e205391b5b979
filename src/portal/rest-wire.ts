/**
 * The portal REST wire of crm.type.* (docs/platform.md "Flags", "Frame"): flags as "Y"/"N",
 * ids as numbers or numeric strings, relations' isChildrenListEnabled as
 * "true"/"false" going in and "Y"/"N" coming out. Pure; used by
 * rest-gateway.ts and the tests of anything that speaks REST.
 */
import type { NewType, RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import type { OutgoingSpelling } from './wire-common'
import { isRecord, malformed, newTypeToWire, parseTypeRecord, pick, typeChangesToWire, yn } from './wire-common'

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

/** "true"/"false": linkedUserFields and isChildrenListEnabled take no Y/N (docs/platform.md "linkedUserFields"). */
function trueFalse(b: boolean): 'true' | 'false' {
  return b ? 'true' : 'false'
}

/**
 * Relations for crm.type.add/update: the whole set (full overwrite,
 * docs/platform.md "Relations"). The input takes isChildrenListEnabled as "true"/"false";
 * isPredefined is output only, and predefined links are sent as they are so
 * the set stays whole.
 */
function toRestRelations(relations: RelationSet): Record<'parent' | 'child', { entityTypeId: number, isChildrenListEnabled: 'true' | 'false' }[]> {
  const side = (list: RelationSet['parent']) => list.map(r => ({
    entityTypeId: r.entityTypeId,
    isChildrenListEnabled: trueFalse(r.isChildrenListEnabled),
  }))
  return { parent: side(relations.parent), child: side(relations.child) }
}

const REST: OutgoingSpelling = { kind: 'rest', flag: yn, relations: toRestRelations, linkedField: trueFalse }

/** `fields` of crm.type.update: only the keys present in `changes`. */
export function toRestChanges(changes: TypeChanges): Record<string, unknown> {
  return typeChangesToWire(changes, REST)
}

/** `fields` of crm.type.add. entityTypeId only when asked for (the portal assigns one otherwise). */
export function toRestNewType(input: NewType): Record<string, unknown> {
  return newTypeToWire(input, REST)
}
