/**
 * Reading the wire defensively, shared by the REST and vibecode mappings.
 * Portal REST says "Y"/"N" and sends numbers as strings; the vibecode gateway
 * says true/false (docs/platform.md "Flags", "Vibecode gateway"). Inside the app everything is boolean
 * and number, so the conversion lives here and nowhere else.
 */
import type { FlagKey, GatewayKind, LinkedUserFields } from '@/domain/flags'
import type { NewType, Relation, RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import { AppError } from '@/domain/errors'
import { defaultFlags, defaultLinkedUserFields, FLAGS, LINKED_USER_FIELD_KEYS, settableFlags } from '@/domain/flags'

/** A plain JSON object. */
export type WireRecord = Record<string, unknown>

export function isRecord(v: unknown): v is WireRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Throws the one error a garbled answer becomes. */
export function malformed(detail: string): never {
  throw new AppError({ code: 'malformed_response', detail, retryable: false })
}

/**
 * A boolean from any of the spellings the wire uses: true/false, "Y"/"N",
 * "true"/"false", 1/0, "1"/"0" (any case). `undefined` when it is none of them.
 */
export function readBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean')
    return v
  if (typeof v === 'number')
    return v === 1 ? true : v === 0 ? false : undefined
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase()
    if (s === 'y' || s === 'true' || s === '1')
      return true
    if (s === 'n' || s === 'false' || s === '0' || s === '')
      return false
  }
  return undefined
}

/** An integer from a number or a numeric string (REST sends ids as "1030"); `undefined` otherwise. */
export function readInt(v: unknown): number | undefined {
  if (typeof v === 'number')
    return Number.isInteger(v) ? v : undefined
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v))
    return Number.parseInt(v, 10)
  return undefined
}

/** A string, or null for null/absent; numbers become their text. */
export function readStringOrNull(v: unknown): string | null {
  if (typeof v === 'string')
    return v
  if (typeof v === 'number')
    return String(v)
  return null
}

/** Boolean to the portal's "Y"/"N". */
export function yn(b: boolean): 'Y' | 'N' {
  return b ? 'Y' : 'N'
}

/** Reads a key whatever its case (`ID`, `id`, `Id`): the portal is not consistent. */
export function pick(obj: WireRecord, key: string): unknown {
  if (key in obj)
    return obj[key]
  const lower = key.toLowerCase()
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower)
      return obj[k]
  }
  return undefined
}

function parseRelation(raw: unknown): Relation | null {
  if (!isRecord(raw))
    return null
  const entityTypeId = readInt(pick(raw, 'entityTypeId'))
  if (entityTypeId === undefined)
    return null
  return {
    entityTypeId,
    isChildrenListEnabled: readBool(pick(raw, 'isChildrenListEnabled')) ?? false,
    isPredefined: readBool(pick(raw, 'isPredefined')) ?? false,
  }
}

function parseRelationList(raw: unknown): Relation[] {
  // An empty PHP array arrives as [] or {}; a keyed object is read by its values.
  const items = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : []
  const out: Relation[] = []
  for (const item of items) {
    const r = parseRelation(item)
    if (r)
      out.push(r)
  }
  return out
}

/** `relations` from the wire; rows without a usable entityTypeId are skipped. */
export function parseRelationSet(raw: unknown): RelationSet {
  if (!isRecord(raw))
    return { parent: [], child: [] }
  return { parent: parseRelationList(pick(raw, 'parent')), child: parseRelationList(pick(raw, 'child')) }
}

/** `linkedUserFields` from the wire: the three known keys, absent ones off, unknown ones ignored. */
export function parseLinkedUserFields(raw: unknown): LinkedUserFields {
  const out = defaultLinkedUserFields()
  if (!isRecord(raw))
    return out
  for (const key of LINKED_USER_FIELD_KEYS)
    out[key] = readBool(raw[key]) ?? false
  return out
}

