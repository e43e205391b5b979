import type { InstallControls } from './context'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { defaultFlags } from '@/domain/flags'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useTypesAdminStore } from './types-admin'

type Portal = ReturnType<typeof createPortal>

const HANDLER = 'https://studio.example.com/'

function attach(portal: Portal, userId = 1) {
  const install: InstallControls = { isFirstRun: false, handlerUrl: HANDLER, finish: async () => false }
  const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
  useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: userId !== 2, gateway: createInProcessGateway(portal, { userId }), frame, install })
}

const form = (title: string, entityTypeId = '') => ({ title, entityTypeId, flags: defaultFlags() })
const codesOf = (portal: Portal, id: number) => portal.ctx.state.placements.filter(p => p.placement.startsWith(`CRM_DYNAMIC_${id}_`)).map(p => p.placement).sort()
const sent = (portal: Portal, method: string) => portal.log.list().filter(e => e.method === method || e.commands?.includes(method))

describe('typesAdmin store', () => {
  let portal: Portal
  beforeEach(async () => {
    setActivePinia(createPinia())
    portal = createPortal()
    attach(portal)
    await useCatalogStore().load()
  })

  it('creates a type with a custom entityTypeId and the catalogue defaults, and binds its placements at once', async () => {
    const store = useTypesAdminStore()
    const type = await store.create(form('Field Visits', '1100'))
    expect(store.createStatus).toBe('created')
    expect(type?.entityTypeId).toBe(1100)
    const rec = portal.ctx.state.types.find(t => t.entityTypeId === 1100)
    expect(rec?.title).toBe('Field Visits')
    expect(rec?.flags.isSetOpenPermissions).toBe(true)
    expect(rec?.flags.isClientEnabled).toBe(false)
    expect(codesOf(portal, 1100)).toEqual(['CRM_DYNAMIC_1100_DETAIL_TAB', 'CRM_DYNAMIC_1100_LIST_TOOLBAR'])
    expect(portal.ctx.state.placements.every(p => p.handler === HANDLER)).toBe(true)
    expect(useCatalogStore().find(1100)?.title).toBe('Field Visits')
  })

  it('checks the entityTypeId against the rules and sends nothing when it breaks them', async () => {
    const store = useTypesAdminStore()
    for (const id of ['1031', String(SEED_TYPES.repairs), '7']) {
      expect(await store.create(form('Visits', id))).toBeNull()
      expect(store.createStatus).toBe('invalid')
      expect(store.fieldErrors.entityTypeId).toBeDefined()
    }
    expect(await store.create(form(''))).toBeNull()
    expect(store.fieldErrors.title?.key).toBe('home.create.title_required')
    expect(sent(portal, 'crm.type.add')).toHaveLength(0)
  })

  it('refuses the id of a type deleted in this session (the portal never reuses one)', async () => {
    const store = useTypesAdminStore()
    await store.prepareDelete(SEED_TYPES.campaigns)
    expect(await store.confirmDelete('Marketing Campaigns')).toBe(true)
    expect(await store.create(form('Again', String(SEED_TYPES.campaigns)))).toBeNull()
    expect(store.fieldErrors.entityTypeId?.key).toBe('domain.entity_type_id.taken')
  })

  it('deletes a type without items once its title is typed, warns of its links, and unbinds its placements', async () => {
    portal.call('placement.bind', { PLACEMENT: `CRM_DYNAMIC_${SEED_TYPES.campaigns}_DETAIL_TAB`, HANDLER, TITLE: 'x' }, { userId: 1 })
    const store = useTypesAdminStore()
    await store.prepareDelete(SEED_TYPES.campaigns)
    expect(store.deletePlan?.itemCount).toBe(0)
    expect(store.deletePlan?.links.map(l => l.entityTypeId).sort()).toEqual([2, 3])
    expect(await store.confirmDelete('Marketing')).toBe(false)
    expect(portal.ctx.state.types.some(t => t.entityTypeId === SEED_TYPES.campaigns)).toBe(true)
    expect(await store.confirmDelete(' Marketing Campaigns ')).toBe(true)
    expect(store.deleteStatus).toBe('deleted')
    expect(portal.ctx.state.types.some(t => t.entityTypeId === SEED_TYPES.campaigns)).toBe(false)
    expect(codesOf(portal, SEED_TYPES.campaigns)).toEqual([])
    expect(useCatalogStore().find(SEED_TYPES.campaigns)).toBeUndefined()
  })

  it('counts the items first and never sends the delete of a type that has some', async () => {
    const store = useTypesAdminStore()
    await store.prepareDelete(SEED_TYPES.repairs)
    expect(store.deletePlan?.itemCount).toBe(5)
    expect(await store.confirmDelete('Equipment Repairs')).toBe(false)
    expect(sent(portal, 'crm.type.delete')).toHaveLength(0)
  })

  it('shows the portal\'s refusal with its count when items appeared after the check', async () => {
    const store = useTypesAdminStore()
    await store.prepareDelete(SEED_TYPES.campaigns)
    portal.call('crm.item.add', { entityTypeId: SEED_TYPES.campaigns, fields: { title: 'Spring launch' } }, { userId: 1 })
    expect(await store.confirmDelete('Marketing Campaigns')).toBe(false)
    expect(store.deleteError?.code).toBe('has_items')
    expect(store.deletePlan?.itemCount).toBe(1)
  })

  it('a non-admin gets the portal\'s refusal and nothing changes', async () => {
    setActivePinia(createPinia())
    attach(portal, 2)
    await useCatalogStore().load()
    const store = useTypesAdminStore()
    expect(await store.create(form('Mine'))).toBeNull()
    expect(store.createError?.code).toBe('access_denied')
    expect(portal.ctx.state.types).toHaveLength(3)
  })
})
