// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { testPortal } from './test-helpers'

const DENIED = { error: 'ACCESS_DENIED', error_description: 'Access denied' }

describe('users and rights', () => {
  // crm-type-list.md, crm-type-fields.md, crm-type-add.md, crm-type-update.md, crm-type-delete.md:
  // "любой пользователь с административным доступом к разделу CRM"
  it('lets CRM admins who are not portal admins list, describe and write types; refuses employees', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.list', {}, 4).status).toBe(200)
    expect(rest('crm.type.fields', {}, 4).status).toBe(200)
    expect(rest('crm.type.update', { id: 1, fields: { title: 'By Dana' } }, 4).status).toBe(200)
    for (const user of [2, 5]) {
      expect(rest('crm.type.list', {}, user)).toMatchObject({ status: 400, body: DENIED })
      expect(rest('crm.type.fields', {}, user)).toMatchObject({ status: 400, body: DENIED })
      expect(rest('crm.type.add', { fields: { title: 'x' } }, user)).toMatchObject({ status: 400, body: DENIED })
      expect(rest('crm.type.delete', { id: 3 }, user)).toMatchObject({ status: 400, body: DENIED })
    }
  })

  // crm-type-get.md, crm-type-get-by-entity-type-id.md: CRM admin or read permission on that smart process
  it('lets readers get a type they may read, refuses the others, and answers not found first', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.get', { id: 1 }, 2).status).toBe(200)
    expect(rest('crm.type.getByEntityTypeId', { entityTypeId: 1034 }, 2).status).toBe(200)
    expect(rest('crm.type.getByEntityTypeId', { entityTypeId: 1032 }, 5).status).toBe(200)
    expect(rest('crm.type.getByEntityTypeId', { entityTypeId: 1034 }, 5)).toMatchObject({ status: 400, body: DENIED })
    expect(rest('crm.type.get', { id: 3 }, 5)).toMatchObject({ status: 400, body: DENIED })
    expect(rest('crm.type.get', { id: 999 }, 5)).toMatchObject({ status: 400, body: { error: 0 } })
  })

  // crm-item-list.md, crm-item-get.md: read permission on the type's items
  it('refuses items of a type the user may not read', () => {
    const { rest } = testPortal()
    expect(rest('crm.item.list', { entityTypeId: 1030 }, 5).status).toBe(200)
    expect(rest('crm.item.list', { entityTypeId: 1034 }, 5)).toMatchObject({ status: 400, body: DENIED })
    expect(rest('crm.item.get', { entityTypeId: 1034, id: 1 }, 5)).toMatchObject({ status: 400, body: { error: 'ACCESS_DENIED' } })
  })

  // api-reference/common/users/profile.md: any user, basic scope; ADMIN is the portal admin flag
  it('answers profile with ADMIN for the portal admin only', () => {
    const { rest } = testPortal()
    expect(rest('profile', {}, 4).body.result).toEqual({ ID: '4', ADMIN: false, NAME: 'Dana', LAST_NAME: 'Petrova', PERSONAL_GENDER: '', TIME_ZONE: '' })
    expect(rest('profile', {}, 1).body.result.ADMIN).toBe(true)
    expect(rest('user.admin', {}, 4).body.result).toBe(false)
  })

  // placement-bind.md "Кто может выполнять метод: администратор"; rest/lib/api/placement.php + accessexception.php: 403 "Access denied!"
  it('keeps placement.bind, unbind and get to portal admins, CRM admins included', () => {
    const { rest } = testPortal()
    const bind = { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'http://localhost:5173/' }
    for (const [method, params] of [['placement.bind', bind], ['placement.unbind', bind], ['placement.get', {}]] as const)
      expect(rest(method, params, 4)).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED', error_description: 'Access denied!' } })
    expect(rest('placement.list', {}, 4).status).toBe(200)
  })

  // api-reference/crm/auxiliary/enum/crm-enum-owner-type.md: any user; standard types then smart processes
  it('lists owner types as the doc shows them, for any user', () => {
    const { rest, portal } = testPortal()
    const rows = rest('crm.enum.ownertype', {}, 5).body.result
    expect(rows.slice(0, 10).map((r: any) => r.ID)).toEqual([1, 2, 3, 4, 5, 31, 7, 8, 36, 39])
    expect(rows.slice(0, 10).map((r: any) => r.SYMBOL_CODE)).toEqual(['LEAD', 'DEAL', 'CONTACT', 'COMPANY', 'INVOICE', 'SMART_INVOICE', 'QUOTE', 'REQUISITE', 'SMART_DOCUMENT', 'SMART_B2E_DOC'])
    expect(rows[10]).toEqual({ ID: 1030, NAME: 'Equipment Repairs', SYMBOL_CODE: 'DYNAMIC_1030', SYMBOL_CODE_SHORT: 'T406' })
    const ru = portal.rest({ method: 'crm.enum.ownertype', params: {}, auth: portal.issueTokens(2, 'ru').accessToken })
    expect((ru.body as any).result[0]).toEqual({ ID: 1, NAME: 'Лид', SYMBOL_CODE: 'LEAD', SYMBOL_CODE_SHORT: 'L' })
  })
})
