/**
 * crm.status.* for the stage dictionaries of smart process pipelines (stages.ts),
 * in the order of checks of CCrmStatusRestProxy and CCrmRestProxyBase
 * (crm/classes/general/restservice.php): the parameters' shape, the id, the right,
 * then the row. Rights as api-reference/crm/status/index.md gives them: reading for
 * any user with access to CRM, writing for CRM administrators (the same test as
 * crm.category.*). The emulator keeps the smart process stage dictionaries only:
 * crm.status.entity.types lists those, and no other ENTITY_ID is accepted.
 */
import type { CallContext, PortalLang } from '../contract'
import type { ModelContext } from './context'
import type { MethodHandler } from './methods'
import type { StageRecord } from './state'
import { categoriesOf } from './categories'
import { addStage, allStages, deleteStage, findStage, parseStagesEntityId, stagePrefix, stagesEntityId, stagesOf, stageToWire, statusErrors, updateStage } from './stages'
import { findUser, isCrmAdmin } from './users'
import { isRecord, parseIntLoose } from './wire'

/** CCrmStatus::GetFieldsInfo as crm.status.fields prints it (crm-status-fields.md); titles from crm/lang/{en,ru}/classes/general/crm_status.php, the field's name where there is none. */
function fieldsDescription(lang: PortalLang): Record<string, unknown> {
  const titles: Record<PortalLang, Record<string, string>> = {
    en: { ID: 'ID', ENTITY_ID: 'Entity ID', STATUS_ID: 'Status', SORT: 'Sort', NAME: 'Name', NAME_INIT: 'Default name', SYSTEM: 'System', EXTRA: 'Additional fields' },
    ru: { ID: 'ID', ENTITY_ID: 'ID элемента сущности', STATUS_ID: 'Статус', SORT: 'Сортировка', NAME: 'Название', NAME_INIT: 'Название по умолчанию', SYSTEM: 'Системный', EXTRA: 'Дополнительные поля' },
  }
  const field = (name: string, type: string, attrs: { required?: boolean, readOnly?: boolean, immutable?: boolean } = {}) => ({
    type,
    isRequired: attrs.required ?? false,
    isReadOnly: attrs.readOnly ?? false,
    isImmutable: attrs.immutable ?? false,
    isMultiple: false,
    isDynamic: false,
    title: titles[lang][name] ?? name,
  })
  return {
    ID: field('ID', 'integer', { readOnly: true }),
    ENTITY_ID: field('ENTITY_ID', 'string', { required: true, immutable: true }),
    STATUS_ID: field('STATUS_ID', 'string', { required: true, immutable: true }),
    SORT: field('SORT', 'integer'),
    NAME: field('NAME', 'string', { required: true }),
    NAME_INIT: field('NAME_INIT', 'string', { readOnly: true }),
    SYSTEM: field('SYSTEM', 'char', { readOnly: true }),
    CATEGORY_ID: field('CATEGORY_ID', 'integer', { immutable: true }),
    COLOR: field('COLOR', 'string'),
    SEMANTICS: field('SEMANTICS', 'char', { immutable: true }),
    EXTRA: field('EXTRA', 'crm_status_extra'),
  }
}

const READ_ONLY_FIELDS = ['ID', 'NAME_INIT', 'SYSTEM']
const IMMUTABLE_FIELDS = ['ENTITY_ID', 'STATUS_ID', 'CATEGORY_ID', 'SEMANTICS']
const KNOWN_FIELDS = new Set(['ID', 'ENTITY_ID', 'STATUS_ID', 'SORT', 'NAME', 'NAME_INIT', 'SYSTEM', 'CATEGORY_ID', 'COLOR', 'SEMANTICS', 'EXTRA'])

/** CCrmRestProxyBase::internalizeFields: unknown keys (case matters) and read-only fields go; on update the immutable ones too. */
function internalize(fields: unknown, update: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!isRecord(fields))
    return out
  const dropped = update ? [...READ_ONLY_FIELDS, ...IMMUTABLE_FIELDS] : READ_ONLY_FIELDS
  for (const [k, v] of Object.entries(fields)) {
    if (KNOWN_FIELDS.has(k) && !dropped.includes(k))
      out[k] = v
  }
  return out
}

/** CCrmRestHelper::resolveArrayParam: `fields`, `FIELDS`, `Fields` or `arFields`; absent → an empty array. */
function arrayParam(p: Record<string, unknown>, name: string): unknown {
  const cap = name.charAt(0).toUpperCase() + name.slice(1)
  for (const key of [name.toUpperCase(), name, cap, `ar${cap}`]) {
    if (p[key] !== undefined && p[key] !== null)
      return p[key]
  }
  return {}
}

