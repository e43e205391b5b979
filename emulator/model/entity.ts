/**
 * The app's data storages (entity.*, api-reference/entity/): storages with
 * access rights, item properties and items, as the rest module keeps them in
 * information blocks (rest/classes/general/rest_entity.php, CBitrixRestEntity).
 * Sections (entity.section.*) are not modelled.
 *
 * Rights (api-reference/entity/index.md "Уровни прав доступа"): R reads
 * items, W also writes them, X also changes the storage, its rights and its
 * item properties. The caller always gets X when creating a storage or
 * setting its rights. A portal administrator passes every iblock right check
 * (CIBlockRights: administrators hold every operation); the docs do not say so.
 */
import type { EntityItemRecord, EntityPropertyRecord, EntityRight, EntityStorageRecord, PortalState } from './state'
import { formatPortalTime } from './clock'
import { errors } from './errors'
import { isAdmin } from './users'
import { isRecord, parseIntLoose } from './wire'

/**
 * Longest ENTITY: `50 - strlen("APP_<clientId>_")`, "в большинстве случаев для
 * Битрикс24 это 13 символов" (api-reference/entity/index.md). The emulator's app has no
 * client id of a real length, so it uses the usual 13.
 */
export const ENTITY_CODE_MAX = 13

/** entity.item.get page size (entity-item-get.md "Размер страницы фиксирован: 50 записей"). */
export const ENTITY_PAGE_SIZE = 50

const RANK: Record<EntityRight, number> = { R: 1, W: 2, X: 3 }

export function allStorages(state: PortalState): EntityStorageRecord[] {
  return (state.entityStorages ??= [])
}

function nextIds(state: PortalState) {
  return (state.nextEntityIds ??= { storage: 1, item: 1, property: 1 })
}

/** checkParams: everything but a-z, A-Z, 0-9, _ is dropped; empty → ERROR_ARGUMENT "Argument 'X' is null or empty". */
export function cleanCode(value: unknown, argument: string, required = true): string {
  const code = value === undefined || value === null ? '' : String(value).trim().replace(/\W/g, '')
  if (code === '' && required)
    throw errors.entityArgumentNull(argument)
  return code
}

/** ENTITY and ENTITY_NEW: cleaned, and at most ENTITY_CODE_MAX characters (entity-add.md, entity-update.md). */
export function entityCode(value: unknown, argument = 'ENTITY'): string {
  const code = cleanCode(value, argument)
  if (code.length > ENTITY_CODE_MAX)
    throw errors.entityCodeTooLong(ENTITY_CODE_MAX)
  return code
}

/** The level `userId` holds on a storage (the highest of its access codes); administrators hold X. */
export function rightOf(storage: EntityStorageRecord, userId: number): EntityRight | null {
  if (isAdmin(userId))
    return 'X'
  // U<id>: the user; AU: every authorised user; G2: the "all users" group (api-reference/entity/index.md).
  // Other codes (G<n>, departments) match no emulated user.
  const codes = [`U${userId}`, 'AU', 'G2']
  let best: EntityRight | null = null
  for (const [code, level] of Object.entries(storage.access)) {
    if (codes.includes(code) && (best === null || RANK[level] > RANK[best]))
      best = level
  }
  return best
}

export function hasRight(storage: EntityStorageRecord, userId: number, needed: EntityRight): boolean {
  const r = rightOf(storage, userId)
  return r !== null && RANK[r] >= RANK[needed]
}

/**
 * A storage by ENTITY, or ERROR_ENTITY_NOT_FOUND. The module looks storages up
 * with CIBlock::GetList, which shows a non-administrator only the blocks he may
 * read: a storage the caller holds no right on is "not found" for him (the docs are silent).
 */
export function findStorage(state: PortalState, entity: string, userId: number): EntityStorageRecord {
  const s = allStorages(state).find(x => x.entity === entity)
  if (!s || rightOf(s, userId) === null)
    throw errors.entityNotFound()
  return s
}

