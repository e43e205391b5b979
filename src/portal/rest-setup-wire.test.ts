import { describe, expect, it } from 'vitest'
import { createdIds, parseStageRows, readSemantics, setupWriteCall, stageCode, survivesQueryString } from './rest-setup-wire'

describe('the setup writes on the REST wire (docs/platform.md "Stages", "Pipelines", "Relations")', () => {
  it('creates a type with Y/N flags, the code, and the source\'s entityTypeId only when kept', () => {
    expect(setupWriteCall({ kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: 1038, title: 'Audits', code: 'audits', flags: { isStagesEnabled: true, isSetOpenPermissions: false } }))
      .toEqual({ method: 'crm.type.add', params: { fields: { title: 'Audits', code: 'audits', isStagesEnabled: 'Y', isSetOpenPermissions: 'N', entityTypeId: 1038 } } })
    expect(setupWriteCall({ kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: null, title: 'Audits', code: null, flags: {} }))
      .toEqual({ method: 'crm.type.add', params: { fields: { title: 'Audits' } } })
  })

  it('never sends a flag portal REST cannot set', () => {
    const call = setupWriteCall({ kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: null, title: 'A', code: null, flags: { isRecurringEnabled: true, isPaymentsEnabled: true } })
    expect(call.params).toEqual({ fields: { title: 'A' } })
  })

  it('updates a type by its record id: relations whole as "true"/"false", linked fields with isUseInUserfieldEnabled Y', () => {
    const call = setupWriteCall({
      kind: 'update_type',
      entityTypeId: 1038,
      id: 7,
      changes: {
        relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [] },
        linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false },
      },
    })
    expect(call).toEqual({
      method: 'crm.type.update',
      params: {
        id: 7,
        fields: {
          relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }], child: [] },
          linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'true', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'false', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'false' },
          isUseInUserfieldEnabled: 'Y',
        },
      },
    })
  })

  it('sends only the relation sides asked for: the portal keeps a side left out (crm/lib/controller/type.php saveRelations)', () => {
    const relations = { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [] }
    expect(setupWriteCall({ kind: 'update_type', entityTypeId: 1038, id: 7, changes: { relations }, sides: ['parent'] }).params)
      .toEqual({ id: 7, fields: { relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }] } } })
    // No side at all: no relations key (a flag write that only took predefined links along).
    expect(setupWriteCall({ kind: 'update_type', entityTypeId: 1038, id: 7, changes: { relations, isClientEnabled: false }, sides: [] }).params)
      .toEqual({ id: 7, fields: { isClientEnabled: 'N' } })
  })

  it('adds, changes and deletes pipelines with crm.category.*', () => {
    expect(setupWriteCall({ kind: 'add_pipeline', entityTypeId: 1038, name: 'Audits', sort: 500, isDefault: false }))
      .toEqual({ method: 'crm.category.add', params: { entityTypeId: 1038, fields: { name: 'Audits', sort: 500, isDefault: 'N' } } })
    expect(setupWriteCall({ kind: 'update_pipeline', entityTypeId: 1038, id: 9, name: 'Main', sort: 100 }))
      .toEqual({ method: 'crm.category.update', params: { entityTypeId: 1038, id: 9, fields: { name: 'Main', sort: 100 } } })
    expect(setupWriteCall({ kind: 'update_pipeline', entityTypeId: 1038, id: 9, name: 'Main', sort: 100, isDefault: true }).params)
      .toMatchObject({ fields: { isDefault: 'Y' } })
    expect(setupWriteCall({ kind: 'delete_pipeline', entityTypeId: 1038, id: 9 }))
      .toEqual({ method: 'crm.category.delete', params: { entityTypeId: 1038, id: 9 } })
  })

  it('adds a stage to the pipeline\'s dictionary with the bare code, its pipeline, and SEMANTICS only for S and F', () => {
    expect(setupWriteCall({ kind: 'add_stage', entityTypeId: 1038, categoryId: 9, code: 'REVIEW', name: 'Review', sort: 25, semantics: 'process', color: '#AABBCC' }))
      .toEqual({ method: 'crm.status.add', params: { fields: { ENTITY_ID: 'DYNAMIC_1038_STAGE_9', STATUS_ID: 'REVIEW', NAME: 'Review', SORT: 25, COLOR: '#AABBCC', CATEGORY_ID: 9 } } })
    expect(setupWriteCall({ kind: 'add_stage', entityTypeId: 1038, categoryId: 9, code: 'WON', name: 'Won', sort: 60, semantics: 'success', color: '#00FF00' }).params)
      .toMatchObject({ fields: { SEMANTICS: 'S' } })
    expect(setupWriteCall({ kind: 'add_stage', entityTypeId: 1038, categoryId: 9, code: 'LOST', name: 'Lost', sort: 70, semantics: 'failure', color: '#FF0000' }).params)
      .toMatchObject({ fields: { SEMANTICS: 'F' } })
  })

  it('changes a stage\'s NAME, SORT and COLOR and deletes it by id, never FORCED', () => {
    expect(setupWriteCall({ kind: 'update_stage', entityTypeId: 1038, id: 120, name: 'Done', sort: 40, color: '#000000' }))
      .toEqual({ method: 'crm.status.update', params: { id: 120, fields: { NAME: 'Done', SORT: 40, COLOR: '#000000' } } })
    expect(setupWriteCall({ kind: 'delete_stage', entityTypeId: 1038, id: 120 }))
      .toEqual({ method: 'crm.status.delete', params: { id: 120 } })
  })

  it('reads the new ids from the answers of creates', () => {
    const create = { kind: 'create_type', sourceEntityTypeId: 1038, entityTypeId: 1038, title: 'A', code: null, flags: {} } as const
    expect(createdIds(create, { type: { id: '7', entityTypeId: '1038' } })).toEqual({ id: 7, entityTypeId: 1038 })
    expect(createdIds(create, { type: {} })).toBeNull()
    expect(createdIds({ kind: 'add_pipeline', entityTypeId: 1038, name: 'P', sort: 1, isDefault: false }, { category: { id: 12 } })).toEqual({ id: 12 })
    expect(createdIds({ kind: 'add_stage', entityTypeId: 1038, categoryId: 9, code: 'X', name: 'X', sort: 1, semantics: 'process', color: '' }, '131')).toEqual({ id: 131 })
    expect(createdIds({ kind: 'delete_stage', entityTypeId: 1038, id: 1 }, true)).toEqual({})
  })
})