/** A PHP array: an object or a list. */
function isPhpArray(value: unknown): boolean {
  return isRecord(value) || Array.isArray(value)
}

/** CCrmRestHelper::resolveEntityID then CCrmRestProxyBase::checkEntityID: a positive integer or 'ID is not defined or invalid.' */
function requireId(p: Record<string, unknown>): number {
  const id = parseIntLoose(p.id ?? p.ID ?? p.Id)
  if (id === undefined || id <= 0)
    throw statusErrors.invalidId()
  return id
}

/** CCrmStatusRestProxy::getEntityItems reads `entityId`, `entityID`, `entity_id` or `ENTITY_ID` (resolveRelationID). */
function entityIdParam(p: Record<string, unknown>): string {
  const v = p.entityId ?? p.entityID ?? p.entity_id ?? p.ENTITY_ID
  return v === undefined || v === null ? '' : String(v)
}

/** crm.status.list filter: CCrmStatus::GetList's keys (case-insensitive), empty values skipped, unknown keys ignored. */
function matches(stage: StageRecord, filter: Record<string, unknown>): boolean {
  for (const [key, raw] of Object.entries(filter)) {
    if (raw === undefined || raw === null || String(raw) === '')
      continue
    const v = String(raw)
    switch (key.toUpperCase()) {
      case 'ID': if (String(stage.id) !== v) return false
        break
      case 'ENTITY_ID': if (stage.entityId !== v) return false
        break
      case 'STATUS_ID': if (stage.statusId !== v) return false
        break
      case 'NAME': if (!stage.name.toLowerCase().includes(v.toLowerCase())) return false
        break
      case 'SORT': if (String(stage.sort) !== v) return false
        break
      case 'SYSTEM': if (stage.system !== (v === 'Y')) return false
        break
      case 'CATEGORY_ID': if (stage.categoryId !== (Number.parseInt(v, 10) || 0)) return false
        break
      case 'SEMANTICS': if ((stage.semantics ?? '') !== v) return false
        break
    }
  }
  return true
}

const ORDER_KEYS: Record<string, (s: StageRecord) => string | number> = {
  ID: s => s.id,
  ENTITY_ID: s => s.entityId,
  STATUS_ID: s => s.statusId,
  NAME: s => s.name,
  SORT: s => s.sort,
  SYSTEM: s => (s.system ? 'Y' : 'N'),
  CATEGORY_ID: s => s.categoryId,
  SEMANTICS: s => s.semantics ?? '',
}

/** crm.status.list order: SORT ascending when none is given (innerGetList); ASC or else DESC per key; no known key: ID descending (CCrmStatus::GetList). */
function sortStages(rows: StageRecord[], order: Record<string, unknown>): StageRecord[] {
  const entries = Object.entries(order)
  const keys = (entries.length === 0 ? [['SORT', 'ASC'] as [string, unknown]] : entries)
    .map(([k, dir]) => ({ get: ORDER_KEYS[k.toUpperCase()], asc: String(dir).toUpperCase() === 'ASC' }))
    .filter(k => k.get !== undefined)
  if (keys.length === 0)
    keys.push({ get: ORDER_KEYS.ID, asc: false })
  const cmp = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)))
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const d = cmp(k.get!(a), k.get!(b))
      if (d !== 0)
        return k.asc ? d : -d
    }
    return a.id - b.id
  })
}