/** checkRights: only R, W and X are kept; others are dropped (entity-add.md ACCESS). The caller's U<id> becomes X. */
export function readAccess(value: unknown, userId: number): Record<string, EntityRight> {
  const out: Record<string, EntityRight> = {}
  if (isRecord(value)) {
    for (const [code, level] of Object.entries(value)) {
      if (level === 'R' || level === 'W' || level === 'X')
        out[code] = level
    }
  }
  out[`U${userId}`] = 'X'
  return out
}

export function addStorage(state: PortalState, entity: string, name: string, access: unknown, userId: number): EntityStorageRecord {
  // Existence is checked portal-wide: the docs give ERROR_ENTITY_ALREADY_EXISTS for "Хранилище с таким ENTITY уже существует".
  if (allStorages(state).some(s => s.entity === entity))
    throw errors.entityExists()
  const ids = nextIds(state)
  const rec: EntityStorageRecord = { id: ids.storage++, entity, name: name.trim(), access: readAccess(access, userId), properties: [], items: [] }
  allStorages(state).push(rec)
  return rec
}

export function deleteStorage(state: PortalState, storage: EntityStorageRecord): void {
  state.entityStorages = allStorages(state).filter(s => s !== storage)
}

/** entity.get's object (entity-get.md "Тип entity"). */
export function storageToWire(s: EntityStorageRecord): Record<string, unknown> {
  return { ID: String(s.id), IBLOCK_TYPE_ID: 'rest_entity', ENTITY: s.entity, NAME: s.name }
}

// ---- properties ----

export function propertiesOf(s: EntityStorageRecord): EntityPropertyRecord[] {
  return [...s.properties].sort((a, b) => a.sort - b.sort || a.id - b.id)
}

export function findProperty(s: EntityStorageRecord, code: string): EntityPropertyRecord | undefined {
  return s.properties.find(p => p.code === code)
}

/** entity-item-property-get.md "Тип property": SORT as a string, as the iblock prints it. */
export function propertyToWire(p: EntityPropertyRecord): Record<string, unknown> {
  return { PROPERTY: p.code, NAME: p.name, TYPE: p.type, SORT: String(p.sort) }
}

/** checkItemPropertyParams: TYPE upper-cased and one of S, N, F, else ERROR_ARGUMENT "Wrong entity item property type". */
export function propertyType(value: unknown): 'S' | 'N' | 'F' | undefined {
  if (value === undefined || value === null)
    return undefined
  const t = String(value).toUpperCase()
  if (t !== 'S' && t !== 'N' && t !== 'F')
    throw errors.entityArgument('Wrong entity item property type', 'TYPE')
  return t
}

/** entity-item-property-add.md error table: ERROR_CORE "Код свойства не может начинаться с цифры" (the English text is ours). */
export function checkPropertyCode(code: string): void {
  if (/^\d/.test(code))
    throw errors.entityCore('Property code cannot start with a digit', 'Код свойства не может начинаться с цифры')
}

export function addProperty(state: PortalState, s: EntityStorageRecord, fields: { code: string, name: string, type: 'S' | 'N' | 'F', sort: number }): EntityPropertyRecord {
  const rec: EntityPropertyRecord = { id: nextIds(state).property++, ...fields }
  s.properties.push(rec)
  return rec
}

export function deleteProperty(s: EntityStorageRecord, p: EntityPropertyRecord): void {
  s.properties = s.properties.filter(x => x !== p)
  for (const item of s.items)
    delete item.values[String(p.id)]
}

// ---- items ----

export function parseDate(value: unknown): number | null {
  if (value === undefined || value === null || value === '' || value === false)
    return null
  const ms = Date.parse(String(value))
  // CRestUtil::unConvertDateTime answers false for what it cannot read: the date stays empty.
  return Number.isNaN(ms) ? null : ms
}

function textOrNull(value: unknown): string | null {
  return value === undefined || value === null || value === '' ? null : String(value)
}

/**
 * prepareItem: the element fields the emulator keeps. PROPERTY_VALUES keeps
 * only the storage's properties ("Обрабатываются только свойства, существующие
 * в хранилище", entity-item-add.md). Files (F properties, pictures) are not
 * modelled: their values are ignored.
 */
