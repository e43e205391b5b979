/**
 * Pipelines (crm.category.*) of smart processes, as the crm module keeps
 * them (crm/lib/Model/ItemCategoryTable.php, crm/lib/controller/category.php):
 * one default pipeline per type, created with the type and present even
 * while isCategoriesEnabled is N; more may be added over REST in any case
 * (crm-category-add.md: "Если для имеющегося смарт-процесса отключен показ
 * направлений в интерфейсе, то работа с направлениями через rest все равно возможна").
 * Every new pipeline gets its default stages, whatever isStagesEnabled says
 * (ItemCategoryTable::onAfterAdd → Scenario\DefaultStages; stages.ts), and they go with it.
 */
import type { PortalLang } from '../contract'
import type { ModelContext } from './context'
import type { CategoryRecord, PortalState } from './state'
import { errors } from './errors'
import { allStages, createDefaultStages, deleteStagesOf, stagesEntityId } from './stages'
import { isRecord, parseIntLoose } from './wire'

/**
 * The default pipeline's name, stored in the language of whoever created the
 * type (ItemCategoryTable NAME default: CRM_TYPE_CATEGORY_DEFAULT_NAME,
 * crm/lang/{en,ru}/lib/Service/Localization.php).
 */
export const DEFAULT_CATEGORY_NAME: Record<PortalLang, string> = { en: 'New pipeline', ru: 'Общая' }

/** ItemCategoryTable SORT default; crm-category-add.md "По умолчанию имеет значение 500". */
const DEFAULT_SORT = 500

/** The portal's pipelines (an older data file has none yet). */
export function allCategories(state: PortalState): CategoryRecord[] {
  return (state.categories ??= [])
}

/** Stores a new pipeline and its default stages, named in `lang` (ItemCategoryTable::onAfterAdd). */
function insert(state: PortalState, c: Omit<CategoryRecord, 'id'>, lang: PortalLang): CategoryRecord {
  const rec: CategoryRecord = { id: state.nextCategoryId ?? 1, ...c }
  state.nextCategoryId = rec.id + 1
  allCategories(state).push(rec)
  createDefaultStages(state, rec.entityTypeId, rec.id, lang)
  return rec
}

/** Creates the default pipeline of a new type (Factory::createDefaultCategoryIfNotExist). */
export function createDefaultCategory(state: PortalState, entityTypeId: number, lang: PortalLang = 'en'): CategoryRecord {
  return insert(state, { entityTypeId, name: DEFAULT_CATEGORY_NAME[lang], sort: DEFAULT_SORT, isDefault: true }, lang)
}

/**
 * A data file written before stages (no `stages` key) gets the default stages for
 * each of its pipelines once, when the portal starts: on a real portal every pipeline
 * has them from its creation. Later, a dictionary left empty stays empty.
 */
export function ensureStages(state: PortalState): void {
  if (state.stages !== undefined)
    return
  allStages(state)
  for (const c of allCategories(state))
    createDefaultStages(state, c.entityTypeId, c.id)
}

/**
 * A type's pipelines in the order crm.category.list gives them (ORDER BY SORT,
 * ItemCategoryTable::getItemCategoriesByEntityTypeId). A type loaded from an
 * older data file gets its default one here, as the module creates it on demand.
 */
export function categoriesOf(state: PortalState, entityTypeId: number): CategoryRecord[] {
  let own = allCategories(state).filter(c => c.entityTypeId === entityTypeId)
  if (own.length === 0 && state.types.some(t => t.entityTypeId === entityTypeId))
    own = [createDefaultCategory(state, entityTypeId)]
  return [...own].sort((a, b) => a.sort - b.sort || a.id - b.id)
}

export function defaultCategoryOf(state: PortalState, entityTypeId: number): CategoryRecord | undefined {
  const own = categoriesOf(state, entityTypeId)
  return own.find(c => c.isDefault) ?? own[0]
}

/** A pipeline of the type, or NOT_FOUND "Элемент не найден" (crm-category-get.md, ErrorCode::getNotFoundError). */
export function findCategory(state: PortalState, entityTypeId: number, id: unknown): CategoryRecord {
  const wanted = parseIntLoose(id)
  const rec = categoriesOf(state, entityTypeId).find(c => c.id === wanted)
  if (!rec)
    throw errors.itemNotFound()
  return rec
}

