/** crm.type.*, crm.item.* and crm.enum.ownertype on the model (PLATFORM.md §1). */
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import { errors } from './errors'
import { matchesFilter, page, sortRows } from './filter'
import { addItem, deleteItem, getItem, itemToWire, listItems } from './items'
import { STANDARD_TYPES } from './state'
import { typeFieldsDescription, typeToWire } from './type-wire'
import { addType, deleteType, findType, findTypeByEntityTypeId, touchInitialized, updateType } from './types'
import { isAdmin } from './users'
import { isRecord, parseIntLoose } from './wire'

function requireAdmin(userId: number): void {
  if (!isAdmin(userId))
    throw errors.accessDenied()
}

function requireFields(params: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(params.fields))
    throw errors.missingParam('fields')
  return params.fields
}

export function crmMethods(ctx: ModelContext): Record<string, MethodHandler> {
  const full = (rec: Parameters<typeof typeToWire>[1]) => ({ type: typeToWire(ctx.state, rec, true) })
  return {
    'crm.type.add': (p, call) => {
      requireAdmin(call.userId)
      return { result: full(addType(ctx, call.userId, requireFields(p))) }
    },
    'crm.type.update': (p, call) => {
      requireAdmin(call.userId)
      return { result: full(updateType(ctx, call.userId, parseIntLoose(p.id) ?? -1, requireFields(p))) }
    },
    'crm.type.get': (p) => {
      const rec = findType(ctx, parseIntLoose(p.id))
      touchInitialized(rec)
      return { result: full(rec) }
    },
    'crm.type.getByEntityTypeId': (p) => {
      const rec = findTypeByEntityTypeId(ctx, parseIntLoose(p.entityTypeId))
      touchInitialized(rec)
      return { result: full(rec) }
    },
    'crm.type.list': (p) => {
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
      requireAdmin(call.userId)
      deleteType(ctx, parseIntLoose(p.id) ?? -1)
      return { result: [] }
    },
    'crm.type.fields': () => ({ result: { fields: typeFieldsDescription() } }),

    'crm.item.list': p => listItems(ctx, p),
    'crm.item.add': (p, call) => ({ result: { item: itemToWire(addItem(ctx, call.userId, p.entityTypeId, requireFields(p))) } }),
    'crm.item.get': p => ({ result: { item: itemToWire(getItem(ctx, p.entityTypeId, p.id)) } }),
    'crm.item.delete': (p) => {
      deleteItem(ctx, p.entityTypeId, p.id)
      return { result: [] }
    },

    // The names of CRM types, standard and smart processes (crm.enum.ownertype).
    'crm.enum.ownertype': () => ({
      result: [
        ...STANDARD_TYPES.map(t => ({ ID: t.entityTypeId, NAME: t.title, SYMBOL_CODE: t.symbol, SYMBOL_CODE_SHORT: t.short })),
        ...ctx.state.types.map(t => ({ ID: t.entityTypeId, NAME: t.title, SYMBOL_CODE: `DYNAMIC_${t.entityTypeId}`, SYMBOL_CODE_SHORT: `T${t.entityTypeId.toString(16)}` })),
      ],
    }),
  }
}
