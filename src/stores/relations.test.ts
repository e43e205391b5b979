import type { PortalConnection } from './context'
import type { RelationSet } from '@/domain/types'
import type { SmartProcessGateway } from '@/portal/gateway'
import type { TestClientOptions } from '@test/emulator-gateway'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { relationsOf } from '../../emulator/model/relations'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useRelationsStore } from './relations'
import { useTypeSettingsStore } from './type-settings'

const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES
type Portal = ReturnType<typeof createPortal>

function attach(gateway: SmartProcessGateway, isAdmin = true) {
  const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
  const conn: PortalConnection = { placement: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, placementOptions: { ID: '1' }, lang: 'en', isAdmin, gateway, frame }
  useContextStore().attach(conn)
}

/** The stores as the view wires them: relations joins the settings' Save, then the type loads. */
async function open(portal: Portal, userId = 1, entityTypeId: number = REPAIRS, intercept?: TestClientOptions['intercept']) {
  const gateway = createInProcessGateway(portal, { userId, intercept })
  attach(gateway, userId !== 2)
  const relations = useRelationsStore()
  const settings = useTypeSettingsStore()
  await settings.load(entityTypeId)
  return { relations, settings, requests: gateway.client.requests }
}

function ids(set: RelationSet, side: keyof RelationSet) {
  return set[side].map(r => r.entityTypeId)
}

/** What the portal holds now, from the model itself. */
function onPortal(portal: Portal, entityTypeId: number = REPAIRS) {
  return relationsOf(portal.ctx.state, entityTypeId)
}

/** An update made by the second admin (user 3), as another browser would. */
function otherAdminWrites(portal: Portal, relations: Record<string, unknown>, entityTypeId: number = REPAIRS) {
  const rec = portal.ctx.state.types.find(t => t.entityTypeId === entityTypeId)!
  const reply = portal.call('crm.type.update', { id: rec.id, fields: { relations } }, { userId: 3 })
  expect(reply.status).toBe(200)
}