/** The `category` object for a smart process (crm-category-add.md answer; originId/originatorId exist only for deals). */
export function categoryToWire(c: CategoryRecord): Record<string, unknown> {
  return { id: c.id, name: c.name, sort: c.sort, entityTypeId: c.entityTypeId, isDefault: c.isDefault ? 'Y' : 'N' }
}

/**
 * name, sort and isDefault as Category controller processFields reads them:
 * a negative sort is ignored; isDefault Y takes the flag from the old default.
 * A default pipeline cannot be made non-default (crm-category-add.md, isDefault row), so N on it is ignored.
 */
function applyFields(state: PortalState, rec: CategoryRecord, fields: Record<string, unknown>): void {
  if (fields.name !== undefined && fields.name !== null)
    rec.name = String(fields.name)
  const sort = parseIntLoose(fields.sort)
  if (sort !== undefined && sort >= 0)
    rec.sort = sort
  const isDefault = fields.isDefault
  if (isDefault === 'Y' || isDefault === true) {
    for (const c of allCategories(state).filter(c => c.entityTypeId === rec.entityTypeId))
      c.isDefault = false
    rec.isDefault = true
  }
}

/** crm-category-add.md "name": not empty, not only spaces, at most 255 characters; else 0 "Field 'NAME' is required". */
function requireName(name: string): void {
  if (name.trim() === '' || name.length > 255)
    throw errors.categoryNameRequired()
}

function readFields(value: unknown): Record<string, unknown> {
  if (!isRecord(value))
    throw errors.missingParam('fields')
  return value
}

/** crm.category.add: a new, non-default pipeline unless `isDefault: 'Y'`, with its default stages in the caller's language. */
export function addCategory(ctx: ModelContext, entityTypeId: number, input: unknown, lang: PortalLang = 'en'): CategoryRecord {
  const fields = readFields(input)
  const name = fields.name === undefined || fields.name === null ? '' : String(fields.name)
  requireName(name)
  categoriesOf(ctx.state, entityTypeId)
  const rec = insert(ctx.state, { entityTypeId, name, sort: DEFAULT_SORT, isDefault: false }, lang)
  applyFields(ctx.state, rec, fields)
  return rec
}

/** crm.category.update: only the fields present change. */
export function updateCategory(ctx: ModelContext, entityTypeId: number, id: unknown, input: unknown): CategoryRecord {
  const rec = findCategory(ctx.state, entityTypeId, id)
  const fields = readFields(input)
  if (fields.name !== undefined)
    requireName(String(fields.name ?? ''))
  applyFields(ctx.state, rec, fields)
  return rec
}

/**
 * crm.category.delete: never the default pipeline (crm-category-delete.md; the
 * module refuses it only while the type has items, the docs always: we follow
 * the docs), nor one that holds items (ItemCategoryTable::onBeforeDelete).
 * Its stages go with it, system ones included (the same onBeforeDelete deletes each).
 */
export function deleteCategory(ctx: ModelContext, entityTypeId: number, id: unknown): void {
  const rec = findCategory(ctx.state, entityTypeId, id)
  if (rec.isDefault)
    throw errors.categoryDeleteDefault()
  const fallback = defaultCategoryOf(ctx.state, entityTypeId)?.id
  if (ctx.state.items.some(i => i.entityTypeId === entityTypeId && (i.categoryId ?? fallback) === rec.id))
    throw errors.categoryDeleteItems()
  deleteStagesOf(ctx.state, stagesEntityId(entityTypeId, rec.id))
  ctx.state.categories = allCategories(ctx.state).filter(c => c !== rec)
}

/** Drops a deleted type's pipelines and their stages (TypeTable::onAfterDelete: StatusTable::deleteByEntityId per pipeline, ItemCategoryTable::deleteByEntityTypeId). */
export function deleteCategoriesOf(state: PortalState, entityTypeId: number): void {
  for (const c of allCategories(state).filter(c => c.entityTypeId === entityTypeId))
    deleteStagesOf(state, stagesEntityId(entityTypeId, c.id))
  state.categories = allCategories(state).filter(c => c.entityTypeId !== entityTypeId)
}
