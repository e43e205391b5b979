// @vitest-environment node
/**
 * entity.* storages: api-reference/entity/ (entities/, items/, items/properties/)
 * and rest/classes/general/rest_entity.php. Users (users.ts): 1 and 3 admins,
 * 2 and 5 employees, 4 CRM admin who is not a portal admin.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadState, saveState } from '../persist'
import { createPortal } from './portal'
import { seedState } from './seed'
import { testPortal } from './test-helpers'

const ENTITY_SCOPES = ['crm', 'placement', 'entity']
const DENIED = { error: 'ACCESS_DENIED', error_description: 'Access denied!' }
const NOT_FOUND = { error: 'ERROR_ENTITY_NOT_FOUND', error_description: 'Entity not found' }

function portalWithStorage(access?: Record<string, string>) {
  const t = testPortal({ scopes: ENTITY_SCOPES })
  expect(t.rest('entity.add', { ENTITY: 'journal', NAME: 'Setup journal', ...(access ? { ACCESS: access } : {}) }).body.result).toBe(true)
  return t
}

describe('entity.* storages', () => {
  it('starts with no storage, in the seed and after a reset', () => {
    expect(seedState().entityStorages).toEqual([])
    const { rest, portal } = portalWithStorage()
    portal.reset()
    expect(rest('entity.get').body.result).toEqual([])
  })

  // _includes/system-errors.md: 403 insufficient_scope; entity-add.md "Scope: entity"
  it('answers 403 insufficient_scope to a token without the entity scope', () => {
    const { rest } = testPortal({ scopes: ['crm', 'placement'] })
    expect(rest('entity.add', { ENTITY: 'journal', NAME: 'x' })).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } })
    expect(rest('entity.item.get', { ENTITY: 'journal' }).status).toBe(403)
  })

  // entities/entity-add.md: result true; ENTITY a-z A-Z 0-9 _, at most 13 characters; errors ERROR_ENTITY_ALREADY_EXISTS, ERROR_ARGUMENT with `argument`
  it('creates a storage and checks its code', () => {
    const { rest } = portalWithStorage()
    expect(rest('entity.get', { ENTITY: 'journal' }).body.result).toEqual({ ID: '1', IBLOCK_TYPE_ID: 'rest_entity', ENTITY: 'journal', NAME: 'Setup journal' })
    expect(rest('entity.add', { ENTITY: 'journal', NAME: 'Again' })).toMatchObject({ status: 400, body: { error: 'ERROR_ENTITY_ALREADY_EXISTS', error_description: 'Entity already exists' } })
    expect(rest('entity.add', { NAME: 'x' }).body).toEqual({ error: 'ERROR_ARGUMENT', error_description: 'Argument \'ENTITY\' is null or empty', argument: 'ENTITY' })
    // checkParams drops other characters: '-- --' is empty once cleaned.
    expect(rest('entity.add', { ENTITY: '-- --', NAME: 'x' }).body.argument).toBe('ENTITY')
    expect(rest('entity.add', { ENTITY: 'abcdefghijklmn', NAME: 'x' }).body).toEqual({ error: 'ERROR_ARGUMENT', error_description: 'Entity code is too long. Max length is 13 characters.', argument: '' })
    expect(rest('entity.add', { ENTITY: 'abcdefghijklm', NAME: 'x' }).body.result).toBe(true)
    // entity-get.md: ERROR_ENTITY_NOT_FOUND "Entity not found"
    expect(rest('entity.get', { ENTITY: 'nothing' })).toMatchObject({ status: 400, body: NOT_FOUND })
    expect(rest('entity.get').body.result.map((e: any) => e.ENTITY)).toEqual(['journal', 'abcdefghijklm'])
  })

  // entity-add.md "Кто может выполнять метод: любой пользователь при авторизации приложения"; "Создателю хранилища автоматически добавляется право X"
  // entity-delete.md / entity-update.md: X. (The docs let an employee create a storage; only its X-holders may change or delete it.)
  it('lets any user create a storage; only X (or an administrator) updates or deletes it', () => {
    const { rest } = portalWithStorage({ AU: 'R' })
    expect(rest('entity.add', { ENTITY: 'mine', NAME: 'Employee storage' }, 2).body.result).toBe(true)
    expect(rest('entity.rights', { ENTITY: 'mine' }, 2).body.result).toEqual({ U2: 'X' })
    expect(rest('entity.update', { ENTITY: 'journal', NAME: 'Renamed' }, 2)).toMatchObject({ status: 403, body: DENIED })
    expect(rest('entity.delete', { ENTITY: 'journal' }, 2)).toMatchObject({ status: 403, body: DENIED })
    // No right at all: the storage is not there for him (CIBlock::GetList checks read permission).
    expect(rest('entity.delete', { ENTITY: 'mine' }, 5)).toMatchObject({ status: 400, body: NOT_FOUND })
    // Administrators pass every iblock right check.
    expect(rest('entity.update', { ENTITY: 'mine', NAME: 'Checked by admin' }, 3).body.result).toBe(true)
    expect(rest('entity.delete', { ENTITY: 'mine' }, 2).body.result).toBe(true)
    expect(rest('entity.get', { ENTITY: 'mine' }).body).toEqual(NOT_FOUND)
  })

  // entity-update.md: ENTITY_NEW renames, ERROR_ENTITY_ALREADY_EXISTS for a taken code; ACCESS replaces the set and adds X for the caller
  it('renames a storage and replaces its rights', () => {
    const { rest } = portalWithStorage()
    rest('entity.add', { ENTITY: 'other', NAME: 'Other' })
    expect(rest('entity.update', { ENTITY: 'journal', ENTITY_NEW: 'other' }).body.error).toBe('ERROR_ENTITY_ALREADY_EXISTS')
    expect(rest('entity.update', { ENTITY: 'journal', ENTITY_NEW: 'journal2', NAME: ' Journal v2 ', ACCESS: { AU: 'R', U2: 'Z' } }).body.result).toBe(true)
    expect(rest('entity.get', { ENTITY: 'journal2' }).body.result).toMatchObject({ ENTITY: 'journal2', NAME: 'Journal v2' })
    // entity-add.md ACCESS: "Если передан другой уровень, такая запись права не будет добавлена"
    expect(rest('entity.rights', { ENTITY: 'journal2' }).body.result).toEqual({ AU: 'R', U1: 'X' })
    expect(rest('entity.update', { ENTITY: 'journal' }).body).toEqual(NOT_FOUND)
  })

  // entity-rights.md: reading by any user, changing with X; example answer {"U1":"W","AU":"R","U577":"X"}; null for an unknown storage
  it('reads and sets the rights with entity.rights', () => {
    const { rest } = portalWithStorage({ U1: 'W', AU: 'R' })
    expect(rest('entity.rights', { ENTITY: 'journal' }).body.result).toEqual({ U1: 'X', AU: 'R' })
    expect(rest('entity.rights', { ENTITY: 'journal' }, 2).body.result).toEqual({ U1: 'X', AU: 'R' })
    expect(rest('entity.rights', { ENTITY: 'journal', ACCESS: { AU: 'W' } }, 2)).toMatchObject({ status: 403, body: DENIED })
    expect(rest('entity.rights', { ENTITY: 'journal', ACCESS: { U4: 'W', AU: 'R' } }, 3).body.result).toEqual({ U4: 'W', AU: 'R', U3: 'X' })
    expect(rest('entity.rights', { ENTITY: 'nothing' }).body.result).toBeNull()
  })

  // items/properties/entity-item-property-*.md
  it('adds, reads, updates and deletes item properties', () => {
    const { rest } = portalWithStorage()
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'setting', NAME: 'Setting', TYPE: 'S', SORT: 200 }).body.result).toBe(true)
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'typeId', NAME: 'Type', TYPE: 'n', SORT: 100 }).body.result).toBe(true)
    expect(rest('entity.item.property.get', { ENTITY: 'journal' }).body.result).toEqual([
      { PROPERTY: 'typeId', NAME: 'Type', TYPE: 'N', SORT: '100' },
      { PROPERTY: 'setting', NAME: 'Setting', TYPE: 'S', SORT: '200' },
    ])
    expect(rest('entity.item.property.get', { ENTITY: 'journal', PROPERTY: 'setting' }).body.result).toEqual({ PROPERTY: 'setting', NAME: 'Setting', TYPE: 'S', SORT: '200' })
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'setting' }).body).toEqual({ error: 'ERROR_PROPERTY_ALREADY_EXISTS', error_description: 'Property already exists' })
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'x', TYPE: 'L' }).body).toEqual({ error: 'ERROR_ARGUMENT', error_description: 'Wrong entity item property type', argument: 'TYPE' })
    expect(rest('entity.item.property.add', { ENTITY: 'journal', NAME: 'x' }).body.error_description).toBe('Argument \'PROPERTY\' is null or empty')
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: '1x' }).body.error).toBe('ERROR_CORE')
    expect(rest('entity.item.property.get', { ENTITY: 'journal', PROPERTY: 'nope' }).body).toEqual({ error: 'ERROR_PROPERTY_NOT_FOUND', error_description: 'Property not found' })
    expect(rest('entity.item.property.update', { ENTITY: 'journal', PROPERTY: 'setting', PROPERTY_NEW: 'typeId' }).body.error_description).toBe('Property typeId already exists')
    expect(rest('entity.item.property.update', { ENTITY: 'journal', PROPERTY: 'setting', TYPE: 'F' }).body.error_description).toBe('Cannot change property type to File')
    expect(rest('entity.item.property.update', { ENTITY: 'journal', PROPERTY: 'setting', PROPERTY_NEW: 'key', SORT: 50 }).body.result).toBe(true)
    expect(rest('entity.item.property.get', { ENTITY: 'journal' }).body.result.map((p: any) => p.PROPERTY)).toEqual(['key', 'typeId'])
    expect(rest('entity.item.property.delete', { ENTITY: 'journal', PROPERTY: 'key' }).body.result).toBe(true)
    expect(rest('entity.item.property.delete', { ENTITY: 'journal', PROPERTY: 'key' }).body.error).toBe('ERROR_PROPERTY_NOT_FOUND')
    expect(rest('entity.item.property.add', { ENTITY: 'nothing', PROPERTY: 'a' }).body).toEqual(NOT_FOUND)
  })

  // items/entity-item-add.md (result: the new ID), entity-item-get.md "Тип item" and PROPERTY_VALUES
  it('adds items with property values and reads them back', () => {
    const { rest, clock } = portalWithStorage()
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'typeId', NAME: 'Type', TYPE: 'N' })
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'change', NAME: 'Change', TYPE: 'S' })
    const id = rest('entity.item.add', { ENTITY: 'journal', NAME: 'Stage renamed', PREVIEW_TEXT: 'Intake', DATE_ACTIVE_FROM: '2026-05-02T12:00:00+03:00', PROPERTY_VALUES: { typeId: 1030, change: '{"stage":"NEW"}', unknown: 'dropped' } }).body.result
    expect(id).toBe(1)
    clock.advance(5000)
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'Second', ACTIVE: 'N', SORT: 10 }).body.result).toBe(2)
    const r = rest('entity.item.get', { ENTITY: 'journal' })
    expect(r.body.total).toBe(2)
    expect(r.body.next).toBeUndefined()
    expect(r.body.result[0]).toEqual({
      ID: '1',
      TIMESTAMP_X: '2026-05-02T12:00:00+03:00',
      MODIFIED_BY: '1',
      DATE_CREATE: '2026-05-02T12:00:00+03:00',
      CREATED_BY: '1',
      ACTIVE: 'Y',
      DATE_ACTIVE_FROM: '2026-05-02T12:00:00+03:00',
      DATE_ACTIVE_TO: '',
      SORT: '500',
      NAME: 'Stage renamed',
      PREVIEW_PICTURE: null,
      PREVIEW_TEXT: 'Intake',
      DETAIL_PICTURE: null,
      DETAIL_TEXT: null,
      CODE: null,
      ENTITY: 'journal',
      SECTION: null,
      PROPERTY_VALUES: { typeId: '1030', change: '{"stage":"NEW"}' },
    })
    expect(r.body.result[1]).toMatchObject({ ID: '2', ACTIVE: 'N', SORT: '10', PROPERTY_VALUES: { typeId: '', change: '' } })
    // entity-item-add.md errors: ERROR_ENTITY_NOT_FOUND; a nameless element is refused by the iblock validator (ERROR_ARGUMENT)
    expect(rest('entity.item.add', { ENTITY: 'nothing', NAME: 'x' }).body).toEqual(NOT_FOUND)
    expect(rest('entity.item.add', { ENTITY: 'journal' }).body.error).toBe('ERROR_ARGUMENT')
  })

  // entity-item-get.md: FILTER with prefixes and PROPERTY_<CODE>, SORT, `start` with 50 a page, `next`, `total`
  it('filters, sorts and pages items: 120 items are 3 pages', () => {
    const { rest, portal } = portalWithStorage()
    // 120 calls in one frozen second: the 2/s limit is not what this test is about.
    portal.faults.rateLimit = false
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'typeId', NAME: 'Type', TYPE: 'N' })
    for (let i = 1; i <= 120; i++)
      rest('entity.item.add', { ENTITY: 'journal', NAME: `Change ${i}`, SORT: i, PROPERTY_VALUES: { typeId: i % 2 === 0 ? 1030 : 1032 } })
    const p1 = rest('entity.item.get', { ENTITY: 'journal' }).body
    expect([p1.result.length, p1.next, p1.total]).toEqual([50, 50, 120])
    const p2 = rest('entity.item.get', { ENTITY: 'journal', start: 50 }).body
    expect([p2.result.length, p2.next, p2.result[0].ID]).toEqual([50, 100, '51'])
    const p3 = rest('entity.item.get', { ENTITY: 'journal', start: 100 }).body
    expect([p3.result.length, p3.next, p3.total]).toEqual([20, undefined, 120])

    const even = rest('entity.item.get', { ENTITY: 'journal', FILTER: { PROPERTY_typeId: 1030, '>SORT': 100 }, SORT: { ID: 'DESC' } }).body
    expect(even.total).toBe(10)
    expect(even.result[0].NAME).toBe('Change 120')
    expect(rest('entity.item.get', { ENTITY: 'journal', FILTER: { '%NAME': 'change 11' } }).body.total).toBe(11)
    expect(rest('entity.item.get', { ENTITY: 'journal', FILTER: { '><ID': [10, 19] } }).body.total).toBe(10)
    expect(rest('entity.item.get', { ENTITY: 'journal', FILTER: { ID: [1, 2, 3] } }).body.total).toBe(3)
    expect(rest('entity.item.get', { ENTITY: 'journal', FILTER: { '!ID': 1 } }).body.total).toBe(119)
    expect(rest('entity.item.get', { entity: 'journal', filter: { '<=SORT': 2 }, sort: { SORT: 'DESC' } }).body.result.map((i: any) => i.ID)).toEqual(['2', '1'])
    expect(rest('entity.item.get', { ENTITY: 'nothing' }).body).toEqual(NOT_FOUND)
  })

  // entity-item-update.md / entity-item-delete.md: ERROR_ITEM_NOT_FOUND "Item not found"; "Argument 'ID' is null or empty" for ID <= 0
  it('updates and deletes items', () => {
    const { rest, clock } = portalWithStorage()
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'a', NAME: 'A' })
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'b', NAME: 'B' })
    rest('entity.item.add', { ENTITY: 'journal', NAME: 'One', PROPERTY_VALUES: { a: '1', b: '2' } })
    clock.advance(60_000)
    expect(rest('entity.item.update', { ENTITY: 'journal', ID: 1, NAME: 'One bis', PROPERTY_VALUES: { b: '3' } }, 3).body.result).toBe(true)
    const item = rest('entity.item.get', { ENTITY: 'journal' }).body.result[0]
    expect(item).toMatchObject({ NAME: 'One bis', MODIFIED_BY: '3', CREATED_BY: '1', TIMESTAMP_X: '2026-05-02T12:01:00+03:00', PROPERTY_VALUES: { a: '1', b: '3' } })
    expect(rest('entity.item.update', { ENTITY: 'journal', ID: 99, NAME: 'x' }).body).toEqual({ error: 'ERROR_ITEM_NOT_FOUND', error_description: 'Item not found' })
    expect(rest('entity.item.update', { ENTITY: 'journal', ID: 0 }).body).toEqual({ error: 'ERROR_ARGUMENT', error_description: 'Argument \'ID\' is null or empty', argument: 'ID' })
    expect(rest('entity.item.delete', { ENTITY: 'journal', ID: 1 }).body.result).toBe(true)
    expect(rest('entity.item.delete', { ENTITY: 'journal', ID: 1 }).body.error).toBe('ERROR_ITEM_NOT_FOUND')
    expect(rest('entity.item.get', { ENTITY: 'journal' }).body.total).toBe(0)
  })

  // api-reference/entity/index.md "Уровни прав доступа": R reads, W writes items, X manages; entity-item-add/update/delete.md: W or X
  it('lets an employee read with R for AU, write only with W, and manage properties only with X', () => {
    const { rest } = portalWithStorage({ AU: 'R' })
    rest('entity.item.add', { ENTITY: 'journal', NAME: 'Admin entry' })
    expect(rest('entity.item.get', { ENTITY: 'journal' }, 2).body.result.map((i: any) => i.NAME)).toEqual(['Admin entry'])
    expect(rest('entity.get', { ENTITY: 'journal' }, 2).body.result.ENTITY).toBe('journal')
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'Employee entry' }, 2)).toMatchObject({ status: 403, body: DENIED })
    expect(rest('entity.item.update', { ENTITY: 'journal', ID: 1, NAME: 'x' }, 2)).toMatchObject({ status: 403, body: DENIED })
    expect(rest('entity.item.delete', { ENTITY: 'journal', ID: 1 }, 2)).toMatchObject({ status: 403, body: DENIED })

    rest('entity.rights', { ENTITY: 'journal', ACCESS: { AU: 'R', U2: 'W' } })
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'Employee entry' }, 2).body.result).toBe(2)
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'Other employee' }, 5).status).toBe(403)
    expect(rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'p', NAME: 'P' }, 2)).toMatchObject({ status: 403, body: DENIED })
    // The CRM administrator is no portal administrator: only AU R here.
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'x' }, 4).status).toBe(403)
  })

  // entity-item-get.md: any user may call it; the list holds only what he may read (CHECK_PERMISSIONS Y)
  it('gives an empty list to a user without any right, and hides the storage from entity.get', () => {
    const { rest } = portalWithStorage()
    rest('entity.item.add', { ENTITY: 'journal', NAME: 'Private' })
    expect(rest('entity.item.get', { ENTITY: 'journal' }, 2).body).toMatchObject({ result: [], total: 0 })
    expect(rest('entity.get', {}, 2).body.result).toEqual([])
    expect(rest('entity.item.add', { ENTITY: 'journal', NAME: 'x' }, 2).body).toEqual(NOT_FOUND)
  })

  // Storages persist in the data file like pipelines (persist.ts)
  it('keeps storages, properties, items and the id sequences across a save and load', () => {
    const { rest, portal } = portalWithStorage({ AU: 'R' })
    rest('entity.item.property.add', { ENTITY: 'journal', PROPERTY: 'typeId', NAME: 'Type', TYPE: 'N' })
    rest('entity.item.add', { ENTITY: 'journal', NAME: 'Kept', PROPERTY_VALUES: { typeId: 1030 } })
    const file = join(mkdtempSync(join(tmpdir(), 'sps-entity-test-')), 'portal.json')
    saveState(file, portal.ctx.state)
    const again = createPortal({ initialState: loadState(file)!, scopes: ENTITY_SCOPES })
    const auth = again.issueTokens(1).accessToken
    const call = (method: string, params: Record<string, unknown>) => (again.rest({ method, params, auth }).body as any)
    expect(call('entity.item.get', { ENTITY: 'journal' }).result[0]).toMatchObject({ NAME: 'Kept', PROPERTY_VALUES: { typeId: '1030' } })
    expect(call('entity.rights', { ENTITY: 'journal' }).result).toEqual({ AU: 'R', U1: 'X' })
    expect(call('entity.item.add', { ENTITY: 'journal', NAME: 'Next' }).result).toBe(2)
  })
})
