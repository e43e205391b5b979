/**
 * Smart process types (crm.type.*) with the rules of docs/platform.md "Types" on input
 * already read from its gateway's wire (type-input.ts): ids,
 * entityTypeId ranges, flag defaults from the one flag catalogue, full
 * overwrite of relations and linkedUserFields, isClientEnabled side effect.
 */
import type { PortalLang } from '../contract'
import type { ModelContext } from './context'
import type { TypeRecord } from './state'
import type { TypeInput } from './type-input'
import { defaultFlags, defaultLinkedUserFields } from '../../src/domain/flags'
import { createDefaultCategory, deleteCategoriesOf } from './categories'
import { nextWriteTime } from './clock'
import { errors } from './errors'
import { emptyBin } from './recycle-bin'
import { overwriteRelations, syncClientRelations } from './relations'
import { checkTypeUpdate } from './type-rules'
import { parseIntLoose } from './wire'

/** The first auto-assigned entityTypeId; custom ones: 128–192 or an even number ≥ 1030 (seed 000). */
export const FIRST_AUTO_ENTITY_TYPE_ID = 1030

/** Whether a custom entityTypeId is in an allowed range (seed 000 "Known specifics"). */
export function isAllowedEntityTypeId(id: number): boolean {
  return (id >= 128 && id <= 192) || (id >= 1030 && id % 2 === 0)
}

function nextAutoEntityTypeId(ctx: ModelContext): number {
  const used = ctx.state.usedEntityTypeIds.filter(id => id >= FIRST_AUTO_ENTITY_TYPE_ID)
  return used.length === 0 ? FIRST_AUTO_ENTITY_TYPE_ID : Math.max(...used) + 2 - (Math.max(...used) % 2)
}

function applyFlags(rec: TypeRecord, input: TypeInput): void {
  Object.assign(rec.flags, input.flags)
}

function readTitle(input: TypeInput): string | undefined {
  return input.title === undefined ? undefined : String(input.title).trim()
}

/**
 * crm.type.add: validates, assigns ids, stores the type, its relations and its
 * default pipeline with its default stages, named in the caller's language
 * (categories.ts, stages.ts), whatever isCategoriesEnabled and isStagesEnabled say
 * (TypeTable::onAfterAdd → Factory::createDefaultCategoryIfNotExist).
 */
export function addType(ctx: ModelContext, userId: number, fields: TypeInput, lang: PortalLang = 'en'): TypeRecord {
  const { state } = ctx
  // crm-type-add.md: CREATE_DYNAMIC_TYPE_RESTRICTED when the plan forbids creating (fault switch).
  if (ctx.faults?.().planForbidsCreate)
    throw errors.maxTypes()
  const title = readTitle(fields)
  if (!title)
    throw errors.titleRequired()
  if (state.types.length >= ctx.maxTypes)
    throw errors.maxTypes()
  let entityTypeId: number
  if (fields.entityTypeId !== undefined && fields.entityTypeId !== null && fields.entityTypeId !== '') {
    const wanted = parseIntLoose(fields.entityTypeId)
    if (wanted === undefined || !isAllowedEntityTypeId(wanted))
      throw errors.outOfRange()
    if (state.usedEntityTypeIds.includes(wanted))
      throw errors.entityTypeIdTaken()
    entityTypeId = wanted
  }
  else {
    entityTypeId = nextAutoEntityTypeId(ctx)
  }
  const at = nextWriteTime(ctx.now(), null)
  const rec: TypeRecord = {
    id: state.nextTypeId++,
    entityTypeId,
    title,
    code: fields.code == null ? '' : String(fields.code),
    createdBy: userId,
    createdTime: at,
    updatedBy: userId,
    updatedTime: at,
    customSectionId: null,
    flags: defaultFlags(),
    linkedUserFields: fields.linkedUserFields ?? defaultLinkedUserFields(),
    isInitialized: false,
  }
  applyFlags(rec, fields)
  state.types.push(rec)
  state.usedEntityTypeIds.push(entityTypeId)
  createDefaultCategory(state, entityTypeId, lang)
  syncClientRelations(state, entityTypeId, rec.flags.isClientEnabled)
  if (fields.relations !== undefined)
    overwriteRelations(state, entityTypeId, fields.relations, ctx.dropRelationsTo())
  return rec
}

/**
 * crm.type.update: only the keys present change; relations and linkedUserFields
 * are replaced whole. Every check runs before the first write, so a refused
 * update leaves the type, its linkedUserFields and its relations as they were.
 */
export function updateType(ctx: ModelContext, userId: number, id: number, fields: TypeInput): TypeRecord {
  const rec = findType(ctx, id)
  // crm-type-update.md: UPDATE_DYNAMIC_TYPE_RESTRICTED when the plan forbids editing (fault switch); nothing is saved.
  if (ctx.faults?.().planForbidsUpdate)
    throw errors.updateRestricted()
  const title = readTitle(fields)
  if (title !== undefined && !title)
    throw errors.titleRequired()
  checkTypeUpdate(ctx.state, rec, fields)
  // Writes from here on: nothing below throws.
  if (title !== undefined)
    rec.title = title
  if (fields.code !== undefined)
    rec.code = fields.code === null ? '' : String(fields.code)
  applyFlags(rec, fields)
  if (fields.linkedUserFields !== undefined)
    rec.linkedUserFields = { ...fields.linkedUserFields }
  // Client links first, so a relations list sent in the same update sees them (predefined ones are kept).
  syncClientRelations(ctx.state, rec.entityTypeId, rec.flags.isClientEnabled)
  if (fields.relations !== undefined)
    overwriteRelations(ctx.state, rec.entityTypeId, fields.relations, ctx.dropRelationsTo())
  rec.updatedBy = userId
  rec.updatedTime = nextWriteTime(ctx.now(), rec.updatedTime)
  rec.isInitialized = true
  return rec
}

/** A type by its record id; error 0 "not found" otherwise. */
export function findType(ctx: ModelContext, id: number | undefined): TypeRecord {
  const rec = ctx.state.types.find(t => t.id === id)
  if (!rec)
    throw errors.typeNotFound()
  return rec
}

export function findTypeByEntityTypeId(ctx: ModelContext, entityTypeId: number | undefined): TypeRecord {
  const rec = ctx.state.types.find(t => t.entityTypeId === entityTypeId)
  if (!rec)
    throw errors.typeNotFound()
  return rec
}

/**
 * Any access after creation "generates the stages" (seed 000: isInitialized
 * turns true on the first access to the type).
 */
export function touchInitialized(rec: TypeRecord): void {
  rec.isInitialized = true
}

/**
 * crm.type.delete: refused while the type has items; the entityTypeId is never
 * reused; other types' relations to it stay (seed 004). Items in the recycle
 * bin do not count: TypeTable::onBeforeDelete asks Factory::getItemsCount(),
 * and moveToBin took them out of the items table. Its pipelines and their
 * stages go, and so do its bin entries, which could no longer be restored
 * (TypeTable::onAfterDelete: ItemCategoryTable::deleteByEntityTypeId,
 * DynamicController::eraseAll, StatusTable::deleteByEntityId per pipeline).
 */
export function deleteType(ctx: ModelContext, id: number): void {
  const rec = findType(ctx, id)
  if (ctx.state.items.some(i => i.entityTypeId === rec.entityTypeId))
    throw errors.hasItems()
  ctx.state.types = ctx.state.types.filter(t => t !== rec)
  deleteCategoriesOf(ctx.state, rec.entityTypeId)
  emptyBin(ctx.state, rec.entityTypeId)
  // Its own side of the edges goes with it; the edges are what the other types see, so they stay dangling.
}
