/**
 * crm.category.* on the model for smart processes (categories.ts), with the
 * rights of each method page ("Кто может выполнять метод") and the order of
 * checks in crm/lib/controller/category.php: the type first, then the
 * pipeline, then the right.
 */
import type { CallContext } from '../contract'
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import { addCategory, categoriesOf, categoryToWire, deleteCategory, findCategory, updateCategory } from './categories'
import { errors } from './errors'
import { STANDARD_TYPES } from './state'
import { canReadType, isCrmAdmin } from './users'
import { parseIntLoose } from './wire'

/** crm-category-fields.md, for a smart process (isDefault may change there, crm-category-add.md). */
function fieldsDescription(): Record<string, unknown> {
  const field = (type: string, upperName: string, isReadOnly: boolean, isRequired = false) =>
    ({ type, isRequired, isReadOnly, isImmutable: false, isMultiple: false, isDynamic: false, title: upperName, upperName })
  return {
    id: field('integer', 'ID', true),
    name: field('string', 'NAME', false),
    sort: field('integer', 'SORT', false),
    entityTypeId: field('integer', 'ENTITY_TYPE_ID', true, true),
    isDefault: field('boolean', 'IS_DEFAULT', false),
  }
}

export function categoryMethods(ctx: ModelContext): Record<string, MethodHandler> {
  /**
   * The smart process the call is about. Unknown: NOT_FOUND (crm-category-*.md).
   * Standard types: their pipelines are not modelled here, so they answer
   * ENTITY_TYPE_NOT_SUPPORTED (true on a portal for leads only).
   */
  const smartProcess = (raw: unknown): number => {
    const id = parseIntLoose(raw)
    const standard = STANDARD_TYPES.find(t => t.entityTypeId === id)
    if (standard)
      throw errors.categoryNotSupported(standard.symbol)
    if (id === undefined || !ctx.state.types.some(t => t.entityTypeId === id))
      throw errors.categoryTypeNotFound()
    return id
  }
  /** crm-category-add/update/delete.md: "любой пользователь с административным доступом к разделу CRM". */
  const requireCrmAdmin = (call: CallContext) => {
    if (!isCrmAdmin(call.userId))
      throw errors.accessDenied()
  }
  return {
    // crm-category-list.md: any user; the list is filtered by read permission, `total` counts what is shown.
    'crm.category.list': (p, call) => {
      const entityTypeId = smartProcess(p.entityTypeId)
      const rows = canReadType(call.userId, entityTypeId) ? categoriesOf(ctx.state, entityTypeId).map(categoryToWire) : []
      return { result: { categories: rows }, total: rows.length }
    },
    // crm-category-get.md: read permission on the pipeline; NOT_FOUND first, then ACCESS_DENIED.
    'crm.category.get': (p, call) => {
      const entityTypeId = smartProcess(p.entityTypeId)
      const rec = findCategory(ctx.state, entityTypeId, p.id)
      if (!canReadType(call.userId, entityTypeId))
        throw errors.accessDenied()
      return { result: { category: categoryToWire(rec) } }
    },
    // The new pipeline's default stages are named in the caller's language (stages.ts).
    'crm.category.add': (p, call) => {
      const entityTypeId = smartProcess(p.entityTypeId)
      requireCrmAdmin(call)
      return { result: { category: categoryToWire(addCategory(ctx, entityTypeId, p.fields, call.lang)) } }
    },
    'crm.category.update': (p, call) => {
      const entityTypeId = smartProcess(p.entityTypeId)
      findCategory(ctx.state, entityTypeId, p.id)
      requireCrmAdmin(call)
      return { result: { category: categoryToWire(updateCategory(ctx, entityTypeId, p.id, p.fields)) } }
    },
    // crm-category-delete.md: answers `result: null`.
    'crm.category.delete': (p, call) => {
      const entityTypeId = smartProcess(p.entityTypeId)
      findCategory(ctx.state, entityTypeId, p.id)
      requireCrmAdmin(call)
      deleteCategory(ctx, entityTypeId, p.id)
      return { result: null }
    },
    // crm-category-fields.md: any user.
    'crm.category.fields': (p) => {
      smartProcess(p.entityTypeId)
      return { result: { fields: fieldsDescription() } }
    },
  }
}
