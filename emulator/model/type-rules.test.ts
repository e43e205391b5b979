// @vitest-environment node
/**
 * TypeTable::onBeforeUpdate (crm/lib/Model/Dynamic/TypeTable.php; texts from
 * crm/lang/{en,ru}/lib/Model/Dynamic/TypeTable.php; docs/platform.md "Flags"):
 * pipelines off with more than one, or the recycle bin off while it holds the
 * type's items, fail the whole update on every path; nothing is saved.
 */
import { describe, expect, it } from 'vitest'
import { buildEmulator } from '../server'
import { RestError } from './errors'
import { testPortal } from './test-helpers'
import { findTypeByEntityTypeId, updateType } from './types'

const wholeUpdate = {
  title: 'Renamed',
  isCategoriesEnabled: 'N',
  isObserversEnabled: 'N',
  isUseInUserfieldEnabled: 'Y',
  linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'false', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'true', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'false' },
  relations: { parent: [{ entityTypeId: 4, isChildrenListEnabled: 'true' }], child: [] },
}

describe('TypeTable::onBeforeUpdate rules', () => {
  it('refuses pipelines off while Equipment Repairs has two, saving nothing, in the token\'s language', () => {
    const { portal, rest } = testPortal()
    const before = rest('crm.type.get', { id: 1 }).body.result.type
    const r = rest('crm.type.update', { id: 1, fields: wholeUpdate })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ error: 'BX_ERROR', error_description: 'You cannot disable pipelines if there more than one of them.' })
    expect(rest('crm.type.get', { id: 1 }).body.result.type).toEqual(before)
    const auth = portal.issueTokens(1, 'ru').accessToken
    expect((portal.rest({ method: 'crm.type.update', params: { id: 1, fields: wholeUpdate }, auth }).body as any).error_description).toBe('Воронки могут быть отключены, только если их меньше 2')
    // With one pipeline left the same update goes through.
    expect(rest('crm.category.delete', { entityTypeId: 1030, id: 4 }).status).toBe(200)
    expect(rest('crm.type.update', { id: 1, fields: wholeUpdate }).body.result.type).toMatchObject({ title: 'Renamed', isCategoriesEnabled: 'N' })
  })

  it('refuses the recycle bin off while it holds items of the type, and allows it once emptied', () => {
    const { portal, rest } = testPortal()
    const type = rest('crm.type.add', { fields: { title: 'Bins', isRecyclebinEnabled: 'Y' } }).body.result.type
    const item = rest('crm.item.add', { entityTypeId: type.entityTypeId, fields: { title: 'x' } }).body.result.item
    rest('crm.item.delete', { entityTypeId: type.entityTypeId, id: item.id })
    const r = rest('crm.type.update', { id: type.id, fields: { title: 'Other', isRecyclebinEnabled: 'N' } })
    expect(r.body).toEqual({ error: 'BX_ERROR', error_description: 'Remove all items of this type from the Recycle Bin before disabling it.' })
    const auth = portal.issueTokens(1, 'ru').accessToken
    expect((portal.rest({ method: 'crm.type.update', params: { id: type.id, fields: { isRecyclebinEnabled: 'N' } }, auth }).body as any).error_description).toBe('Перед отключением корзины удалите из неё все элементы этого типа')
    expect(rest('crm.type.get', { id: type.id }).body.result.type).toMatchObject({ title: 'Bins', isRecyclebinEnabled: 'Y' })
    portal.recycleBin.empty(type.entityTypeId)
    expect(rest('crm.type.update', { id: type.id, fields: { isRecyclebinEnabled: 'N' } }).body.result.type.isRecyclebinEnabled).toBe('N')
  })

  // The module compares with the stored value: only Y → N is checked.
  it('lets an update that keeps pipelines on, or sends N when they are off, through', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.update', { id: 1, fields: { isCategoriesEnabled: 'Y', title: 'Still' } }).status).toBe(200)
    rest('crm.category.add', { entityTypeId: 1032, fields: { name: 'Second' } })
    expect(rest('crm.type.update', { id: 2, fields: { isCategoriesEnabled: 'N' } }).status).toBe(200)
  })

  it('holds on the model path too (another admin\'s screen): nothing written', () => {
    const { portal } = testPortal()
    const rec = findTypeByEntityTypeId(portal.ctx, 1030)
    const snapshot = JSON.stringify(portal.ctx.state)
    expect(() => updateType(portal.ctx, 3, rec.id, { title: 'x', flags: { isCategoriesEnabled: false, isSourceEnabled: true }, relations: { parent: [], child: [] } })).toThrow(RestError)
    expect(JSON.stringify(portal.ctx.state)).toBe(snapshot)
  })

  it('answers the vibecode PATCH with 422 BITRIX_ERROR and the module\'s text', async () => {
    const { app, portal } = await buildEmulator({ appUrl: 'http://localhost:4201/', dataFile: null, reset: true, apiKey: 'K' })
    const before = JSON.stringify(portal.ctx.state.types)
    const res = await app.inject({ method: 'PATCH', url: '/v1/smart-processes/1030', headers: { 'x-api-key': 'K' }, payload: { title: 'x', isCategoriesEnabled: false } })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ success: false, error: { code: 'BITRIX_ERROR', message: 'You cannot disable pipelines if there more than one of them.' } })
    expect(JSON.stringify(portal.ctx.state.types)).toBe(before)
  })
})
