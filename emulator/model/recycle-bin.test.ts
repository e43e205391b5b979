// @vitest-environment node
/**
 * crm.item.delete and the recycle bin: crm/lib/Recycling/DynamicController.php
 * (moveToBin, recover, erase, countItemsInRecycleBin), crm/lib/Model/Dynamic/TypeTable.php onBeforeDelete.
 */
import { describe, expect, it } from 'vitest'
import { buildEmulator } from '../server'
import { testPortal } from './test-helpers'

function binType(rest: ReturnType<typeof testPortal>['rest']) {
  const type = rest('crm.type.add', { fields: { title: 'Binned', isRecyclebinEnabled: 'Y' } }).body.result.type
  const ids = ['a', 'b'].map(title => rest('crm.item.add', { entityTypeId: type.entityTypeId, fields: { title } }).body.result.item.id as number)
  return { type, ids }
}

describe('the recycle bin', () => {
  it('takes a deleted item when the type has it on; crm.item.list no longer sees it', () => {
    const { portal, rest } = testPortal()
    const { type, ids } = binType(rest)
    expect(rest('crm.item.delete', { entityTypeId: type.entityTypeId, id: ids[0] }, 4).status).toBe(200)
    expect(rest('crm.item.list', { entityTypeId: type.entityTypeId }).body.total).toBe(1)
    expect(portal.recycleBin.entries()).toEqual([{ entityTypeId: type.entityTypeId, id: ids[0], title: 'a', deletedBy: 4, deletedAt: '2026-05-02T09:00:00.000Z' }])
  })

  it('lets an item of a type with the bin off go for good', () => {
    const { portal, rest } = testPortal()
    expect(rest('crm.item.delete', { entityTypeId: 1030, id: 1 }).status).toBe(200)
    expect(portal.recycleBin.entries()).toEqual([])
    expect(rest('crm.item.get', { entityTypeId: 1030, id: 1 }).body.error).toBe('NOT_FOUND')
  })

  it('restores an item with its id, erases one, empties by type', () => {
    const { portal, rest } = testPortal()
    const { type, ids } = binType(rest)
    for (const id of ids)
      rest('crm.item.delete', { entityTypeId: type.entityTypeId, id })
    expect(portal.recycleBin.restore(type.entityTypeId, ids[0]!)).toBe(true)
    expect(rest('crm.item.get', { entityTypeId: type.entityTypeId, id: ids[0] }).body.result.item.title).toBe('a')
    expect(portal.recycleBin.restore(type.entityTypeId, ids[0]!)).toBe(false)
    expect(portal.recycleBin.erase(type.entityTypeId, ids[1]!)).toBe(true)
    expect(portal.recycleBin.entries()).toEqual([])
  })

  // TypeTable::onBeforeDelete counts Factory::getItemsCount(): items in the bin have left the items table.
  it('does not let bin items block crm.type.delete, and drops them with the type', () => {
    const { portal, rest } = testPortal()
    const { type, ids } = binType(rest)
    for (const id of ids)
      rest('crm.item.delete', { entityTypeId: type.entityTypeId, id })
    expect(rest('crm.type.delete', { id: type.id }).status).toBe(200)
    expect(portal.recycleBin.entries()).toEqual([])
    expect(portal.ctx.state.categories?.some(c => c.entityTypeId === type.entityTypeId)).toBe(false)
  })

  it('is shown on /recyclebin/ with plain forms, and answers the control API', async () => {
    const { app, portal } = await buildEmulator({ appUrl: 'http://localhost:4201/', dataFile: null, reset: true })
    const call = (method: string, params: Record<string, unknown>) => portal.call(method, params, { userId: 1 }).body as any
    const type = call('crm.type.add', { fields: { title: 'Binned', isRecyclebinEnabled: 'Y' } }).result.type
    const id = call('crm.item.add', { entityTypeId: type.entityTypeId, fields: { title: 'Pump <1>' } }).result.item.id
    call('crm.item.delete', { entityTypeId: type.entityTypeId, id })
    const pageHtml = (await app.inject({ url: '/recyclebin/?lang=ru' })).body
    expect(pageHtml).toContain('Pump &lt;1&gt;')
    expect(pageHtml).toContain('>Восстановить</button>')
    expect((await app.inject({ url: '/' })).body).toContain('href="/recyclebin/"')
    const entries = (await app.inject({ url: '/emulator/api/recyclebin' })).json().entries
    expect(entries).toMatchObject([{ entityTypeId: type.entityTypeId, id, title: 'Pump <1>', deletedBy: 1 }])
    const restored = await app.inject({ method: 'POST', url: '/recyclebin/restore?lang=ru', payload: `entityTypeId=${type.entityTypeId}&id=${id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(restored.statusCode).toBe(303)
    expect(restored.headers.location).toBe('/recyclebin/?lang=ru')
    expect(call('crm.item.get', { entityTypeId: type.entityTypeId, id }).result.item.id).toBe(id)
    call('crm.item.delete', { entityTypeId: type.entityTypeId, id })
    expect((await app.inject({ method: 'POST', url: '/emulator/api/recyclebin/empty', payload: { entityTypeId: type.entityTypeId } })).json()).toEqual({ erased: 1 })
    call('crm.item.add', { entityTypeId: type.entityTypeId, fields: { title: 'again' } })
    expect((await app.inject({ method: 'POST', url: '/emulator/api/recyclebin/restore', payload: { entityTypeId: type.entityTypeId, id } })).statusCode).toBe(404)
  })
})