function applyItemFields(s: EntityStorageRecord, item: EntityItemRecord, p: Record<string, unknown>): void {
  if ('NAME' in p)
    item.name = p.NAME === undefined || p.NAME === null ? '' : String(p.NAME)
  if ('ACTIVE' in p)
    item.active = p.ACTIVE !== 'N' && p.ACTIVE !== false
  const sort = parseIntLoose(p.SORT)
  if (sort !== undefined)
    item.sort = sort
  if ('CODE' in p)
    item.code = textOrNull(p.CODE)
  if ('PREVIEW_TEXT' in p)
    item.previewText = textOrNull(p.PREVIEW_TEXT)
  if ('DETAIL_TEXT' in p)
    item.detailText = textOrNull(p.DETAIL_TEXT)
  if ('DATE_ACTIVE_FROM' in p)
    item.dateActiveFrom = parseDate(p.DATE_ACTIVE_FROM)
  if ('DATE_ACTIVE_TO' in p)
    item.dateActiveTo = parseDate(p.DATE_ACTIVE_TO)
  // Sections are not modelled: the id is kept as given.
  if ('SECTION' in p)
    item.section = parseIntLoose(p.SECTION) || null
  if (isRecord(p.PROPERTY_VALUES)) {
    const given = p.PROPERTY_VALUES
    for (const prop of s.properties) {
      if (prop.type !== 'F' && given[prop.code] !== undefined && given[prop.code] !== null)
        item.values[String(prop.id)] = String(given[prop.code])
    }
  }
}

/**
 * CIBlockElement requires a name ("Ошибки валидатора полей элемента" → ERROR_ARGUMENT,
 * entity-item-add.md). The docs do not print the text; this is the iblock message as we recall it.
 */
function requireItemName(item: EntityItemRecord): void {
  if (item.name.trim() === '')
    throw errors.entityArgument('Element name is not entered.', 'NAME')
}

export function addEntityItem(state: PortalState, s: EntityStorageRecord, p: Record<string, unknown>, userId: number, now: number): EntityItemRecord {
  const item: EntityItemRecord = {
    id: 0,
    name: '',
    active: true,
    sort: 500,
    code: null,
    previewText: null,
    detailText: null,
    dateActiveFrom: null,
    dateActiveTo: null,
    section: null,
    createdBy: userId,
    modifiedBy: userId,
    createdTime: now,
    updatedTime: now,
    values: {},
  }
  applyItemFields(s, item, p)
  requireItemName(item)
  item.id = nextIds(state).item++
  s.items.push(item)
  return item
}

export function updateEntityItem(s: EntityStorageRecord, item: EntityItemRecord, p: Record<string, unknown>, userId: number, now: number): void {
  const copy: EntityItemRecord = { ...item, values: { ...item.values } }
  applyItemFields(s, copy, p)
  requireItemName(copy)
  Object.assign(item, copy, { modifiedBy: userId, updatedTime: now })
}

const date = (ms: number | null) => (ms === null ? '' : formatPortalTime(ms))

/** entity-item-get.md "Тип item": ids and SORT as strings, empty dates as ''. */
export function itemToWire(s: EntityStorageRecord, i: EntityItemRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {
    ID: String(i.id),
    TIMESTAMP_X: formatPortalTime(i.updatedTime),
    MODIFIED_BY: String(i.modifiedBy),
    DATE_CREATE: formatPortalTime(i.createdTime),
    CREATED_BY: String(i.createdBy),
    ACTIVE: i.active ? 'Y' : 'N',
    DATE_ACTIVE_FROM: date(i.dateActiveFrom),
    DATE_ACTIVE_TO: date(i.dateActiveTo),
    SORT: String(i.sort),
    NAME: i.name,
    PREVIEW_PICTURE: null,
    PREVIEW_TEXT: i.previewText,
    DETAIL_PICTURE: null,
    DETAIL_TEXT: i.detailText,
    CODE: i.code,
    ENTITY: s.entity,
    SECTION: i.section === null ? null : String(i.section),
  }
  // "Поле присутствует, если у хранилища есть свойства"; a value never set prints '' (the docs are silent).
  if (s.properties.length > 0)
    row.PROPERTY_VALUES = Object.fromEntries(propertiesOf(s).map(p => [p.code, i.values[String(p.id)] ?? '']))
  return row
}