/**
 * A type record from either wire (booleans or Y/N). Needs `id` and
 * `entityTypeId`; anything else missing gets a neutral value (flags: the
 * catalogue default). Relations and linkedUserFields are set only when the
 * record carries them (list rows omit them, docs/platform.md "linkedUserFields").
 */
export function parseTypeRecord(raw: unknown): SmartProcessType {
  if (!isRecord(raw))
    malformed('type record is not an object')
  const id = readInt(pick(raw, 'id'))
  const entityTypeId = readInt(pick(raw, 'entityTypeId'))
  if (id === undefined || entityTypeId === undefined)
    malformed('type record without id or entityTypeId')
  const flags = defaultFlags()
  const carriedFlags: FlagKey[] = []
  for (const f of FLAGS) {
    const v = readBool(raw[f.key])
    if (v !== undefined) {
      flags[f.key] = v
      carriedFlags.push(f.key)
    }
  }
  const type: SmartProcessType = {
    ...flags,
    id,
    entityTypeId,
    title: readStringOrNull(pick(raw, 'title')) ?? '',
    code: readStringOrNull(pick(raw, 'code')),
    isInitialized: readBool(raw.isInitialized) ?? false,
    createdBy: readInt(raw.createdBy) ?? null,
    updatedBy: readInt(raw.updatedBy) ?? null,
    createdTime: readStringOrNull(raw.createdTime),
    updatedTime: readStringOrNull(raw.updatedTime),
    customSectionId: readInt(raw.customSectionId) ?? null,
    carriedFlags,
  }
  if (raw.relations !== undefined && raw.relations !== null)
    type.relations = parseRelationSet(raw.relations)
  if (raw.linkedUserFields !== undefined && raw.linkedUserFields !== null)
    type.linkedUserFields = parseLinkedUserFields(raw.linkedUserFields)
  return type
}

/**
 * How a wire spells what goes out (docs/platform.md "Flags",
 * "linkedUserFields", "Relations"): REST says "Y"/"N" for flags and
 * "true"/"false" for isChildrenListEnabled and linkedUserFields; vibecode
 * takes JSON booleans for flags and "Y"/"N" in relations and linked fields
 * (seed 000).
 */
export interface OutgoingSpelling {
  /** Which gateway: only the flags it takes are sent. */
  kind: GatewayKind
  flag: (value: boolean) => unknown
  relations: (set: RelationSet) => unknown
  linkedField: (value: boolean) => unknown
}

/**
 * The fields of an update on either wire: only the keys present in
 * `changes`, and of the flags only those the gateway takes (a system flag
 * is never written). Relations and linkedUserFields are full overwrites on
 * both (docs/platform.md "Relations", seed 001): always the whole set, all
 * three keys. linkedUserFields count only with isUseInUserfieldEnabled on in
 * the same call, so it goes with them.
 */
export function typeChangesToWire(changes: TypeChanges, spell: OutgoingSpelling): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (changes.title !== undefined)
    out.title = changes.title
  if (changes.code !== undefined)
    out.code = changes.code ?? ''
  for (const key of settableFlags(spell.kind)) {
    const v = changes[key]
    if (v !== undefined)
      out[key] = spell.flag(v)
  }
  if (changes.relations !== undefined)
    out.relations = spell.relations(changes.relations)
  if (changes.linkedUserFields !== undefined && changes.isUseInUserfieldEnabled !== false) {
    const fields = changes.linkedUserFields
    out.linkedUserFields = Object.fromEntries(LINKED_USER_FIELD_KEYS.map(k => [k, spell.linkedField(fields[k] ?? false)]))
    out.isUseInUserfieldEnabled = spell.flag(true)
  }
  return out
}

/** The fields of a create on either wire; entityTypeId only when asked for (the portal assigns one otherwise). */
export function newTypeToWire(input: NewType, spell: OutgoingSpelling): Record<string, unknown> {
  const out = typeChangesToWire(input, spell)
  if (input.entityTypeId !== undefined)
    out.entityTypeId = input.entityTypeId
  return out
}
