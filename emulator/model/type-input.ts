/**
 * What crm.type.add/update take, parsed from each gateway's wire into one
 * shape the model applies (types.ts). The gateways differ (docs/platform.md "Types", "Flags";
 * seed 000), so each has its own reader:
 * - portal REST: the 14 settable flags; other keys ignored silently;
 *   linkedUserFields and isChildrenListEnabled on only for the string 'true';
 *   linkedUserFields count only with isUseInUserfieldEnabled = 'Y' in the same call.
 * - vibecode /v1: 17 flags as booleans; linkedUserFields and isChildrenListEnabled "Y"/"N".
 */
import type { FlagKey, Flags, LinkedUserFields } from '../../src/domain/flags'
import type { RelationInput } from './relations'
import { defaultLinkedUserFields, LINKED_USER_FIELD_KEYS, settableFlags } from '../../src/domain/flags'
import { parseRelationsInput } from './relations'
import { isRecord, parseBool } from './wire'

/** One add/update, as the model applies it. Absent members leave the type as it is. */
export interface TypeInput {
  title?: unknown
  code?: unknown
  entityTypeId?: unknown
  flags: Partial<Flags>
  /** Replaces all three keys (a missing key is off). */
  linkedUserFields?: LinkedUserFields
  /** Replaces the user-defined relations (predefined ones stay). */
  relations?: { parent?: RelationInput[], child?: RelationInput[] }
}

/** Reads title, code and entityTypeId, which both gateways send alike. */
function common(fields: Record<string, unknown>): Omit<TypeInput, 'flags'> {
  const input: Omit<TypeInput, 'flags'> = {}
  if (fields.title !== undefined)
    input.title = fields.title
  if (fields.code !== undefined)
    input.code = fields.code
  if (fields.entityTypeId !== undefined)
    input.entityTypeId = fields.entityTypeId
  return input
}

function readFlags(fields: Record<string, unknown>, keys: readonly FlagKey[], read: (v: unknown) => boolean): Partial<Flags> {
  const flags: Partial<Flags> = {}
  for (const key of keys) {
    if (fields[key] !== undefined)
      flags[key] = read(fields[key])
  }
  return flags
}

function readLinked(value: unknown, isOn: (v: unknown) => boolean): LinkedUserFields {
  const result = defaultLinkedUserFields()
  if (isRecord(value)) {
    // Only the three known keys; unknown ones are ignored (docs/platform.md "linkedUserFields").
    for (const key of LINKED_USER_FIELD_KEYS)
      result[key] = isOn(value[key])
  }
  return result
}

/** Exactly the string 'true' (crm-type-add.md linkedUserFields, docs/platform.md "linkedUserFields": 'Y' disables). */
const isStringTrue = (v: unknown) => v === 'true'

/**
 * crm.type.add/update `fields` over portal REST. Flags are cast as the ORM
 * casts booleans: Y/N, 1/0, true/false; any other value is false (docs/platform.md "Flags").
 */
export function restTypeInput(fields: Record<string, unknown>): TypeInput {
  const input: TypeInput = { ...common(fields), flags: readFlags(fields, settableFlags('rest'), v => parseBool(v) ?? false) }
  // crm-type-add.md, crm-type-update.md: "Данная настройка будет учитываться, только в случае
  // передачи isUseInUserfieldEnabled = 'Y'" — in the same call; without it the set is left alone.
  if (fields.linkedUserFields !== undefined && input.flags.isUseInUserfieldEnabled === true)
    input.linkedUserFields = readLinked(fields.linkedUserFields, isStringTrue)
  if (fields.relations !== undefined)
    input.relations = parseRelationsInput(fields.relations, isStringTrue, 'keep')
  return input
}

/** The vibecode gateway's body (seed 000): flags as booleans, linkedUserFields and relations "Y"/"N". */
export function vibecodeTypeInput(body: Record<string, unknown>, flagKeys: readonly FlagKey[]): TypeInput {
  const loose = (v: unknown) => parseBool(v) ?? false
  const input: TypeInput = { ...common(body), flags: readFlags(body, flagKeys, loose) }
  if (body.linkedUserFields !== undefined)
    input.linkedUserFields = readLinked(body.linkedUserFields, loose)
  if (body.relations !== undefined)
    input.relations = parseRelationsInput(body.relations, loose)
  return input
}
