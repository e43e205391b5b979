import type { PortalConnection } from './context'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'

type Portal = ReturnType<typeof createPortal>

function attach(portal: Portal) {
  const gateway = createInProcessGateway(portal)
  const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
  const conn: PortalConnection = { placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway, frame }
  useContextStore().attach(conn)
  return gateway
}

describe('catalog names for relation targets', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('takes every type name from the placement snapshot, past the first page of 50', async () => {
    const portal = createPortal({ extraTypes: 120 })
    const gateway = attach(portal)
    const snap = await gateway.loadPlacement(SEED_TYPES.repairs)
    const catalog = useCatalogStore()
    catalog.fillNames(snap.typeNames)
    const last = Math.max(...portal.ctx.state.types.map(t => t.entityTypeId))
    expect(catalog.names).toHaveLength(6 + 123)
    expect(catalog.titleOf(last)).toMatch(/Benchmark process/)
    expect(catalog.titleOf(2)).toBe('Deal')
  })

  it('counts an id as deleted only once the list is known, and never a standard type', async () => {
    const catalog = useCatalogStore()
    expect(catalog.isDeleted(9999)).toBe(false)
    catalog.fillNames([{ entityTypeId: 1030, title: 'Equipment Repairs', isStandard: false }])
    expect(catalog.isDeleted(9999)).toBe(true)
    expect(catalog.isDeleted(1030)).toBe(false)
    expect(catalog.isDeleted(31)).toBe(false)
  })

  it('lists each type once when both the snapshot and a full read have it', async () => {
    const portal = createPortal()
    attach(portal)
    const catalog = useCatalogStore()
    catalog.fillNames([{ entityTypeId: SEED_TYPES.repairs, title: 'Equipment Repairs', isStandard: false }])
    await catalog.load()
    expect(catalog.names.filter(n => n.entityTypeId === SEED_TYPES.repairs)).toHaveLength(1)
    expect(catalog.names).toHaveLength(9)
  })

  it('forgets a removed type in both lists', () => {
    const catalog = useCatalogStore()
    catalog.fillNames([{ entityTypeId: 1030, title: 'Equipment Repairs', isStandard: false }, { entityTypeId: 1032, title: 'Contracts', isStandard: false }])
    catalog.remove(1030)
    expect(catalog.isDeleted(1030)).toBe(true)
  })
})
