/**
 * crm.type.*, crm.item.* and crm.enum.ownertype on the model (docs/platform.md "Types"),
 * with the rights each method page gives ("Кто может выполнять метод").
 */
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import { errors } from './errors'
import { matchesFilter, page, sortRows } from './filter'
import { addItem, deleteItem, getItem, itemToWire, listItems } from './items'
import { ownerTypes } from './owner-types'
import { typeExists } from './state'
import { restTypeInput } from './type-input'
import { typeFieldsDescription, typeToWire } from './type-wire'
import { addType, deleteType, findType, findTypeByEntityTypeId, touchInitialized, updateType } from './types'
import { canReadType, isCrmAdmin } from './users'
import { isRecord, parseIntLoose } from './wire'

/** crm-type-list/fields/add/update/delete.md: "любой пользователь с административным доступом к разделу CRM". */
function requireCrmAdmin(userId: number): void {
  if (!isCrmAdmin(userId))
    throw errors.accessDenied()
}

function requireFields(params: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(params.fields))
    throw errors.missingParam('fields')
  return params.fields
}

export function crmMethods(ctx: ModelContext): Record<string, MethodHandler> {
  const full = (rec: Parameters<typeof typeToWire>[1]) => ({ type: typeToWire(ctx.state, rec, true) })
  /** crm-type-get.md: CRM admin or read permission on that type; not found (error 0) is answered first. */
  const readable = (rec: Parameters<typeof typeToWire>[1], userId: number) => {
    if (!canReadType(userId, rec.entityTypeId))
      throw errors.accessDenied()
    touchInitialized(rec)
    return { result: full(rec) }
  }
  /** crm-item-list.md, crm-item-get.md: read permission on the items' type. */
  const requireItemRead = (entityTypeId: unknown, userId: number, denied = errors.accessDenied) => {
    const id = parseIntLoose(entityTypeId)
    if (id !== undefined && typeExists(ctx.state, id) && !canReadType(userId, id))
      throw denied()
  }
  return {
    'crm.type.add': (p, call) => {
      requireCrmAdmin(call.userId)
      // The default pipeline is named in the caller's language (categories.ts).
      return { result: full(addType(ctx, call.userId, restTypeInput(requireFields(p)), call.lang)) }
    },
    'crm.type.update': (p, call) => {
      requireCrmAdmin(call.userId)
      return { result: full(updateType(ctx, call.userId, parseIntLoose(p.id) ?? -1, restTypeInput(requireFields(p)))) }
    },
    'crm.type.get': (p, call) => readable(findType(ctx, parseIntLoose(p.id)), call.userId),
    'crm.type.getByEntityTypeId': (p, call) => readable(findTypeByEntityTypeId(ctx, parseIntLoose(p.entityTypeId)), call.userId),
    'crm.type.list': (p, call) => {
      requireCrmAdmin(call.userId)
      const rows = ctx.state.types.map((t) => {
        const row = typeToWire(ctx.state, t, false)
        touchInitialized(t)
        return row
      })
      const filtered = rows.filter(r => matchesFilter(r, p.filter))
      const sorted = sortRows(filtered, p.order)
      const pg = page(sorted, p.start)
      return { result: { types: pg.rows }, total: pg.total, next: pg.next }
    },
    'crm.type.delete': (p, call) => {
      requireCrmAdmin(call.userId)
      deleteType(ctx, parseIntLoose(p.id) ?? -1)
      return { result: [] }
    },
    'crm.type.fields': (_p, call) => {
      requireCrmAdmin(call.userId)
      return { result: { fields: typeFieldsDescription() } }
    },

    'crm.item.list': (p, call) => {
      requireItemRead(p.entityTypeId, call.userId)
      return listItems(ctx, p)
    },
    'crm.item.add': (p, call) => ({ result: { item: itemToWire(addItem(ctx, call.userId, p.entityTypeId, requireFields(p))) } }),
    'crm.item.get': (p, call) => {
      requireItemRead(p.entityTypeId, call.userId, errors.itemReadDenied)
      return { result: { item: itemToWire(getItem(ctx, p.entityTypeId, p.id)) } }
    },
    'crm.item.delete': (p, call) => {
      deleteItem(ctx, p.entityTypeId, p.id, call.userId)
      return { result: [] }
    },

    // crm-enum-owner-type.md: any user; names in the caller's language.
    'crm.enum.ownertype': (_p, call) => ({ result: ownerTypes(ctx.state, call.lang) }),
  }
}
