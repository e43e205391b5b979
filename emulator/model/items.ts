/**
 * CRM items (crm.item.*), enough for counts, `parentId{N}` links and demo
 * data: list (select, filter, order, paging 50), add, get, delete (into the
 * recycle bin when the type has it on).
 */
import type { ModelContext } from './context'
import type { ItemRecord } from './state'
import { categoriesOf, defaultCategoryOf } from './categories'
import { formatPortalTime, nextWriteTime } from './clock'
import { errors } from './errors'
import { matchesFilter, page, sortRows } from './filter'
import { removeItem } from './recycle-bin'
import { typeExists } from './state'
import { isRecord, listValues, parseIntLoose } from './wire'

function requireType(ctx: ModelContext, entityTypeId: unknown): number {
  const id = parseIntLoose(entityTypeId)
  if (id === undefined || !typeExists(ctx.state, id))
    throw errors.itemTypeNotFound()
  return id
}

/** The wire row of an item (camelCase, as crm.item.* print them). */
export function itemToWire(item: ItemRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: item.id,
    title: item.title,
    createdBy: item.createdBy,
    updatedBy: item.createdBy,
    createdTime: formatPortalTime(item.createdTime),
    updatedTime: formatPortalTime(item.updatedTime),
    entityTypeId: item.entityTypeId,
    assignedById: item.createdBy,
  }
  // Smart process items carry their pipeline (crm-item-get.md answer: categoryId).
  if (item.categoryId !== undefined)
    row.categoryId = item.categoryId
  for (const [n, id] of Object.entries(item.parents))
    row[`parentId${n}`] = id
  return row
}

function selectFields(row: Record<string, unknown>, select: unknown): Record<string, unknown> {
  const wanted = listValues(select).map(String)
  if (wanted.length === 0 || wanted.includes('*'))
    return row
  const out: Record<string, unknown> = {}
  for (const key of wanted) {
    const k = Object.keys(row).find(r => r.toLowerCase() === key.toLowerCase())
    if (k)
      out[k] = row[k]
  }
  // The portal always returns id.
  return { id: row.id, ...out }
}

/** crm.item.list → `{items}` plus total/next. */
export function listItems(ctx: ModelContext, params: Record<string, unknown>) {
  const entityTypeId = requireType(ctx, params.entityTypeId)
  const rows = ctx.state.items.filter(i => i.entityTypeId === entityTypeId).map(itemToWire)
  const filtered = rows.filter(r => matchesFilter(r, params.filter))
  const sorted = sortRows(filtered, params.order)
  const p = page(sorted, params.start)
  return { result: { items: p.rows.map(r => selectFields(r, params.select)) }, total: p.total, next: p.next }
}

/** Adds an item; `fields.parentId{N}` link it to an item of type N. */
export function addItem(ctx: ModelContext, userId: number, entityTypeId: unknown, fields: unknown): ItemRecord {
  const typeId = requireType(ctx, entityTypeId)
  const f = isRecord(fields) ? fields : {}
  const key = String(typeId)
  const id = ctx.state.nextItemIds[key] ?? 1
  ctx.state.nextItemIds[key] = id + 1
  const at = nextWriteTime(ctx.now(), null)
  const parents: Record<string, number> = {}
  for (const [k, v] of Object.entries(f)) {
    const m = /^parentId(\d+)$/i.exec(k)
    const pid = parseIntLoose(v)
    if (m && pid !== undefined && pid > 0)
      parents[m[1]!] = pid
  }
  const item: ItemRecord = {
    id,
    entityTypeId: typeId,
    title: f.title ? String(f.title) : `Item #${id}`,
    createdBy: userId,
    createdTime: at,
    updatedTime: at,
    parents,
  }
  // A smart process item sits in a pipeline: the one asked for if the type has it, else the default one.
  if (ctx.state.types.some(t => t.entityTypeId === typeId)) {
    const wanted = parseIntLoose(f.categoryId)
    item.categoryId = categoriesOf(ctx.state, typeId).find(c => c.id === wanted)?.id ?? defaultCategoryOf(ctx.state, typeId)?.id
  }
  ctx.state.items.push(item)
  return item
}

export function getItem(ctx: ModelContext, entityTypeId: unknown, id: unknown): ItemRecord {
  const typeId = requireType(ctx, entityTypeId)
  const itemId = parseIntLoose(id)
  const item = ctx.state.items.find(i => i.entityTypeId === typeId && i.id === itemId)
  if (!item)
    throw errors.itemNotFound()
  return item
}

/** crm.item.delete: into the recycle bin when the type has it on, else gone (recycle-bin.ts). */
export function deleteItem(ctx: ModelContext, entityTypeId: unknown, id: unknown, userId = 1): void {
  removeItem(ctx, getItem(ctx, entityTypeId, id), userId)
}

/** How many items a type has (the /v1 aggregate and the delete rule). */
export function countItems(ctx: ModelContext, entityTypeId: number): number {
  return ctx.state.items.filter(i => i.entityTypeId === entityTypeId).length
}