export function statusMethods(ctx: ModelContext): Record<string, MethodHandler> {
  /** index.md: "Читать справочники может любой пользователь с доступом к CRM" (every emulated user has it). */
  const requireRead = (call: CallContext) => {
    if (!findUser(call.userId))
      throw statusErrors.accessDenied()
  }
  /** crm-status-add/update/delete.md: "пользователь с правами администратора CRM" (CCrmStatus::CheckCreatePermission: CONFIG WRITE). */
  const requireWrite = (call: CallContext) => {
    if (!isCrmAdmin(call.userId))
      throw statusErrors.accessDenied()
  }
  /** The smart process stage dictionaries that exist now, as crm.status.entity.types describes them. */
  const dictionaries = () => ctx.state.types.flatMap(type => categoriesOf(ctx.state, type.entityTypeId).map(c => ({ type, category: c, entityId: stagesEntityId(type.entityTypeId, c.id) })))
  const dictionaryExists = (entityId: string) => {
    const d = parseStagesEntityId(entityId)
    return d !== null && ctx.state.types.some(t => t.entityTypeId === d.entityTypeId) && categoriesOf(ctx.state, d.entityTypeId).some(c => c.id === d.categoryId)
  }
  const stageOr = (id: number, notFound: () => Error) => {
    const stage = findStage(ctx.state, id)
    if (!stage)
      throw notFound()
    return stage
  }
  return {
    // crm-status-fields.md: any user; the answer is the field map itself.
    'crm.status.fields': (_p, call) => ({ result: fieldsDescription(call.lang ?? 'en') }),

    // crm-status-add.md: answers the new ID (an integer).
    'crm.status.add': (p, call) => {
      const raw = arrayParam(p, 'fields')
      if (!isPhpArray(raw))
        throw statusErrors.notArray('fields')
      if (!isPhpArray(arrayParam(p, 'params')))
        throw statusErrors.notArray('params')
      const fields = internalize(raw, false)
      requireWrite(call)
      const entityId = fields.ENTITY_ID === undefined || fields.ENTITY_ID === null ? '' : String(fields.ENTITY_ID)
      const statusId = fields.STATUS_ID === undefined || fields.STATUS_ID === null ? '' : String(fields.STATUS_ID)
      const missing = [...(entityId === '' ? ['ENTITY_ID'] : []), ...(statusId === '' ? ['STATUS_ID'] : [])]
      if (missing.length > 0)
        throw statusErrors.required(missing)
      if (!dictionaryExists(entityId))
        throw statusErrors.entityNotSupported()
      return { result: addStage(ctx.state, entityId, fields).id }
    },

    // crm-status-get.md: read right first, then the row.
    'crm.status.get': (p, call) => {
      const id = requireId(p)
      requireRead(call)
      return { result: stageToWire(stageOr(id, statusErrors.getNotFound)) }
    },

    // crm-status-list.md: an array of rows and `total`; everything at once (no paging, CCrmRestProxyBase::prepareListFromArray).
    'crm.status.list': (p, call) => {
      const order = arrayParam(p, 'order')
      if (!isPhpArray(order))
        throw statusErrors.notArray('order')
      const filter = arrayParam(p, 'filter')
      if (!isPhpArray(filter))
        throw statusErrors.notArray('filter')
      requireRead(call)
      const f = isRecord(filter) ? filter : {}
      for (const name of ['ENTITY_ID', 'STATUS_ID', 'SORT', 'SEMANTICS']) {
        if (isPhpArray(f[name]))
          throw statusErrors.filterNotString(name)
      }
      const rows = sortStages(allStages(ctx.state).filter(s => matches(s, f)), isRecord(order) ? order : {}).map(stageToWire)
      return { result: rows, total: rows.length }
    },

    // crm-status-update.md: answers true.
    'crm.status.update': (p, call) => {
      const raw = arrayParam(p, 'fields')
      if (!isPhpArray(raw))
        throw statusErrors.notArray('fields')
      if (!isPhpArray(arrayParam(p, 'params')))
        throw statusErrors.notArray('params')
      const id = requireId(p)
      const fields = internalize(raw, true)
      requireWrite(call)
      updateStage(stageOr(id, statusErrors.notFound), fields)
      return { result: true }
    },

    // crm-status-delete.md: answers true; `params: {FORCED: 'Y'}` for system stages.
    'crm.status.delete': (p, call) => {
      const params = arrayParam(p, 'params')
      const id = requireId(p)
      requireWrite(call)
      const stage = stageOr(id, statusErrors.notFound)
      deleteStage(ctx.state, stage, isRecord(params) && params.FORCED === 'Y')
      return { result: true }
    },

    // crm-status-entity-types.md: any user, no errors; one entry per pipeline of every smart process.
    'crm.status.entity.types': () => ({
      result: dictionaries().map(({ type, category, entityId }) => ({
        ID: entityId,
        // crm/lang/{en,ru}/classes/general/crm_status.php CRM_STATUS_TYPE_STATUS_WITH_CATEGORY "#NAME# (#CATEGORY#)"
        NAME: `${type.title} (${category.name})`,
        SEMANTIC_INFO: [],
        PREFIX: stagePrefix(type.entityTypeId, category.id),
        FIELD_ATTRIBUTE_SCOPE: `category_${category.id}`,
        ENTITY_TYPE_ID: type.entityTypeId,
        IS_ENABLED: type.flags.isStagesEnabled,
        CATEGORY_ID: category.id,
        CATEGORY_NAME: category.name,
        CATEGORY_SORT: category.sort,
        IS_DEFAULT_CATEGORY: category.isDefault,
      })),
    }),

    // crm-status-entity-items.md: rows of one dictionary by SORT, as {NAME, SORT (a number), STATUS_ID}; an unknown one is empty.
    'crm.status.entity.items': (p, call) => {
      requireRead(call)
      const entityId = entityIdParam(p)
      if (entityId === '')
        throw statusErrors.entityIdMissing()
      return { result: stagesOf(ctx.state, entityId.toUpperCase()).map(s => ({ NAME: s.name, SORT: s.sort, STATUS_ID: s.statusId })) }
    },
  }
}