describe('stages as read (crm.status.list)', () => {
  it('drops the pipeline\'s prefix from the code, and any other prefix up to the first colon', () => {
    expect(stageCode('DT1038_9:NEW', 1038, 9)).toBe('NEW')
    expect(stageCode('DT1040_3:REVIEW', 1038, 9)).toBe('REVIEW')
    expect(stageCode('PLAIN', 1038, 9)).toBe('PLAIN')
  })

  it('reads S as success, F as failure, and null, "" and P as in progress', () => {
    expect([readSemantics('S'), readSemantics('F'), readSemantics(null), readSemantics(''), readSemantics('P'), readSemantics(undefined)])
      .toEqual(['success', 'failure', 'process', 'process', 'process', 'process'])
  })

  it('reads rows of strings into stages by SORT, leaving out rows of another dictionary', () => {
    const row = (id: string, code: string, sort: string, over: Record<string, unknown> = {}) =>
      ({ ID: id, ENTITY_ID: 'DYNAMIC_1038_STAGE_9', STATUS_ID: `DT1038_9:${code}`, NAME: code, NAME_INIT: '', SORT: sort, SYSTEM: 'N', CATEGORY_ID: '9', COLOR: '#111111', SEMANTICS: null, ...over })
    const stages = parseStageRows([
      row('12', 'SUCCESS', '40', { SEMANTICS: 'S', SYSTEM: 'Y' }),
      row('10', 'NEW', '10', { SYSTEM: 'Y' }),
      row('30', 'OTHER', '20', { ENTITY_ID: 'DYNAMIC_1038_STAGE_1' }),
      { ID: '31' },
      'garbage',
    ], 1038, 9)
    expect(stages).toEqual([
      { id: 10, code: 'NEW', name: 'NEW', sort: 10, semantics: 'process', color: '#111111', system: true },
      { id: 12, code: 'SUCCESS', name: 'SUCCESS', sort: 40, semantics: 'success', color: '#111111', system: true },
    ])
  })
})

describe('what a batch command can carry', () => {
  // The SDK writes batch commands with qs, which leaves out empty arrays and objects.
  it('refuses params holding an empty list or object anywhere, accepts everything else', () => {
    expect(survivesQueryString({ id: 1, fields: { relations: { parent: [{ entityTypeId: 2 }], child: [{ entityTypeId: 3 }] } } })).toBe(true)
    expect(survivesQueryString({ id: 1, fields: { relations: { parent: [{ entityTypeId: 2 }], child: [] } } })).toBe(false)
    expect(survivesQueryString({ id: 1, fields: {} })).toBe(false)
    expect(survivesQueryString({ id: 1, fields: { code: '', sort: 0, name: null } })).toBe(true)
  })
})