describe('relations store', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  it('shows both sides of the loaded type with the predefined client links, and names every CRM type', async () => {
    const { relations } = await open(portal)
    expect(relations.rows.parent.map(r => [r.entityTypeId, r.isPredefined])).toEqual([[2, false], [3, true], [4, true]])
    expect(relations.rows.child.map(r => r.entityTypeId)).toEqual([CONTRACTS])
    expect(relations.isDirty).toBe(false)
    const catalog = useCatalogStore()
    expect(catalog.titleOf(CAMPAIGNS)).toBe('Marketing Campaigns')
    expect(catalog.titleOf(31)).toBe('Invoice')
  })

  it('offers every type except itself and those already linked on that side', async () => {
    const { relations } = await open(portal)
    const parents = relations.candidates('parent').map(n => n.entityTypeId)
    expect(parents).not.toContain(REPAIRS)
    expect(parents).not.toContain(2)
    expect(parents).toContain(CONTRACTS) // a child already, still free as a parent
    expect(relations.candidates('child').map(n => n.entityTypeId)).not.toContain(CONTRACTS)
  })

  it('saves an added child and parent with one read, one write and one verifying read; the other types see the reverse link', async () => {
    const { relations, settings, requests } = await open(portal)
    relations.add('child', CAMPAIGNS)
    relations.add('parent', 1)
    relations.setListEnabled('parent', 1, true)
    // Each added link is one change in the draft bar's count (issue 17), its switch part of it.
    expect(settings.dirtyCount).toBe(2)
    const before = requests.length
    await settings.save()
    expect(settings.status).toBe('saved')
    // The journal's own requests aside (entity.*, issue 19: src/stores/journal.test.ts).
    expect(requests.slice(before).filter(m => m.startsWith('crm.'))).toEqual(['crm.type.getByEntityTypeId', 'crm.type.update', 'crm.type.getByEntityTypeId'])
    expect(ids(onPortal(portal), 'child')).toEqual([CONTRACTS, CAMPAIGNS])
    expect(onPortal(portal).parent.find(r => r.entityTypeId === 1)?.isChildrenListEnabled).toBe(true)
    expect(ids(onPortal(portal, CAMPAIGNS), 'parent')).toContain(REPAIRS)
    expect(relations.isDirty).toBe(false)
  })

  it('writes a flag and the relations in the same single update', async () => {
    const { relations, settings, requests } = await open(portal)
    settings.setField('isRecyclebinEnabled', true)
    relations.remove('child', CONTRACTS)
    const before = requests.length
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(requests.slice(before).filter(m => m === 'crm.type.update')).toHaveLength(1)
    expect(portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)!.flags.isRecyclebinEnabled).toBe(true)
    expect(ids(onPortal(portal), 'child')).toEqual([])
  })

  it('does not verify relations when only settings changed', async () => {
    const { settings, requests } = await open(portal)
    settings.setField('isRecyclebinEnabled', true)
    const before = requests.length
    await settings.save()
    expect(requests.slice(before).filter(m => m.startsWith('crm.'))).toEqual(['crm.type.getByEntityTypeId', 'crm.type.update'])
  })

  it('keeps a link added elsewhere while the draft was open', async () => {
    const { relations, settings } = await open(portal)
    relations.add('child', CAMPAIGNS)
    otherAdminWrites(portal, { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }, { entityTypeId: 7, isChildrenListEnabled: 'false' }], child: [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }] })
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(ids(onPortal(portal), 'parent')).toEqual(expect.arrayContaining([2, 3, 4, 7]))
    expect(ids(onPortal(portal), 'child')).toEqual(expect.arrayContaining([CONTRACTS, CAMPAIGNS]))
    expect(ids(relations.draft, 'parent')).toContain(7)
  })

  it('keeps both links when "another admin edits this type" flips a flag and adds a link', async () => {
    const { relations, settings } = await open(portal)
    relations.add('child', CAMPAIGNS)
    const other = portal.simulateOtherAdminEdit(REPAIRS)
    await settings.save()
    // The flag only they changed is taken without asking (issue 17); both links end on the portal.
    expect(settings.status).toBe('saved')
    expect(settings.takenElsewhere).toEqual([other.flag])
    expect(ids(onPortal(portal), 'child')).toContain(CAMPAIGNS)
    expect(ids(onPortal(portal), 'parent')).toContain(other.relationTo)
  })

  it('reports a link the portal drops by name and keeps it in the draft for a retry', async () => {
    const { relations, settings } = await open(portal)
    portal.faults.dropRelationsTo = [CAMPAIGNS]
    relations.add('child', CAMPAIGNS)
    relations.add('parent', 7)
    await settings.save()
    // Written, but not all of it: "partly saved", never "saved" nor a failure that hides what went through.
    expect(settings.status).toBe('partial')
    expect(settings.error?.code).toBe('relations_dropped')
    expect(settings.error?.params.names).toBe('Marketing Campaigns')
    expect(relations.unsaved).toEqual([{ side: 'child', entityTypeId: CAMPAIGNS }])
    expect(ids(onPortal(portal), 'parent')).toContain(7) // the rest was written
    expect(ids(relations.draft, 'child')).toContain(CAMPAIGNS)
    expect(relations.isDirty).toBe(true)

    portal.faults.dropRelationsTo = []
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(ids(onPortal(portal), 'child')).toContain(CAMPAIGNS)
    expect(relations.unsaved).toEqual([])
  })

  it('keeps the draft when the verifying read fails, and the retry merges and verifies again', async () => {
    let reads = 0
    let failing = true
    // Reads in a save: 1 = theirs before the write, then the verifying read (and the client's retries of it).
    const { relations, settings } = await open(portal, 1, REPAIRS, method => (method === 'crm.type.getByEntityTypeId' && ++reads >= 2 && failing ? 'drop' : undefined))
    relations.add('child', CAMPAIGNS)
    await settings.save()
    failing = false
    expect(settings.status).toBe('partial')
    expect(settings.error?.code).toBe('network')
    expect(ids(onPortal(portal), 'child')).toContain(CAMPAIGNS) // written, not verified
    expect(relations.isDirty).toBe(true)
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(ids(onPortal(portal), 'child')).toEqual([CONTRACTS, CAMPAIGNS])
    expect(relations.isDirty).toBe(false)
  })

  it('reports a list switch the portal did not keep', async () => {
    const { relations, settings } = await open(portal)
    portal.faults.dropRelationsTo = [CONTRACTS]
    relations.setListEnabled('child', CONTRACTS, false)
    await settings.save()
    expect(settings.error?.code).toBe('relations_dropped')
    expect(relations.draft.child[0]?.isChildrenListEnabled).toBe(false)
  })

  it('shows a switch both sides changed differently as a conflict, writes nothing, and saves the choice', async () => {
    const { relations, settings, requests } = await open(portal)
    relations.add('child', CAMPAIGNS, true)
    otherAdminWrites(portal, { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }], child: [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }, { entityTypeId: CAMPAIGNS, isChildrenListEnabled: 'false' }] })
    const before = requests.length
    await settings.save()
    expect(requests.slice(before)).toEqual(['crm.type.getByEntityTypeId'])
    expect(settings.status).toBe('error')
    expect(relations.conflicts).toEqual([{ kind: 'both_changed', side: 'child', entityTypeId: CAMPAIGNS, base: null, mine: true, theirs: false }])

    relations.choose(relations.conflicts[0]!, 'theirs')
    relations.applyChoices()
    expect(relations.conflicts).toEqual([])
    relations.add('parent', 7) // the draft stays editable; the next Save merges again
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(onPortal(portal).child.find(r => r.entityTypeId === CAMPAIGNS)?.isChildrenListEnabled).toBe(false)
    expect(ids(onPortal(portal), 'parent')).toContain(7)
  })

  it('shows a link to a type deleted elsewhere as deleted and lets it be removed', async () => {
    otherAdminWrites(portal, { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }], child: [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }, { entityTypeId: CAMPAIGNS, isChildrenListEnabled: 'true' }] })
    const campaigns = portal.ctx.state.types.find(t => t.entityTypeId === CAMPAIGNS)!
    expect(portal.call('crm.type.delete', { id: campaigns.id }, { userId: 1 }).status).toBe(200)
    const { relations, settings } = await open(portal)
    const row = relations.rows.child.find(r => r.entityTypeId === CAMPAIGNS)
    expect(row?.isDeleted).toBe(true)
    expect(relations.candidates('parent').map(n => n.entityTypeId)).not.toContain(CAMPAIGNS)
    relations.remove('child', CAMPAIGNS)
    await settings.save()
    expect(settings.status).toBe('saved')
    expect(ids(onPortal(portal), 'child')).toEqual([CONTRACTS])
  })

  it('never removes or changes a predefined link', async () => {
    const { relations } = await open(portal)
    relations.remove('parent', 3)
    relations.setListEnabled('parent', 4, false)
    expect(relations.isDirty).toBe(false)
  })

  it('is read-only for a user without admin rights', async () => {
    const { relations } = await open(portal, 2)
    expect(relations.canEdit).toBe(false)
    relations.add('child', CAMPAIGNS)
    relations.remove('parent', 2)
    expect(relations.isDirty).toBe(false)
  })

  it('discard brings the loaded links back', async () => {
    const { relations, settings } = await open(portal)
    relations.remove('parent', 2)
    relations.add('child', CAMPAIGNS)
    settings.discard()
    expect(ids(relations.draft, 'parent')).toEqual([2, 3, 4])
    expect(ids(relations.draft, 'child')).toEqual([CONTRACTS])
  })

  it('brings a removed link back with its loaded switch when added again', async () => {
    const { relations } = await open(portal)
    relations.remove('child', CONTRACTS)
    relations.add('child', CONTRACTS)
    expect(relations.isDirty).toBe(false)
  })
})
