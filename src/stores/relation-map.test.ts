import type { PortalConnection } from './context'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { deleteType, findTypeByEntityTypeId } from '../../emulator/model/types'
import { createInProcessGateway } from '@test/emulator-gateway'
import { createRestJournal } from '@/portal/rest-journal'
import { useContextStore } from './context'
import { useRelationMapStore } from './relation-map'

type Portal = ReturnType<typeof createPortal>
const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES

/**
 * The relation map (issue 21) over the emulator's real model: read once a
 * session, each change written through the bulk engine's read → merge →
 * write → read back, journaled as the type's settings change.
 */
describe('relation map store', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  function open(userId = 1) {
    const inner = createInProcessGateway(portal, { userId })
    const conn: PortalConnection = { placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: userId === 1, gateway: inner, frame: { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} } }
    const context = useContextStore()
    context.attach(conn)
    context.setUser({ id: userId, name: 'Alex Morgan', isAdmin: userId === 1, canEditTypes: userId === 1 })
    return { map: useRelationMapStore(), journal: () => createRestJournal(inner.client).list({}) }
  }

  const edge = (parent: number, child: number) => portal.ctx.state.edges.find(e => e.parent === parent && e.child === child)
  const drawn = (map: ReturnType<typeof useRelationMapStore>, parent: number, child: number) => map.graph!.edges.find(e => e.parent === parent && e.child === child)
  const reads = () => portal.log.list().filter(e => e.method === 'crm.enum.ownertype').length

  it('reads every type once a session, lays the graph out and keeps it', async () => {
    const { map } = open()
    await map.load()
    expect(map.status).toBe('ready')
    expect(map.graph!.nodes.map(n => n.entityTypeId)).toEqual(expect.arrayContaining([1, 2, 3, 4, REPAIRS, CONTRACTS, CAMPAIGNS]))
    // Supplier Contracts lists Repairs as a parent, with the list shown in the card.
    expect(drawn(map, REPAIRS, CONTRACTS)).toMatchObject({ isChildrenListEnabled: true, isPredefined: false })
    // Repairs has the client on: contacts and companies are Bitrix24's own parents.
    expect(drawn(map, 3, REPAIRS)).toMatchObject({ isPredefined: true })
    expect(map.layout!.positions.size).toBe(map.graph!.nodes.length)
    const version = map.version
    await map.load()
    expect(reads()).toBe(1)
    expect(map.version).toBe(version)
  })

  it('adds a link on the child\'s parent side, keeping a link another admin added meanwhile, and journals it as a settings change', async () => {
    const { map, journal } = open()
    await map.load()
    const theirs = portal.simulateOtherAdminEdit(CAMPAIGNS)
    portal.log.clear()
    const outcome = await map.addLink({ parent: CONTRACTS, child: CAMPAIGNS }, true)

    expect(outcome?.result?.result).toBe('applied')
    expect(edge(CONTRACTS, CAMPAIGNS)).toMatchObject({ isChildrenListEnabled: true })
    expect(edge(theirs.relationTo!, CAMPAIGNS)).toBeDefined()
    // Read fresh, one write, read back; then the other end (it lists the same link).
    const crm = portal.log.list().map(e => e.commands ? `batch:${e.commands.join(',')}` : e.method).filter(m => !m.includes('entity.'))
    expect(crm).toEqual(['batch:crm.type.getByEntityTypeId', 'batch:crm.type.update', 'batch:crm.type.getByEntityTypeId', 'batch:crm.type.getByEntityTypeId'])
    // Both ends are read again: the map draws the link once, and Contracts' cached read lists it too.
    expect(drawn(map, CONTRACTS, CAMPAIGNS)).toMatchObject({ isChildrenListEnabled: true })
    expect(map.types.find(t => t.entityTypeId === CONTRACTS)!.relations!.child.map(r => r.entityTypeId)).toContain(CAMPAIGNS)
    const page = await journal()
    const mine = page.entries.filter(e => e.type.entityTypeId === CAMPAIGNS && e.kind === 'settings')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ outcome: 'applied', source: 'app', links: [{ side: 'parent', entityTypeId: CONTRACTS, before: null, after: true }] })
  })

  it('removes a link read from both ends, so the map no longer draws it', async () => {
    const { map } = open()
    await map.load()
    await map.removeLink({ parent: REPAIRS, child: CONTRACTS })
    expect(edge(REPAIRS, CONTRACTS)).toBeUndefined()
    expect(drawn(map, REPAIRS, CONTRACTS)).toBeUndefined()
    // Contracts' other link (to companies) stays.
    expect(edge(4, CONTRACTS)).toBeDefined()
  })

  it('turns the list in the card off, and writes a link to a standard type on the smart process', async () => {
    const { map } = open()
    await map.load()
    await map.setShowList({ parent: CAMPAIGNS, child: 3 }, false)
    expect(edge(CAMPAIGNS, 3)).toMatchObject({ isChildrenListEnabled: false })
    expect(drawn(map, CAMPAIGNS, 3)).toMatchObject({ isChildrenListEnabled: false })
    expect(map.writeStatus).toBe('done')
  })

  it('does not add back a link removed elsewhere when only its list switch was asked for', async () => {
    const { map } = open()
    await map.load()
    portal.ctx.state.edges = portal.ctx.state.edges.filter(e => !(e.parent === REPAIRS && e.child === CONTRACTS))
    const outcome = await map.setShowList({ parent: REPAIRS, child: CONTRACTS }, false)
    expect(outcome?.result?.result).toBe('unchanged')
    expect(edge(REPAIRS, CONTRACTS)).toBeUndefined()
    expect(drawn(map, REPAIRS, CONTRACTS)).toBeUndefined()
  })

  it('flags a link to a type deleted elsewhere at the next natural read, and removes it', async () => {
    const { map } = open()
    const [extra] = portal.addTypes(1)
    await map.load()
    await map.addLink({ parent: extra!, child: REPAIRS }, false)
    deleteType(portal.ctx, findTypeByEntityTypeId(portal.ctx, extra!).id)
    // A natural read comes at most every few seconds.
    await map.refresh()
    expect(drawn(map, extra!, REPAIRS)).toMatchObject({ toMissing: false })
    await map.reload()
    expect(drawn(map, extra!, REPAIRS)).toMatchObject({ toMissing: true })
    expect(map.graph!.nodes.find(n => n.entityTypeId === extra)).toMatchObject({ kind: 'missing' })
    // The deleted end cannot be written: the link goes from Repairs' side.
    await map.removeLink({ parent: extra!, child: REPAIRS })
    expect(drawn(map, extra!, REPAIRS)).toBeUndefined()
  })

  it('writes nothing for a link between two standard types (Bitrix24\'s own)', async () => {
    const { map } = open()
    await map.load()
    portal.log.clear()
    const outcome = await map.addLink({ parent: 3, child: 2 }, true)
    expect(outcome).toMatchObject({ result: null })
    expect(map.writeStatus).toBe('error')
    expect(portal.log.list()).toEqual([])
  })

  it('gives an employee nothing: no read, no write', async () => {
    const { map } = open(2)
    portal.log.clear()
    await map.load()
    await map.addLink({ parent: REPAIRS, child: CAMPAIGNS }, false)
    expect(map.status).toBe('idle')
    expect(portal.log.list()).toEqual([])
  })
})
