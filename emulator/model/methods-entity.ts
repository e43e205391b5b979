/**
 * entity.*, entity.item.* and entity.item.property.* (scope entity,
 * api-reference/entity/), with the order of checks of the rest module
 * (rest/classes/general/rest_entity.php): parameters, then the storage, then
 * the right, then the item or property. entity.section.* is not modelled.
 *
 * "Кто может выполнять метод": entity.add, entity.get, entity.item.get,
 * entity.item.property.get and reading entity.rights: any user; entity.item.add /
 * update / delete: W or X; entity.update, entity.delete, changing entity.rights and
 * entity.item.property.add / update / delete: X. Refusals are the module's
 * AccessException: 403 ACCESS_DENIED "Access denied!".
 *
 * The docs also list ACCESS_DENIED "Access denied! Application context required"
 * for calls without an app (webhooks): the emulator's webhooks act as the app, so
 * it is not modelled.
 */
import type { CallContext } from '../contract'
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import type { EntityRight, EntityStorageRecord } from './state'
import {
  addEntityItem,
  addProperty,
  addStorage,
  allStorages,
  checkPropertyCode,
  cleanCode,
  deleteProperty,
  deleteStorage,
  ENTITY_PAGE_SIZE,
  entityCode,
  findProperty,
  findStorage,
  hasRight,
  itemToWire,
  propertiesOf,
  propertyToWire,
  propertyType,
  readAccess,
  rightOf,
  storageToWire,
  updateEntityItem,
} from './entity'
import { matchesFilter, sortItems } from './entity-filter'
import { errors } from './errors'
import { isRecord, parseIntLoose } from './wire'

/** checkParams: the module reads parameter names in upper case. */
function upper(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k.toUpperCase(), v]))
}

/** ID of entity.item.update / delete: intval, `<= 0` → "Argument 'ID' is null or empty". */
function itemId(value: unknown): number {
  const id = parseIntLoose(value) ?? 0
  if (id <= 0)
    throw errors.entityArgumentNull('ID')
  return id
}

