import type { PortalConnection } from './context'
import type { SmartProcessGateway } from '@/portal/gateway'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { deleteType, findTypeByEntityTypeId } from '../../emulator/model/types'
import { createInProcessGateway } from '@test/emulator-gateway'
import { createRestJournal } from '@/portal/rest-journal'
import { useBulkChangeStore } from './bulk-change'
import { useBulkUndoStore } from './bulk-undo'
import { useContextStore } from './context'

type Portal = ReturnType<typeof createPortal>

/**
 * Bulk changes (issue 20) over the emulator's real model: 50 types a chunk,
 * each read fresh, written in one batch, read back; journaled as one group.
 */
describe('bulk change store', () => {
  let portal: Portal
  let ids: number[]
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
    ids = portal.addTypes(57)
  })

  function open(wrap: (g: SmartProcessGateway) => SmartProcessGateway = g => g) {
    const inner = createInProcessGateway(portal, { userId: 1 })
    const conn: PortalConnection = { placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway: wrap(inner), frame: { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} } }
    const context = useContextStore()
    context.attach(conn)
    context.setUser({ id: 1, name: 'Alex Morgan', isAdmin: true, canEditTypes: true })
    return { bulk: useBulkChangeStore(), journal: () => createRestJournal(inner.client).list({ kind: 'bulk' }) }
  }

  const relationsOf = (id: number) => portal.ctx.state.edges.filter(e => e.child === id || e.parent === id)
  const methods = () => portal.log.list().map(e => (e.commands ? `batch:${e.commands.length}:${[...new Set(e.commands)].join(',')}` : e.method))

  it('adds a link to 57 types in two chunks (read, one write batch, read back) and keeps a link another admin added meanwhile', async () => {
    const { bulk, journal } = open()
    await bulk.load()
    bulk.setSelected(ids)
    bulk.setAction({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 2, isChildrenListEnabled: true })
    await bulk.preview()
    expect(bulk.plans.filter(p => p.status === 'change')).toHaveLength(57)
    // Between the preview and Apply, another admin links one of them elsewhere and flips a flag.
    const theirs = portal.simulateOtherAdminEdit(ids[3]!)
    portal.log.clear()
    await bulk.apply()

    expect(bulk.results.map(r => r.result)).toEqual(ids.map(() => 'applied'))
    for (const id of ids)
      expect(relationsOf(id).some(e => e.parent === 2 && e.child === id && e.isChildrenListEnabled)).toBe(true)
    expect(relationsOf(ids[3]!).some(e => e.parent === theirs.relationTo && e.child === ids[3])).toBe(true)
    // Two chunks: each a fresh read, one batch of crm.type.update, a read-back (the journal's entity.* apart).
    // The app page's list, refreshed after the run, is left out: it runs in the background.
    const crm = methods().filter(m => !m.includes('entity.') && m !== 'crm.enum.ownertype')
    expect(crm).toEqual([
      'batch:50:crm.type.getByEntityTypeId',
      'batch:50:crm.type.update',
      'batch:50:crm.type.getByEntityTypeId',
      'batch:7:crm.type.getByEntityTypeId',
      'batch:7:crm.type.update',
      'batch:7:crm.type.getByEntityTypeId',
    ])
    const page = await journal()
    expect(page.total).toBe(57)
    expect(new Set(page.entries.map(e => e.group))).toEqual(new Set([bulk.group]))
    expect(page.entries.every(e => e.outcome === 'applied' && e.links.length === 1)).toBe(true)
  })

  it('ends every type applied or failed with its reason when a type is deleted mid-apply, the token expires and the portal refuses a burst with 503', async () => {
    let deleted = false
    const { bulk } = open(g => ({
      ...g,
      // Right after the first chunk was read: the last type of the second chunk is deleted elsewhere.
      applyWrites: async (writes, onProgress) => {
        if (!deleted) {
          deleted = true
          deleteType(portal.ctx, findTypeByEntityTypeId(portal.ctx, ids[56]!).id)
          portal.faults.rateLimitBurst = 2
          portal.expireAllTokens()
        }
        return g.applyWrites(writes, onProgress)
      },
    }))
    await bulk.load()
    bulk.setSelected(ids)
    bulk.setAction({ kind: 'flags', flags: { isRecyclebinEnabled: true } })
    await bulk.apply()
    expect(bulk.results.filter(r => r.result === 'applied')).toHaveLength(56)
    expect(bulk.results.filter(r => r.result !== 'applied').map(r => [r.entityTypeId, r.result, r.error])).toEqual([[ids[56], 'failed', 'not_found']])
    const statuses = portal.log.list().map(e => e.status)
    expect(statuses).toContain(503)
    expect(statuses).toContain(401)
  })

  it('stops before the next chunk when cancelled, and retries the cancelled ones in the same group', async () => {
    const { bulk, journal } = open(g => ({
      ...g,
      applyWrites: async (writes, onProgress) => {
        const out = await g.applyWrites(writes, onProgress)
        useBulkChangeStore().cancel()
        return out
      },
    }))
    await bulk.load()
    bulk.setSelected(ids)
    bulk.setAction({ kind: 'flags', flags: { isRecyclebinEnabled: true } })
    await bulk.apply()
    expect(bulk.results.filter(r => r.result === 'applied')).toHaveLength(50)
    expect(bulk.retryable.map(r => r.result)).toEqual(Array.from({ length: 7 }, () => 'cancelled'))
    expect(ids.slice(50).every(id => !findTypeByEntityTypeId(portal.ctx, id).flags.isRecyclebinEnabled)).toBe(true)
    const group = bulk.group
    await bulk.retryFailed()
    expect(bulk.results.filter(r => r.result === 'applied')).toHaveLength(57)
    expect(bulk.group).toBe(group)
    expect((await journal()).total).toBe(57)
  })

  it('undoes the group from the journal: every type back, one already back by hand left alone', async () => {
    const { bulk } = open()
    await bulk.load()
    const some = ids.slice(0, 4)
    bulk.setSelected(some)
    bulk.setAction({ kind: 'flags', flags: { isRecyclebinEnabled: true, isDocumentsEnabled: true } })
    await bulk.apply()
    const group = bulk.group!
    // Someone turned the bin off again on one of them meanwhile: nothing to write for it there.
    const rec = findTypeByEntityTypeId(portal.ctx, some[1]!)
    rec.flags.isRecyclebinEnabled = false

    const undo = useBulkUndoStore()
    await undo.prepare(group)
    expect(undo.rows.map(r => r.entry.type.entityTypeId).sort()).toEqual([...some].sort())
    expect(undo.rows.find(r => r.entry.type.entityTypeId === some[1])?.plan.fields.map(f => f.key)).toEqual(['isDocumentsEnabled'])
    await undo.run()
    expect(bulk.results.map(r => r.result)).toEqual(['applied', 'applied', 'applied', 'applied'])
    for (const id of some) {
      const flags = findTypeByEntityTypeId(portal.ctx, id).flags
      expect([flags.isRecyclebinEnabled, flags.isDocumentsEnabled]).toEqual([false, false])
    }
  })

  it('gives employees nothing: no read, no write', async () => {
    const inner = createInProcessGateway(portal, { userId: 2 })
    useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: false, gateway: inner, frame: { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} } })
    const bulk = useBulkChangeStore()
    portal.log.clear()
    await bulk.load()
    bulk.setSelected([SEED_TYPES.repairs])
    bulk.setAction({ kind: 'flags', flags: { isRecyclebinEnabled: true } })
    await bulk.apply()
    expect(portal.log.list()).toEqual([])
  })
})
