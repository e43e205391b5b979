/**
 * Stages of smart process pipelines as the crm module keeps them: rows of the
 * CRM dictionaries (crm/lib/statustable.php, crm/classes/general/crm_status.php),
 * one dictionary per pipeline. This file knows the rows and their rules; which
 * dictionaries exist (types and their pipelines) is categories.ts' business.
 *
 * - ENTITY_ID `DYNAMIC_<entityTypeId>_STAGE_<categoryId>` (api-reference/crm/status/index.md;
 *   Factory\Dynamic::getStagesEntityId), STATUS_ID prefix `DT<entityTypeId>_<categoryId>`
 *   (CCrmStatus::getDynamicEntityStatusPrefix; tutorials/crm/how-to-add-crm-objects/how-to-add-category-to-spa.md).
 * - A new pipeline gets five stages (Service\Scenario\DefaultStages, played by
 *   ItemCategoryTable::onAfterAdd through Service\Director::getScenariosForNewCategory).
 */
import type { PortalLang } from '../contract'
import type { PortalState, StageRecord } from './state'
import { RestError } from './errors'

/** The first crm.status ID of a fresh portal: b_crm_status already holds the standard dictionaries (lead statuses, sources, deal stages…). */
export const FIRST_STAGE_ID = 101

/** `DYNAMIC_<entityTypeId>_STAGE_<categoryId>` (Factory\Dynamic::getStagesEntityId). */
export function stagesEntityId(entityTypeId: number, categoryId: number): string {
  return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`
}

/** `DT<entityTypeId>_<categoryId>` (CCrmStatus::getDynamicEntityStatusPrefix). */
export function stagePrefix(entityTypeId: number, categoryId: number): string {
  return `DT${entityTypeId}_${categoryId}`
}

/** entityTypeId and categoryId of a smart process stage dictionary, or null for anything else. */
export function parseStagesEntityId(entityId: string): { entityTypeId: number, categoryId: number } | null {
  const m = /^DYNAMIC_(\d+)_STAGE_(\d+)$/.exec(entityId)
  return m ? { entityTypeId: Number(m[1]), categoryId: Number(m[2]) } : null
}

/**
 * The default stages of a new pipeline: Service\Scenario\DefaultStages::getDefaultStagesData,
 * names from crm/lang/{en,ru}/lib/Service/Scenario/DefaultStages.php, SORT 10, 20, … in
 * that order (DefaultStages::play). The Russian set and the colours are also in
 * how-to-add-category-to-spa.md, step 3.
 */
export const DEFAULT_STAGES: readonly { code: string, name: Record<PortalLang, string>, color: string, semantics: 'S' | 'F' | null, system: boolean }[] = [
  { code: 'NEW', name: { en: 'Start', ru: 'Начало' }, color: '#22B9FF', semantics: null, system: true },
  { code: 'PREPARATION', name: { en: 'Prepare', ru: 'Подготовка' }, color: '#88B9FF', semantics: null, system: false },
  { code: 'CLIENT', name: { en: 'Approval', ru: 'Согласование' }, color: '#10e5fc', semantics: null, system: false },
  { code: 'SUCCESS', name: { en: 'Success', ru: 'Успех' }, color: '#00ff00', semantics: 'S', system: true },
  { code: 'FAIL', name: { en: 'Failed', ru: 'Провал' }, color: '#ff0000', semantics: 'F', system: true },
]

/** CCrmStatus::DEFAULT_SORT: a SORT that is missing or not positive becomes 10 (crm-status-add.md "По умолчанию 10"). */
const DEFAULT_SORT = 10

/** The stage rows (an older data file has none until the portal starts: categories.ts ensureStages). */
export function allStages(state: PortalState): StageRecord[] {
  return (state.stages ??= [])
}

function insert(state: PortalState, stage: Omit<StageRecord, 'id'>): StageRecord {
  const rec: StageRecord = { id: state.nextStageId ?? FIRST_STAGE_ID, ...stage }
  state.nextStageId = rec.id + 1
  allStages(state).push(rec)
  return rec
}

/** The rows of one dictionary, SORT ascending then ID (StatusTable::loadStatusesByEntityId). */
export function stagesOf(state: PortalState, entityId: string): StageRecord[] {
  return allStages(state).filter(s => s.entityId === entityId).sort((a, b) => a.sort - b.sort || a.id - b.id)
}

/**
 * Adds the five default stages to a new pipeline, named in the language of whoever
 * created it (Loc::getMessage at creation). NAME_INIT is the name (DefaultStages::prepareStageFields);
 * a STATUS_ID that already exists in the dictionary is skipped, as CCrmStatus::BulkCreate does.
 */
export function createDefaultStages(state: PortalState, entityTypeId: number, categoryId: number, lang: PortalLang = 'en'): StageRecord[] {
  const entityId = stagesEntityId(entityTypeId, categoryId)
  const prefix = stagePrefix(entityTypeId, categoryId)
  const taken = new Set(stagesOf(state, entityId).map(s => s.statusId))
  const made: StageRecord[] = []
  DEFAULT_STAGES.forEach((d, i) => {
    const statusId = `${prefix}:${d.code}`
    if (taken.has(statusId))
      return
    made.push(insert(state, {
      entityId,
      statusId,
      name: d.name[lang],
      nameInit: d.name[lang],
      sort: (i + 1) * 10,
      system: d.system,
      categoryId,
      color: d.color,
      semantics: d.semantics,
    }))
  })
  return made
}

/** Drops a dictionary's rows: a deleted pipeline's stages go with it (ItemCategoryTable::onBeforeDelete, TypeTable::onAfterDelete → StatusTable::deleteByEntityId). */
export function deleteStagesOf(state: PortalState, entityId: string): void {
  state.stages = allStages(state).filter(s => s.entityId !== entityId)
}

export function findStage(state: PortalState, id: number): StageRecord | undefined {
  return allStages(state).find(s => s.id === id)
}

/**
 * One row as crm.status.get / list print it (crm-status-get.md, how-to-add-category-to-spa.md
 * step 3): upper-case keys, every value a string except SEMANTICS null for in-progress stages.
 * Smart process stages have no EXTRA (CCrmStatusRestProxy::prepareExtra fills it for leads,
 * quotes and deals only).
 */
export function stageToWire(s: StageRecord): Record<string, unknown> {
  return {
    ID: String(s.id),
    ENTITY_ID: s.entityId,
    STATUS_ID: s.statusId,
    NAME: s.name,
    NAME_INIT: s.nameInit,
    SORT: String(s.sort),
    SYSTEM: s.system ? 'Y' : 'N',
    CATEGORY_ID: String(s.categoryId),
    COLOR: s.color,
    SEMANTICS: s.semantics,
  }
}

/** A positive SORT, else 10 (CCrmStatus::Add / Update). */
function readSort(value: unknown): number {
  const n = typeof value === 'number' ? Math.trunc(value) : Number.parseInt(String(value ?? ''), 10)
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SORT
}

/** CCrmStatus::Add / Update: a colour without `#` gets one. */
function readColor(value: unknown): string {
  const c = value === undefined || value === null ? '' : String(value)
  return c !== '' && !c.startsWith('#') ? `#${c}` : c
}

/**
 * SEMANTICS as the REST input gives it (crm-status-add.md): 'S', 'F', or '' for in
 * progress. The module stores 'P' for an empty value (PhaseSemantics::PROCESS), but the
 * docs show reads returning null for in-progress stages, and so does the emulator.
 * Anything else fails the StatusTable enum field.
 */
function readSemantics(value: unknown): 'S' | 'F' | null {
  const v = value === undefined || value === null ? '' : String(value)
  if (v === '' || v === 'P')
    return null
  if (v === 'S' || v === 'F')
    return v
  throw statusErrors.semanticsInvalid()
}

/** STATUS_ID without any prefix (CCrmStatus::removePrefixFromStatusId: up to the first ':'). */
function withoutPrefix(statusId: string): string {
  const i = statusId.indexOf(':')
  return i < 0 ? statusId : statusId.slice(i + 1)
}

/**
 * Errors of crm.status.*: CCrmStatusRestProxy throws RestException with the message
 * only, so `error` is '' (crm-status-add.md "Пустое значение"; its example body
 * `{"error": "", "error_description": "The field STATUS_ID is required."}`); the texts are
 * English whatever the portal language, except those from the module's language files.
 */
export const statusErrors = {
  accessDenied: () => new RestError(400, '', 'Access denied.'),
  // CCrmRestProxyBase::get/update/delete: the id is not a positive integer
  invalidId: () => new RestError(400, '', 'ID is not defined or invalid.'),
  // CCrmStatusRestProxy::innerGet (crm-status-get.md writes "Status is not found.")
  getNotFound: () => new RestError(400, '', 'CRM Status is not found.'),
  // innerUpdate / innerDelete
  notFound: () => new RestError(400, '', 'Status is not found.'),
  notArray: (name: string) => new RestError(400, '', `Parameter '${name}' must be array.`),
  required: (missing: string[]) => new RestError(400, '', missing.map(f => `The field ${f} is required.`).join('\n')),
  entityNotSupported: () => new RestError(400, '', 'Specified entity type is not supported.'),
  // crm-status-add.md: ERROR_CORE "Указанный идентификатор статуса, уже существует."; en: crm/lang/en/classes/general/crm_status.php CRM_STATUS_ERR_DUPLICATE_STATUS_ID
  duplicate: () => new RestError(400, 'ERROR_CORE', 'The specified status ID already exists.', 'Указанный идентификатор статуса, уже существует.'),
  // CCrmStatus::validateStatusId: 50 characters with the prefix (b_crm_status.STATUS_ID is varchar(50))
  tooLong: (max: number) => new RestError(400, 'ERROR_CORE', `Exceeded maximum length of status ID: ${max}.`, `Превышена максимальная длина идентификатора статуса: ${max}.`),
  // crm-status-add.md: 'Не заполнено обязательное поле "Заголовок"'; en: main/lang/en/lib/orm/data/datamanager.php MAIN_ENTITY_FIELD_REQUIRED with the NAME title "Title" (crm/lang/en/lib/statustable.php)
  nameRequired: () => new RestError(400, '', 'The field Title is required.', 'Не заполнено обязательное поле "Заголовок"'),
  // StatusTable::onBeforeAdd; crm/lang/{en,ru}/lib/statustable.php CRM_STATUS_MORE_THAN_ONE_SUCCESS_ERROR
  secondSuccess: () => new RestError(400, '', 'Only one success status can exist for any one type', 'Может быть только один успешный статус одного типа '),
  // the SEMANTICS enum field (P, F, S) refuses other values: MAIN_ENTITY_FIELD_INVALID
  semanticsInvalid: () => new RestError(400, '', 'The value of "SEMANTICS" is invalid.'),
  // crm-status-delete.md; CCrmStatusRestProxy::innerDelete
  systemDelete: () => new RestError(400, '', 'CRM System Status can be deleted only if parameter FORCED is specified and equal to "Y".'),
  // crm-status-entity-items.md
  entityIdMissing: () => new RestError(400, '', 'The parameter entityId is not defined or invalid.'),
  // CCrmStatusRestProxy::innerGetList: these filter fields take one value
  filterNotString: (field: string) => new RestError(400, '', `Filter by ${field} must be a string`),
}

/**
 * crm.status.add into a smart process stage dictionary, after the REST checks
 * (methods-status.ts): CCrmStatus::Add with SYSTEM N. The STATUS_ID gets the
 * dictionary's prefix whatever prefix it came with (crm-status-add.md; CCrmStatus::addPrefixToStatusId);
 * CATEGORY_ID is what the call sent, else 0 (CCrmStatus::Add only derives it for deals).
 */
export function addStage(state: PortalState, entityId: string, fields: Record<string, unknown>): StageRecord {
  const dict = parseStagesEntityId(entityId)
  const prefix = dict ? stagePrefix(dict.entityTypeId, dict.categoryId) : ''
  const own = withoutPrefix(String(fields.STATUS_ID))
  const statusId = prefix ? `${prefix}:${own}` : own
  // CCrmStatus::validateStatusId
  const max = 50 - (statusId.length - own.length)
  if (own.length > max)
    throw statusErrors.tooLong(max)
  if (stagesOf(state, entityId).some(s => s.statusId === statusId))
    throw statusErrors.duplicate()
  const semantics = readSemantics(fields.SEMANTICS)
  // StatusTable::onBeforeAdd, then the ORM's own field checks
  if (semantics === 'S' && stagesOf(state, entityId).some(s => s.semantics === 'S'))
    throw statusErrors.secondSuccess()
  const name = fields.NAME === undefined || fields.NAME === null ? '' : String(fields.NAME).trim()
  if (name === '')
    throw statusErrors.nameRequired()
  const category = Number.parseInt(String(fields.CATEGORY_ID ?? ''), 10)
  const extra = fields.EXTRA as Record<string, unknown> | undefined
  return insert(state, {
    entityId,
    statusId,
    name,
    nameInit: '',
    sort: readSort(fields.SORT),
    system: false,
    categoryId: Number.isFinite(category) ? category : 0,
    color: readColor(fields.COLOR ?? (typeof extra === 'object' && extra !== null ? extra.COLOR : undefined)),
    semantics,
  })
}

/**
 * crm.status.update: NAME, SORT and COLOR only (crm-status-update.md; the REST layer drops
 * the immutable ENTITY_ID, STATUS_ID, CATEGORY_ID and SEMANTICS). CCrmStatusRestProxy::innerUpdate
 * keeps NAME and SORT when absent; CCrmStatus::Update ignores an empty NAME and turns a SORT
 * that is not positive into 10.
 */
export function updateStage(stage: StageRecord, fields: Record<string, unknown>): void {
  const extra = fields.EXTRA as Record<string, unknown> | undefined
  const color = fields.COLOR ?? (typeof extra === 'object' && extra !== null ? extra.COLOR : undefined)
  if (fields.NAME === undefined && fields.SORT === undefined && color === undefined)
    return
  const name = fields.NAME === undefined || fields.NAME === null ? '' : String(fields.NAME).trim()
  if (name !== '')
    stage.name = name
  stage.sort = fields.SORT === undefined ? readSort(stage.sort) : readSort(fields.SORT)
  if (color !== undefined && color !== null)
    stage.color = readColor(color)
}

/** crm.status.delete: system stages only with FORCED Y (crm-status-delete.md). */
export function deleteStage(state: PortalState, stage: StageRecord, forced: boolean): void {
  if (stage.system && !forced)
    throw statusErrors.systemDelete()
  state.stages = allStages(state).filter(s => s !== stage)
}
