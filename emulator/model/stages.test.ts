// @vitest-environment node
/**
 * crm.status.* for smart process stages. Docs paths are under api-reference/crm/status/
 * and tutorials/crm/how-to-add-crm-objects/how-to-add-category-to-spa.md ("the tutorial");
 * what the docs leave out comes from the crm module (crm/lib/Service/Scenario/DefaultStages.php,
 * crm/classes/general/crm_status.php, crm/classes/general/restservice.php CCrmStatusRestProxy).
 */
import { describe, expect, it } from 'vitest'
import { seedState } from './seed'
import { testPortal } from './test-helpers'

const quiet = () => testPortal({ faults: { rateLimit: false } })
const entity = (entityTypeId: number, categoryId: number) => `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`
const list = (rest: ReturnType<typeof testPortal>['rest'], entityId: string, userId = 1) =>
  rest('crm.status.list', { order: { SORT: 'ASC' }, filter: { ENTITY_ID: entityId } }, userId)

describe('crm.status.* for smart process stages', () => {
  // The tutorial, step 3: five stages, their STATUS_IDs, SORT 10–50, SYSTEM, colours and SEMANTICS;
  // crm/lang/en/lib/Service/Scenario/DefaultStages.php for the English names.
  it('gives every seeded pipeline the five default stages, rows as the tutorial prints them', () => {
    const { rest } = testPortal()
    const r = list(rest, entity(1030, 1))
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(5)
    expect(r.body.result).toEqual([
      { ID: '101', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:NEW', NAME: 'Start', NAME_INIT: 'Start', SORT: '10', SYSTEM: 'Y', CATEGORY_ID: '1', COLOR: '#22B9FF', SEMANTICS: null },
      { ID: '102', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:PREPARATION', NAME: 'Prepare', NAME_INIT: 'Prepare', SORT: '20', SYSTEM: 'N', CATEGORY_ID: '1', COLOR: '#88B9FF', SEMANTICS: null },
      { ID: '103', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:CLIENT', NAME: 'Approval', NAME_INIT: 'Approval', SORT: '30', SYSTEM: 'N', CATEGORY_ID: '1', COLOR: '#10e5fc', SEMANTICS: null },
      { ID: '104', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:SUCCESS', NAME: 'Success', NAME_INIT: 'Success', SORT: '40', SYSTEM: 'Y', CATEGORY_ID: '1', COLOR: '#00ff00', SEMANTICS: 'S' },
      { ID: '105', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:FAIL', NAME: 'Failed', NAME_INIT: 'Failed', SORT: '50', SYSTEM: 'Y', CATEGORY_ID: '1', COLOR: '#ff0000', SEMANTICS: 'F' },
    ])
    // Equipment Repairs' second pipeline (4), and the default pipelines of the other two types.
    expect(list(rest, entity(1030, 4)).body.result.map((s: any) => s.STATUS_ID)).toEqual(['DT1030_4:NEW', 'DT1030_4:PREPARATION', 'DT1030_4:CLIENT', 'DT1030_4:SUCCESS', 'DT1030_4:FAIL'])
    expect(list(rest, entity(1032, 2)).body.total).toBe(5)
    expect(list(rest, entity(1034, 3)).body.total).toBe(5)
  })

  // crm/lib/Model/Dynamic/TypeTable.php onAfterAdd → Factory::createDefaultCategoryIfNotExist → ItemCategoryTable::onAfterAdd
  // → Scenario\DefaultStages, whatever the flags; the Russian names as the tutorial (step 3) shows them.
  it('gives a new type its default pipeline\'s stages in the creator\'s language, even with stages and pipelines off', () => {
    const { portal, rest } = testPortal()
    const auth = portal.issueTokens(1, 'ru').accessToken
    const type = (portal.rest({ method: 'crm.type.add', params: { fields: { title: 'Закупка оборудования', isStagesEnabled: 'Y', isCategoriesEnabled: 'Y' } }, auth }).body as any).result.type
    const category = rest('crm.category.list', { entityTypeId: type.entityTypeId }).body.result.categories[0]
    const rows = list(rest, entity(type.entityTypeId, category.id)).body.result
    expect(rows.map((s: any) => [s.STATUS_ID, s.NAME, s.SORT, s.SYSTEM, s.SEMANTICS])).toEqual([
      [`DT${type.entityTypeId}_${category.id}:NEW`, 'Начало', '10', 'Y', null],
      [`DT${type.entityTypeId}_${category.id}:PREPARATION`, 'Подготовка', '20', 'N', null],
      [`DT${type.entityTypeId}_${category.id}:CLIENT`, 'Согласование', '30', 'N', null],
      [`DT${type.entityTypeId}_${category.id}:SUCCESS`, 'Успех', '40', 'Y', 'S'],
      [`DT${type.entityTypeId}_${category.id}:FAIL`, 'Провал', '50', 'Y', 'F'],
    ])
    const plain = rest('crm.type.add', { fields: { title: 'Audits' } }).body.result.type
    expect(plain.isStagesEnabled).toBe('N')
    const plainCategory = rest('crm.category.list', { entityTypeId: plain.entityTypeId }).body.result.categories[0]
    expect(list(rest, entity(plain.entityTypeId, plainCategory.id)).body.total).toBe(5)
  })

  // The tutorial, step 2: "Битрикс24 сразу наполняет новую воронку стадиями по умолчанию"; category/index.md: each pipeline its own dictionary.
  it('fills a pipeline added with crm.category.add with the default stages', () => {
    const { rest } = testPortal()
    const category = rest('crm.category.add', { entityTypeId: 1030, fields: { name: 'Field service', sort: 700 } }).body.result.category
    expect(category.id).toBe(5)
    const rows = list(rest, 'DYNAMIC_1030_STAGE_5').body.result
    expect(rows.map((s: any) => s.STATUS_ID)).toEqual(['DT1030_5:NEW', 'DT1030_5:PREPARATION', 'DT1030_5:CLIENT', 'DT1030_5:SUCCESS', 'DT1030_5:FAIL'])
    expect(rows.every((s: any) => s.CATEGORY_ID === '5')).toBe(true)
  })

  // crm/lib/Model/ItemCategoryTable.php onBeforeDelete deletes each stage of the pipeline;
  // crm/lib/Model/Dynamic/TypeTable.php onAfterDelete: StatusTable::deleteByEntityId per pipeline.
  it('deletes a pipeline\'s stages with it, and a type\'s stages with the type', () => {
    const { rest } = quiet()
    rest('crm.category.delete', { entityTypeId: 1030, id: 4 })
    expect(list(rest, entity(1030, 4)).body).toMatchObject({ result: [], total: 0 })
    expect(list(rest, entity(1030, 1)).body.total).toBe(5)
    rest('crm.type.delete', { id: 3 })
    expect(rest('crm.type.list').body.result.types.map((t: any) => t.entityTypeId)).not.toContain(1034)
    expect(list(rest, entity(1034, 3)).body.total).toBe(0)
    expect(rest('crm.status.get', { id: 111 }).body.error_description).toBe('CRM Status is not found.')
  })

  // crm-status-add.md: the pipeline prefix is added to a bare STATUS_ID and kept when given ("DT177_87:MY_STAGE");
  // answers the new ID; SYSTEM is always N; SORT defaults to 10. The tutorial, step 5: SEMANTICS F after the failure stage.
  // CCrmStatus::Add: NAME_INIT '' unless system, CATEGORY_ID only what was sent (else 0), a colour gets its '#'.
  it('adds a stage with the pipeline prefix and answers its ID', () => {
    const { rest } = quiet()
    const r = rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_4', STATUS_ID: 'MY_STAGE', NAME: 'Waiting for parts', SORT: 60, SEMANTICS: 'F', COLOR: 'FFA900', SYSTEM: 'Y' } })
    expect(r.status).toBe(200)
    expect(r.body.result).toBe(121)
    expect(rest('crm.status.get', { id: 121 }).body.result).toEqual({
      ID: '121',
      ENTITY_ID: 'DYNAMIC_1030_STAGE_4',
      STATUS_ID: 'DT1030_4:MY_STAGE',
      NAME: 'Waiting for parts',
      NAME_INIT: '',
      SORT: '60',
      SYSTEM: 'N',
      CATEGORY_ID: '0',
      COLOR: '#FFA900',
      SEMANTICS: 'F',
    })
    const prefixed = rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_4', STATUS_ID: 'DT1030_4:ON_HOLD', NAME: 'On hold', CATEGORY_ID: 4 } }).body.result
    expect(rest('crm.status.get', { id: prefixed }).body.result).toMatchObject({ STATUS_ID: 'DT1030_4:ON_HOLD', SORT: '10', SEMANTICS: null, CATEGORY_ID: '4', COLOR: '' })
    // Another pipeline's prefix is replaced by this one's (CCrmStatus::addPrefixToStatusId).
    const moved = rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_4', STATUS_ID: 'DT1030_1:CHECK', NAME: 'Check' } }).body.result
    expect(rest('crm.status.get', { id: moved }).body.result.STATUS_ID).toBe('DT1030_4:CHECK')
    expect(list(rest, entity(1030, 4)).body.total).toBe(8)
  })

  // crm-status-add.md, "Возможные коды ошибок": the error code is empty for these; ERROR_CORE for a taken STATUS_ID.
  it('refuses a stage without ENTITY_ID or STATUS_ID, in an unknown dictionary, with a taken code or without a name', () => {
    const { portal, rest } = quiet()
    expect(rest('crm.status.add', { fields: { NAME: 'x' } })).toEqual({ status: 400, body: { error: '', error_description: 'The field ENTITY_ID is required.\nThe field STATUS_ID is required.' } })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', NAME: 'x' } }).body.error_description).toBe('The field STATUS_ID is required.')
    expect(rest('crm.status.add', { fields: 'nope' }).body).toEqual({ error: '', error_description: 'Parameter \'fields\' must be array.' })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_2', STATUS_ID: 'X', NAME: 'x' } }).body).toEqual({ error: '', error_description: 'Specified entity type is not supported.' })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_9998_STAGE_1', STATUS_ID: 'X', NAME: 'x' } }).body.error_description).toBe('Specified entity type is not supported.')
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'PREPARATION', NAME: 'Again' } })).toEqual({ status: 400, body: { error: 'ERROR_CORE', error_description: 'The specified status ID already exists.' } })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'NAMELESS' } }).body).toEqual({ error: '', error_description: 'The field Title is required.' })
    const ru = portal.issueTokens(1, 'ru').accessToken
    expect(portal.rest({ method: 'crm.status.add', params: { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'NAMELESS', NAME: '  ' } }, auth: ru }).body).toEqual({ error: '', error_description: 'Не заполнено обязательное поле "Заголовок"' })
    expect(portal.rest({ method: 'crm.status.add', params: { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:CLIENT', NAME: 'x' } }, auth: ru }).body).toEqual({ error: 'ERROR_CORE', error_description: 'Указанный идентификатор статуса, уже существует.' })
    // CCrmStatus::validateStatusId: 50 characters with the 9-character prefix "DT1030_1:".
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'X'.repeat(42), NAME: 'x' } }).body).toEqual({ error: 'ERROR_CORE', error_description: 'Exceeded maximum length of status ID: 41.' })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'X'.repeat(41), NAME: 'x' } }).status).toBe(200)
  })

  // The tutorial: "стадия группы «Успех» может быть только одна" (StatusTable::onBeforeAdd, crm/lang/en/lib/statustable.php).
  it('keeps one success stage per pipeline', () => {
    const { rest } = testPortal()
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'WON_TOO', NAME: 'Won too', SEMANTICS: 'S' } }).body).toEqual({ error: '', error_description: 'Only one success status can exist for any one type' })
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'ODD', NAME: 'Odd', SEMANTICS: 'X' } }).body.error_description).toBe('The value of "SEMANTICS" is invalid.')
  })

  // index.md: "Добавлять, изменять и удалять элементы справочника может администратор или пользователь с правом
  // «Разрешить изменять настройки»"; add/update/delete.md: "пользователь с правами администратора CRM" (as crm.category.*);
  // list/get: any user with read access to CRM; entity.types/items, fields: any user.
  it('lets CRM admins change stages and any user read them', () => {
    const { rest } = quiet()
    const denied = { error: '', error_description: 'Access denied.' }
    expect(rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'X', NAME: 'x' } }, 2)).toEqual({ status: 400, body: denied })
    expect(rest('crm.status.update', { id: 102, fields: { NAME: 'y' } }, 5).body).toEqual(denied)
    expect(rest('crm.status.delete', { id: 102 }, 2).body).toEqual(denied)
    expect(rest('crm.status.update', { id: 102, fields: { NAME: 'Preparing' } }, 4).body.result).toBe(true)
    expect(list(rest, entity(1030, 1), 2).body.result[1].NAME).toBe('Preparing')
    // Stages are not filtered by the type's read permission: user 5 cannot read 1034's items but reads its stages.
    expect(list(rest, entity(1034, 3), 5).body.total).toBe(5)
    expect(rest('crm.status.get', { id: 111 }, 5).body.result.STATUS_ID).toBe('DT1034_3:NEW')
    expect(rest('crm.status.entity.items', { entityId: entity(1034, 3) }, 5).status).toBe(200)
    expect(rest('crm.status.entity.types', {}, 2).status).toBe(200)
    expect(rest('crm.status.fields', {}, 2).status).toBe(200)
  })

  // crm-status-update.md: NAME, SORT, COLOR; answers true. The tutorial, step 4: system stages may be renamed.
  // CCrmRestProxyBase::update drops immutable fields (STATUS_ID, SEMANTICS…); CCrmStatus::Update ignores an empty NAME.
  it('renames, re-sorts and recolours a stage, system ones included, and nothing else', () => {
    const { rest } = quiet()
    expect(rest('crm.status.update', { id: 101, fields: { NAME: 'First stage', COLOR: '39A8EF', STATUS_ID: 'DT1030_1:OTHER', SEMANTICS: 'F', SYSTEM: 'N' } }).body.result).toBe(true)
    expect(rest('crm.status.get', { id: 101 }).body.result).toMatchObject({ NAME: 'First stage', NAME_INIT: 'Start', STATUS_ID: 'DT1030_1:NEW', SEMANTICS: null, SYSTEM: 'Y', COLOR: '#39A8EF', SORT: '10' })
    rest('crm.status.update', { id: 101, fields: { NAME: '', SORT: 15 } })
    expect(rest('crm.status.get', { id: 101 }).body.result).toMatchObject({ NAME: 'First stage', SORT: '15' })
    rest('crm.status.update', { id: 101, fields: { SORT: 0 } })
    expect(rest('crm.status.get', { id: 101 }).body.result.SORT).toBe('10')
    // crm-status-update.md error table.
    expect(rest('crm.status.update', { id: 9999, fields: { NAME: 'x' } }).body).toEqual({ error: '', error_description: 'Status is not found.' })
    expect(rest('crm.status.update', { id: 'abc', fields: { NAME: 'x' } }).body).toEqual({ error: '', error_description: 'ID is not defined or invalid.' })
  })

  // crm-status-delete.md: "Системный элемент можно удалить только с параметром FORCED = "Y""; answers true.
  it('deletes a stage; a system one only with params FORCED Y', () => {
    const { rest } = quiet()
    expect(rest('crm.status.delete', { id: 101 }).body).toEqual({ error: '', error_description: 'CRM System Status can be deleted only if parameter FORCED is specified and equal to "Y".' })
    expect(rest('crm.status.delete', { id: 102 }).body.result).toBe(true)
    expect(rest('crm.status.delete', { id: 101, params: { FORCED: 'Y' } }).body.result).toBe(true)
    expect(list(rest, entity(1030, 1)).body.result.map((s: any) => s.STATUS_ID)).toEqual(['DT1030_1:CLIENT', 'DT1030_1:SUCCESS', 'DT1030_1:FAIL'])
    expect(rest('crm.status.delete', { id: 102 }).body.error_description).toBe('Status is not found.')
  })

  // crm-status-get.md answer; CCrmStatusRestProxy::innerGet "CRM Status is not found." (the page writes "Status is not found.").
  it('gets one stage by ID', () => {
    const { rest } = testPortal()
    expect(rest('crm.status.get', { id: '104' }).body.result).toEqual({ ID: '104', ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'DT1030_1:SUCCESS', NAME: 'Success', NAME_INIT: 'Success', SORT: '40', SYSTEM: 'Y', CATEGORY_ID: '1', COLOR: '#00ff00', SEMANTICS: 'S' })
    expect(rest('crm.status.get', { id: 5000 })).toEqual({ status: 400, body: { error: '', error_description: 'CRM Status is not found.' } })
    expect(rest('crm.status.get', {}).body.error_description).toBe('ID is not defined or invalid.')
  })

  // crm-status-list.md: order and filter by the fields of crm.status.fields; SORT ascending when no order is given.
  it('filters and orders the list', () => {
    const { rest } = testPortal()
    expect(rest('crm.status.list', { filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1' } }).body.result.map((s: any) => s.SORT)).toEqual(['10', '20', '30', '40', '50'])
    expect(rest('crm.status.list', { order: { SORT: 'DESC' }, filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1' } }).body.result[0].STATUS_ID).toBe('DT1030_1:FAIL')
    expect(rest('crm.status.list', { filter: { SEMANTICS: 'S' } }).body.result.map((s: any) => s.STATUS_ID)).toEqual(['DT1030_1:SUCCESS', 'DT1032_2:SUCCESS', 'DT1034_3:SUCCESS', 'DT1030_4:SUCCESS'])
    expect(rest('crm.status.list', { filter: { CATEGORY_ID: 4, SYSTEM: 'N' } }).body.total).toBe(2)
    expect(rest('crm.status.list', {}).body.total).toBe(20)
    expect(rest('crm.status.list', { filter: { ENTITY_ID: ['DYNAMIC_1030_STAGE_1'] } }).body).toEqual({ error: '', error_description: 'Filter by ENTITY_ID must be a string' })
  })

  // crm-status-fields.md: the field map itself, titles in the portal language, the field's name where the module has no title.
  it('describes the fields', () => {
    const { portal, rest } = testPortal()
    const fields = rest('crm.status.fields').body.result
    expect(Object.keys(fields)).toEqual(['ID', 'ENTITY_ID', 'STATUS_ID', 'SORT', 'NAME', 'NAME_INIT', 'SYSTEM', 'CATEGORY_ID', 'COLOR', 'SEMANTICS', 'EXTRA'])
    expect(fields.STATUS_ID).toEqual({ type: 'string', isRequired: true, isReadOnly: false, isImmutable: true, isMultiple: false, isDynamic: false, title: 'Status' })
    expect(fields.SEMANTICS).toEqual({ type: 'char', isRequired: false, isReadOnly: false, isImmutable: true, isMultiple: false, isDynamic: false, title: 'SEMANTICS' })
    const ru = portal.issueTokens(1, 'ru').accessToken
    expect((portal.rest({ method: 'crm.status.fields', params: {}, auth: ru }).body as any).result.ENTITY_ID.title).toBe('ID элемента сущности')
  })

  // crm-status-entity-types.md: one entry per smart process pipeline, "DYNAMIC_177_STAGE_7" example;
  // NAME "#NAME# (#CATEGORY#)" (crm/lang/en/classes/general/crm_status.php); IS_ENABLED = isStagesEnabled (CCrmStatus::getDynamicEntities).
  it('lists every pipeline\'s stage dictionary in crm.status.entity.types', () => {
    const { rest } = testPortal()
    const types = rest('crm.status.entity.types').body.result
    expect(types.map((t: any) => t.ID)).toEqual(['DYNAMIC_1030_STAGE_1', 'DYNAMIC_1030_STAGE_4', 'DYNAMIC_1032_STAGE_2', 'DYNAMIC_1034_STAGE_3'])
    expect(types[1]).toEqual({
      ID: 'DYNAMIC_1030_STAGE_4',
      NAME: 'Equipment Repairs (Warranty repairs)',
      SEMANTIC_INFO: [],
      PREFIX: 'DT1030_4',
      FIELD_ATTRIBUTE_SCOPE: 'category_4',
      ENTITY_TYPE_ID: 1030,
      IS_ENABLED: true,
      CATEGORY_ID: 4,
      CATEGORY_NAME: 'Warranty repairs',
      CATEGORY_SORT: 600,
      IS_DEFAULT_CATEGORY: false,
    })
    expect(types[3]).toMatchObject({ ENTITY_TYPE_ID: 1034, IS_ENABLED: false, IS_DEFAULT_CATEGORY: true })
  })

  // crm-status-entity-items.md: {NAME, SORT (a number), STATUS_ID} by SORT; "The parameter entityId is not defined or invalid."
  it('gives a dictionary\'s items in short form', () => {
    const { rest } = testPortal()
    expect(rest('crm.status.entity.items', { entityId: 'DYNAMIC_1032_STAGE_2' }).body.result[0]).toEqual({ NAME: 'Start', SORT: 10, STATUS_ID: 'DT1032_2:NEW' })
    expect(rest('crm.status.entity.items', { entityId: 'dynamic_1032_stage_2' }).body.result).toHaveLength(5)
    expect(rest('crm.status.entity.items', { entityId: 'NOPE' }).body.result).toEqual([])
    expect(rest('crm.status.entity.items', {}).body).toEqual({ error: '', error_description: 'The parameter entityId is not defined or invalid.' })
  })

  // index.md "Scope: crm"; _includes/system-errors.md insufficient_scope.
  it('needs the crm scope', () => {
    const { rest } = testPortal({ scopes: ['placement'] })
    expect(rest('crm.status.list', { filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1' } }).status).toBe(403)
  })

  // A data file written before stages (no `stages` key) still loads: each pipeline gets the default stages at start.
  it('gives the pipelines of an older data file their default stages', () => {
    const old = seedState() as unknown as Record<string, unknown>
    delete old.stages
    delete old.nextStageId
    const { rest } = testPortal({ initialState: old as never })
    expect(list(rest, entity(1030, 4)).body.result.map((s: any) => s.NAME)).toEqual(['Start', 'Prepare', 'Approval', 'Success', 'Failed'])
    expect(rest('crm.status.list', {}).body.total).toBe(20)
  })
})
