/**
 * The portal REST wire of the setup import (issue 18; docs/platform.md
 * "Pipelines and the recycle bin", "Stages", "Relations", "linkedUserFields"):
 * each SetupWrite as one REST command, the answers of creates, and the
 * stage rows of crm.status.list. Pure; rest-setup.ts does the I/O.
 */
import type { RestCall, RestParams } from './rest-client'
import type { SetupWrite, StageSemantics, TargetStage } from '@/domain/setup/types'
import type { RelationSide } from '@/domain/types'
import { toRestChanges, toRestNewType } from './rest-wire'
import { newTypeOf } from './setup-common'
import { isRecord, pick, readBool, readInt, readStringOrNull, yn } from './wire-common'

/** `DYNAMIC_<entityTypeId>_STAGE_<categoryId>`: a pipeline's stage dictionary (docs/platform.md "Stages"). */
export function stagesEntityId(entityTypeId: number, categoryId: number): string {
  return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`
}

/** `DT<entityTypeId>_<categoryId>:`, the prefix every stage code of that pipeline carries. */
export function stagePrefix(entityTypeId: number, categoryId: number): string {
  return `DT${entityTypeId}_${categoryId}:`
}

/** crm.status.list of one pipeline's stages, SORT ascending (crm-status-list.md). */
export function stagesCall(entityTypeId: number, categoryId: number): RestCall {
  return { method: 'crm.status.list', params: { order: { SORT: 'ASC' }, filter: { ENTITY_ID: stagesEntityId(entityTypeId, categoryId) } } }
}

/**
 * A stage code without its pipeline's prefix. Another prefix is cut at the
 * first `:` too, as the module's removePrefixFromStatusId does.
 */
export function stageCode(statusId: string, entityTypeId: number, categoryId: number): string {
  const prefix = stagePrefix(entityTypeId, categoryId)
  if (statusId.startsWith(prefix))
    return statusId.slice(prefix.length)
  const colon = statusId.indexOf(':')
  return colon < 0 ? statusId : statusId.slice(colon + 1)
}

/** SEMANTICS: `S` success, `F` failure; `null`, `""` and `P` (what the module stores) in progress (docs/platform.md "Where sources disagree"). */
export function readSemantics(v: unknown): StageSemantics {
  const s = readStringOrNull(v)?.trim().toUpperCase()
  return s === 'S' ? 'success' : s === 'F' ? 'failure' : 'process'
}

/**
 * crm.status.list rows of one pipeline → its stages, by SORT then ID. Rows
 * of another dictionary are left out (in case a portal ignored the filter);
 * rows without an ID or STATUS_ID are skipped.
 */
export function parseStageRows(raw: unknown, entityTypeId: number, categoryId: number): TargetStage[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : []
  const entityId = stagesEntityId(entityTypeId, categoryId)
  const out: TargetStage[] = []
  for (const row of rows) {
    if (!isRecord(row))
      continue
    const id = readInt(pick(row, 'ID'))
    const statusId = readStringOrNull(pick(row, 'STATUS_ID'))
    const rowEntity = readStringOrNull(pick(row, 'ENTITY_ID'))
    if (id === undefined || !statusId || (rowEntity !== null && rowEntity !== entityId))
      continue
    out.push({
      id,
      code: stageCode(statusId, entityTypeId, categoryId),
      name: readStringOrNull(pick(row, 'NAME')) ?? '',
      sort: readInt(pick(row, 'SORT')) ?? 0,
      semantics: readSemantics(pick(row, 'SEMANTICS')),
      color: readStringOrNull(pick(row, 'COLOR')) ?? '',
      system: readBool(pick(row, 'SYSTEM')) ?? false,
    })
  }
  return out.sort((a, b) => a.sort - b.sort || a.id - b.id)
}

/**
 * One SetupWrite as the REST command the docs give for it:
 * crm.type.add / update (the wire of rest-wire.ts: flags Y/N, relations and
 * linkedUserFields whole, "true"/"false"), crm.category.add / update /
 * delete, crm.status.add / update / delete.
 */
export function setupWriteCall(w: SetupWrite): RestCall {
  switch (w.kind) {
    case 'create_type':
      return { method: 'crm.type.add', params: { fields: toRestNewType(newTypeOf(w)) } }
    case 'update_type': {
      const fields = toRestChanges(w.changes)
      // Only the sides asked for: the portal keeps a side the write leaves out (crm/lib/controller/type.php
      // saveRelations, docs/platform.md "Relations"), so a link added meanwhile on the other side is never dropped.
      if (w.sides && isRecord(fields.relations)) {
        const kept = Object.entries(fields.relations).filter(([side]) => w.sides!.includes(side as RelationSide))
        if (kept.length > 0)
          fields.relations = Object.fromEntries(kept)
        else
          delete fields.relations
      }
      return { method: 'crm.type.update', params: { id: w.id, fields } }
    }
    case 'add_pipeline':
      return { method: 'crm.category.add', params: { entityTypeId: w.entityTypeId, fields: { name: w.name, sort: w.sort, isDefault: yn(w.isDefault) } } }
    case 'update_pipeline': {
      const fields: RestParams = { name: w.name, sort: w.sort }
      if (w.isDefault !== undefined)
        fields.isDefault = yn(w.isDefault)
      return { method: 'crm.category.update', params: { entityTypeId: w.entityTypeId, id: w.id, fields } }
    }
    case 'delete_pipeline':
      return { method: 'crm.category.delete', params: { entityTypeId: w.entityTypeId, id: w.id } }
    case 'add_stage': {
      // A bare STATUS_ID gets the pipeline's prefix; CATEGORY_ID is 0 unless sent;
      // in-progress stages send no SEMANTICS (crm-status-add.md, crm_status.php Add).
      const fields: RestParams = {
        ENTITY_ID: stagesEntityId(w.entityTypeId, w.categoryId),
        STATUS_ID: w.code,
        NAME: w.name,
        SORT: w.sort,
        COLOR: w.color,
        CATEGORY_ID: w.categoryId,
      }
      if (w.semantics !== 'process')
        fields.SEMANTICS = w.semantics === 'success' ? 'S' : 'F'
      return { method: 'crm.status.add', params: { fields } }
    }
    case 'update_stage':
      // Only NAME, SORT and COLOR can change (crm-status-update.md).
      return { method: 'crm.status.update', params: { id: w.id, fields: { NAME: w.name, SORT: w.sort, COLOR: w.color } } }
    case 'delete_stage':
      // Never FORCED: system stages are renamed, not deleted (crm-status-delete.md).
      return { method: 'crm.status.delete', params: { id: w.id } }
  }
}

/**
 * The new record's ids from a create's answer: crm.type.add `{type}`,
 * crm.category.add `{category}`, crm.status.add the bare ID. Nothing for
 * the other writes; null when a create's answer has no usable id.
 */
export function createdIds(w: SetupWrite, result: unknown): { id?: number, entityTypeId?: number } | null {
  switch (w.kind) {
    case 'create_type': {
      const rec = isRecord(result) && isRecord(pick(result, 'type')) ? pick(result, 'type') as Record<string, unknown> : result
      const id = isRecord(rec) ? readInt(pick(rec, 'id')) : undefined
      const entityTypeId = isRecord(rec) ? readInt(pick(rec, 'entityTypeId')) : undefined
      return id === undefined || entityTypeId === undefined ? null : { id, entityTypeId }
    }
    case 'add_pipeline': {
      const rec = isRecord(result) && isRecord(pick(result, 'category')) ? pick(result, 'category') as Record<string, unknown> : result
      const id = isRecord(rec) ? readInt(pick(rec, 'id')) : undefined
      return id === undefined ? null : { id }
    }
    case 'add_stage': {
      const id = readInt(result)
      return id === undefined ? null : { id }
    }
    default:
      return {}
  }
}

/**
 * Whether a command's params survive a batch: the SDK writes each command
 * as a PHP query string (qs), which drops empty arrays and objects. A
 * relation side sent empty (`child: []`, to clear it) would vanish there and
 * the portal would keep the old links (docs/platform.md "Relations": each
 * side only if present), so such a write goes alone, as JSON.
 */
export function survivesQueryString(value: unknown): boolean {
  if (Array.isArray(value))
    return value.length > 0 && value.every(survivesQueryString)
  if (isRecord(value)) {
    const entries = Object.values(value)
    return entries.length > 0 && entries.every(survivesQueryString)
  }
  return true
}
