/** A type record as crm.type.get / crm.type.list print it (Y/N flags, portal-time dates). */
import type { FlagKey } from '../../src/domain/flags'
import type { RelationSet } from '../../src/domain/types'
import type { PortalState, TypeRecord } from './state'
import { LINKED_USER_FIELD_KEYS, readableFlags, settableFlags } from '../../src/domain/flags'
import { formatPortalTime } from './clock'
import { relationsOf } from './relations'
import { yn } from './wire'

/** Relations with Y/N values (crm-type-get.md). */
export function relationsToWire(set: RelationSet) {
  const side = (rs: RelationSet['parent']) => rs.map(r => ({
    entityTypeId: r.entityTypeId,
    isChildrenListEnabled: yn(r.isChildrenListEnabled),
    isPredefined: yn(r.isPredefined),
  }))
  return { parent: side(set.parent), child: side(set.child) }
}

/**
 * The wire row of a type. `full` adds relations, linkedUserFields and
 * customSections (crm.type.get); list rows omit them (docs/platform.md "linkedUserFields").
 * Flags: the 14 settable plus the system fields isPaymentsEnabled and
 * isCountersEnabled (api-reference/crm/data-types.md); isRecurringEnabled is absent.
 */
export function typeToWire(state: PortalState, rec: TypeRecord, full: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: rec.id,
    title: rec.title,
    code: rec.code,
    createdBy: rec.createdBy,
    entityTypeId: rec.entityTypeId,
    customSectionId: rec.customSectionId,
  }
  for (const key of readableFlags('rest'))
    row[key] = yn(rec.flags[key])
  row.isInitialized = yn(rec.isInitialized)
  row.createdTime = formatPortalTime(rec.createdTime)
  row.updatedTime = formatPortalTime(rec.updatedTime)
  row.updatedBy = rec.updatedBy
  if (full) {
    row.relations = relationsToWire(relationsOf(state, rec.entityTypeId))
    row.linkedUserFields = Object.fromEntries(LINKED_USER_FIELD_KEYS.map(k => [k, yn(rec.linkedUserFields[k])]))
    row.customSections = []
  }
  return row
}

/**
 * crm.type.fields: the description of every settable field; its flags are
 * the 14 the add/update tables list (crm-type-fields.md). The vibecode
 * gateway passes its own 17.
 */
export function typeFieldsDescription(flags: readonly FlagKey[] = settableFlags('rest')): Record<string, unknown> {
  const f = (type: string, title: string, extra: Record<string, unknown> = {}) => ({
    type, isRequired: false, isReadOnly: false, isImmutable: false, isMultiple: false, isDynamic: false, title, ...extra,
  })
  const fields: Record<string, unknown> = {
    id: f('integer', 'ID', { isReadOnly: true }),
    title: f('string', 'Title', { isRequired: true }),
    code: f('string', 'Code'),
    createdBy: f('user', 'Created by', { isReadOnly: true }),
    entityTypeId: f('integer', 'Entity type ID', { isImmutable: true }),
    customSectionId: f('integer', 'Digital workplace'),
    createdTime: f('datetime', 'Created on', { isReadOnly: true }),
    updatedTime: f('datetime', 'Modified on', { isReadOnly: true }),
    updatedBy: f('user', 'Modified by', { isReadOnly: true }),
  }
  for (const key of flags)
    fields[key] = f('boolean', key)
  return fields
}