export function entityMethods(ctx: ModelContext): Record<string, MethodHandler> {
  const require = (s: EntityStorageRecord, call: CallContext, level: EntityRight) => {
    if (!hasRight(s, call.userId, level))
      throw errors.placementAccessDenied()
  }
  const storage = (p: Record<string, unknown>, call: CallContext) => findStorage(ctx.state, entityCode(p.ENTITY), call.userId)
  const findItem = (s: EntityStorageRecord, id: number) => {
    const item = s.items.find(i => i.id === id)
    if (!item)
      throw errors.entityItemNotFound()
    return item
  }

  return {
    // entity-add.md: any user; the caller gets X (U<id>). The docs star NAME and give no error for a missing one; the iblock refuses an empty name.
    'entity.add': (raw, call) => {
      const p = upper(raw)
      const entity = entityCode(p.ENTITY)
      const name = p.NAME === undefined || p.NAME === null ? '' : String(p.NAME)
      if (allStorages(ctx.state).some(s => s.entity === entity))
        throw errors.entityExists()
      if (name.trim() === '')
        throw errors.entityArgumentNull('NAME')
      addStorage(ctx.state, entity, name, p.ACCESS, call.userId)
      return { result: true }
    },
    // entity-get.md: one storage, or the list of the app's storages (only those the caller may read, as CIBlock::GetList shows them).
    'entity.get': (raw, call) => {
      const p = upper(raw)
      if (p.ENTITY !== undefined)
        return { result: storageToWire(storage(p, call)) }
      return { result: allStorages(ctx.state).filter(s => rightOf(s, call.userId) !== null).map(storageToWire) }
    },
    // entity-update.md: X. NAME, ENTITY_NEW (rename), ACCESS (replaces the set; the caller gets X).
    'entity.update': (raw, call) => {
      const p = upper(raw)
      const s = storage(p, call)
      require(s, call, 'X')
      const next = p.ENTITY_NEW === undefined ? undefined : entityCode(p.ENTITY_NEW, 'ENTITY_NEW')
      if (next !== undefined && next !== s.entity && allStorages(ctx.state).some(x => x.entity === next))
        throw errors.entityExists()
      if (p.NAME !== undefined && p.NAME !== null)
        s.name = String(p.NAME).trim()
      if (next !== undefined)
        s.entity = next
      if (isRecord(p.ACCESS) && Object.keys(p.ACCESS).length > 0)
        s.access = readAccess(p.ACCESS, call.userId)
      return { result: true }
    },
    // entity-delete.md: X; its items and properties go with it.
    'entity.delete': (raw, call) => {
      const p = upper(raw)
      const s = storage(p, call)
      require(s, call, 'X')
      deleteStorage(ctx.state, s)
      return { result: true }
    },
    // entity-rights.md: reading: any user; with a non-empty ACCESS: X, and the caller gets X. An unknown storage answers result null.
    'entity.rights': (raw, call) => {
      const p = upper(raw)
      const entity = entityCode(p.ENTITY)
      const s = allStorages(ctx.state).find(x => x.entity === entity && rightOf(x, call.userId) !== null)
      if (!s)
        return { result: null }
      if (isRecord(p.ACCESS) && Object.keys(p.ACCESS).length > 0) {
        require(s, call, 'X')
        s.access = readAccess(p.ACCESS, call.userId)
      }
      return { result: { ...s.access } }
    },

    // entity-item-get.md: any user; the list holds only what the caller may read (CHECK_PERMISSIONS Y): none without R.
    // 50 a page from `start`; `next` while more remain; `total` counts the whole selection.
    'entity.item.get': (raw, call) => {
      const p = upper(raw)
      const entity = entityCode(p.ENTITY)
      // resolveIdByCode does not check rights: an unreadable storage gives an empty list, not "not found".
      const s = allStorages(ctx.state).find(x => x.entity === entity)
      if (!s)
        throw errors.entityNotFound()
      const filter = isRecord(p.FILTER) ? p.FILTER : {}
      const rows = hasRight(s, call.userId, 'R') ? sortItems(s, s.items.filter(i => matchesFilter(s, i, filter)), p.SORT) : []
      const start = Math.max(0, parseIntLoose(p.START) ?? 0)
      const page = rows.slice(start, start + ENTITY_PAGE_SIZE).map(i => itemToWire(s, i))
      const next = start + ENTITY_PAGE_SIZE < rows.length ? start + ENTITY_PAGE_SIZE : undefined
      return { result: page, total: rows.length, ...(next !== undefined ? { next } : {}) }
    },
    // entity-item-add.md: W or X; answers the new ID.
    'entity.item.add': (raw, call) => {
      const p = upper(raw)
      const s = storage(p, call)
      require(s, call, 'W')
      return { result: addEntityItem(ctx.state, s, p, call.userId, ctx.now()).id }
    },
    // entity-item-update.md: W or X; only the fields and property values given change.
    'entity.item.update': (raw, call) => {
      const p = upper(raw)
      entityCode(p.ENTITY)
      const id = itemId(p.ID)
      const s = storage(p, call)
      require(s, call, 'W')
      updateEntityItem(s, findItem(s, id), p, call.userId, ctx.now())
      return { result: true }
    },
    // entity-item-delete.md: W or X.
    'entity.item.delete': (raw, call) => {
      const p = upper(raw)
      entityCode(p.ENTITY)
      const id = itemId(p.ID)
      const s = storage(p, call)
      require(s, call, 'W')
      const item = findItem(s, id)
      s.items = s.items.filter(i => i !== item)
      return { result: true }
    },

    // entity-item-property-get.md: any user; one property, or all by SORT.
    'entity.item.property.get': (raw, call) => {
      const p = upper(raw)
      const s = storage(p, call)
      const code = cleanCode(p.PROPERTY, 'PROPERTY', false)
      if (code === '')
        return { result: propertiesOf(s).map(propertyToWire) }
      const prop = findProperty(s, code)
      if (!prop)
        throw errors.entityPropertyNotFound()
      return { result: propertyToWire(prop) }
    },
    // entity-item-property-add.md: X. TYPE S (default), N or F; SORT default 500 (CIBlockProperty). NAME is not starred: '' when absent.
    'entity.item.property.add': (raw, call) => {
      const p = upper(raw)
      const entity = entityCode(p.ENTITY)
      const type = propertyType(p.TYPE) ?? 'S'
      const code = cleanCode(p.PROPERTY, 'PROPERTY')
      const s = findStorage(ctx.state, entity, call.userId)
      if (findProperty(s, code))
        throw errors.entityPropertyExists()
      require(s, call, 'X')
      checkPropertyCode(code)
      const sort = parseIntLoose(p.SORT) ?? 500
      addProperty(ctx.state, s, { code, name: p.NAME === undefined || p.NAME === null ? '' : String(p.NAME).trim(), type, sort })
      return { result: true }
    },
    // entity-item-property-update.md: X. PROPERTY_NEW renames (values stay); TYPE may not become F.
    'entity.item.property.update': (raw, call) => {
      const p = upper(raw)
      const entity = entityCode(p.ENTITY)
      const type = propertyType(p.TYPE)
      const s = findStorage(ctx.state, entity, call.userId)
      const prop = findProperty(s, cleanCode(p.PROPERTY, 'PROPERTY', false))
      if (!prop)
        throw errors.entityPropertyNotFound()
      require(s, call, 'X')
      const next = p.PROPERTY_NEW === undefined ? undefined : cleanCode(p.PROPERTY_NEW, 'PROPERTY_NEW', false)
      if (next !== undefined && next !== '' && next !== prop.code) {
        if (findProperty(s, next))
          throw errors.entityPropertyExists(`Property ${next} already exists`)
        checkPropertyCode(next)
      }
      if (type !== undefined && type !== prop.type && type === 'F')
        throw errors.entityArgument('Cannot change property type to File', 'TYPE')
      if (next)
        prop.code = next
      if (p.NAME !== undefined && p.NAME !== null)
        prop.name = String(p.NAME).trim()
      const sort = parseIntLoose(p.SORT)
      if (sort !== undefined)
        prop.sort = sort
      if (type !== undefined)
        prop.type = type
      return { result: true }
    },
    // entity-item-property-delete.md: X; the items lose its values.
    'entity.item.property.delete': (raw, call) => {
      const p = upper(raw)
      const s = storage(p, call)
      const prop = findProperty(s, cleanCode(p.PROPERTY, 'PROPERTY', false))
      if (!prop)
        throw errors.entityPropertyNotFound()
      require(s, call, 'X')
      deleteProperty(s, prop)
      return { result: true }
    },
  }
}
