// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { FLAGS } from '../../src/domain/flags'
import { testPortal } from './test-helpers'

describe('crm.type.* rules', () => {
  // crm-type-add.md; api-reference/crm/data-types.md: the output carries the REST-readable flags (isRecurringEnabled absent).
  it('creates a type with Y/N flags defaulting from the flag catalogue (isSetOpenPermissions Y)', () => {
    const { rest } = testPortal()
    const r = rest('crm.type.add', { fields: { title: 'Supply contracts', isStagesEnabled: 'Y' } })
    expect(r.status).toBe(200)
    const type = r.body.result.type
    for (const f of FLAGS.filter(f => f.rest !== 'absent'))
      expect(type[f.key]).toBe(f.key === 'isStagesEnabled' ? 'Y' : f.default ? 'Y' : 'N')
    expect(type.isRecurringEnabled).toBeUndefined()
    expect(type.isSetOpenPermissions).toBe('Y')
    expect(type.time).toBeUndefined()
    expect(r.body.time).toMatchObject({ start: expect.any(Number), operating: 0 })
  })

  it('assigns an even entityTypeId from 1030 up, different from the record id, never reused after delete', () => {
    const { rest } = testPortal()
    const a = rest('crm.type.add', { fields: { title: 'A' } }).body.result.type
    expect(a.entityTypeId).toBeGreaterThanOrEqual(1030)
    expect(a.entityTypeId % 2).toBe(0)
    expect(a.id).not.toBe(a.entityTypeId)
    expect(rest('crm.type.delete', { id: a.id }).body.result).toEqual([])
    const b = rest('crm.type.add', { fields: { title: 'B' } }).body.result.type
    expect(b.entityTypeId).toBe(a.entityTypeId + 2)
    const again = rest('crm.type.add', { fields: { title: 'C', entityTypeId: a.entityTypeId } })
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('INVALID_ARG_VALUE')
  })

  it('accepts custom ids in 128–192 or even ≥ 1030 and refuses the rest as out of range', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.add', { fields: { title: 'x', entityTypeId: 128 } }).status).toBe(200)
    expect(rest('crm.type.add', { fields: { title: 'x', entityTypeId: 192 } }).status).toBe(200)
    expect(rest('crm.type.add', { fields: { title: 'x', entityTypeId: 2000 } }).status).toBe(200)
    for (const bad of [127, 193, 500, 1031, 1028]) {
      const r = rest('crm.type.add', { fields: { title: 'x', entityTypeId: bad } })
      expect(r.body).toEqual({ error: 'INVALID_ARG_VALUE', error_description: 'entityTypeId is out of allowed range' })
    }
  })

  it('requires a title', () => {
    const { rest } = testPortal()
    const r = rest('crm.type.add', { fields: { title: '  ' } })
    expect(r.status).toBe(400)
    expect(r.body.error_description).toBe('Required field "Title" is not filled in')
    expect(rest('crm.type.update', { id: 1, fields: { title: '' } }).body.error_description).toBe('Required field "Title" is not filled in')
    expect(rest('crm.type.add', {}).body.error).toBe(100)
  })

  it('refuses past the maximum number of smart processes', () => {
    const { rest } = testPortal({ maxTypes: 4 })
    expect(rest('crm.type.add', { fields: { title: 'fourth' } }).status).toBe(200)
    const r = rest('crm.type.add', { fields: { title: 'fifth' } })
    expect(r.body).toEqual({ error: 'CREATE_DYNAMIC_TYPE_RESTRICTED', error_description: 'Maximum number of smart processes exceeded' })
  })

  it('answers error 0 "not found" for an unknown id (crm-type-get.md)', () => {
    const { rest } = testPortal()
    const r = rest('crm.type.get', { id: 999 })
    expect(r.status).toBe(400)
    expect(r.body.error).toBe(0)
    expect(rest('crm.type.update', { id: 999, fields: { title: 'x' } }).body.error).toBe(0)
    expect(rest('crm.type.getByEntityTypeId', { entityTypeId: 1030 }).body.result.type.id).toBe(1)
  })

  it('refuses to delete a type that has items, and deletes it once they are gone', () => {
    const { rest } = testPortal()
    const r = rest('crm.type.delete', { id: 1 })
    expect(r.body).toEqual({ error: 'BX_ERROR', error_description: 'You cannot delete an entity type that has items' })
    const items = rest('crm.item.list', { entityTypeId: 1030, select: ['id'] }).body.result.items
    for (const item of items)
      rest('crm.item.delete', { entityTypeId: 1030, id: item.id })
    expect(rest('crm.type.delete', { id: 1 }).status).toBe(200)
    expect(rest('crm.type.get', { id: 1 }).body.error).toBe(0)
  })

  it('shows isInitialized N right after add and Y on the next read', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.add', { fields: { title: 'New' } }).body.result.type
    expect(t.isInitialized).toBe('N')
    expect(rest('crm.type.get', { id: t.id }).body.result.type.isInitialized).toBe('Y')
  })

  it('changes updatedTime and updatedBy on every write, even twice in the same second', () => {
    const { rest } = testPortal()
    const before = rest('crm.type.get', { id: 2 }).body.result.type
    const first = rest('crm.type.update', { id: 2, fields: { isObserversEnabled: 'Y' } }, 3).body.result.type
    const second = rest('crm.type.update', { id: 2, fields: { isObserversEnabled: 'N' } }, 1).body.result.type
    expect(first.updatedBy).toBe(3)
    expect(second.updatedBy).toBe(1)
    expect(new Set([before.updatedTime, first.updatedTime, second.updatedTime]).size).toBe(3)
    expect(second.updatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/)
  })

  // crm-type-update.md: linkedUserFields count only with isUseInUserfieldEnabled 'Y' in the same call.
  it('replaces linkedUserFields whole: exactly the three keys, missing ones N', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.update', { id: 1, fields: { isUseInUserfieldEnabled: 'Y', linkedUserFields: { 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'true', 'OTHER|UF': 'true' } } }).body.result.type
    expect(t.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': 'N', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'N', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'Y' })
  })

  it('lists 50 a page with total and next, rows without relations and linkedUserFields', () => {
    const { rest, portal } = testPortal()
    portal.addTypes(120)
    const p1 = rest('crm.type.list', {}).body
    expect(p1.result.types).toHaveLength(50)
    expect(p1.total).toBe(123)
    expect(p1.next).toBe(50)
    expect(p1.result.types[0].relations).toBeUndefined()
    expect(p1.result.types[0].linkedUserFields).toBeUndefined()
    const p3 = rest('crm.type.list', { start: 100 }).body
    expect(p3.result.types).toHaveLength(23)
    expect(p3.next).toBeUndefined()
  })

  it('filters and orders the list', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.list', { filter: { entityTypeId: 1032 } }).body.result.types.map((t: any) => t.title)).toEqual(['Supplier Contracts'])
    expect(rest('crm.type.list', { filter: { '%title': 'camp' } }).body.result.types.map((t: any) => t.entityTypeId)).toEqual([1034])
    expect(rest('crm.type.list', { order: { id: 'DESC' } }).body.result.types.map((t: any) => t.id)).toEqual([3, 2, 1])
    expect(rest('crm.type.list', { filter: { '>id': 1 }, order: { title: 'ASC' } }).body.result.types.map((t: any) => t.id)).toEqual([3, 2])
    expect(rest('crm.type.list', { filter: { 0: { 'logic': 'OR', '0': { '%title': 'repairs' }, '1': { entityTypeId: 1034 } } } }).body.total).toBe(2)
  })

  it('describes its fields', () => {
    const { rest } = testPortal()
    const fields = rest('crm.type.fields').body.result.fields
    expect(fields.title.isRequired).toBe(true)
    expect(fields.isClientEnabled.type).toBe('boolean')
  })

  it('lets only admins write types', () => {
    const { rest } = testPortal()
    for (const [method, params] of [['crm.type.add', { fields: { title: 'x' } }], ['crm.type.update', { id: 1, fields: { title: 'x' } }], ['crm.type.delete', { id: 3 }]] as const) {
      const r = rest(method, params, 2)
      expect(r.status).toBe(400)
      expect(r.body.error).toBe('ACCESS_DENIED')
    }
    // crm-type-list.md: CRM admins only (the emulator let employees list before).
    expect(rest('crm.type.list', {}, 2).body.error).toBe('ACCESS_DENIED')
    expect(rest('crm.type.update', { id: 1, fields: { title: 'By the second admin' } }, 3).status).toBe(200)
  })
})
