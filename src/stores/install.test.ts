import type { InstallControls } from './context'
import type { TestClientOptions } from '@test/emulator-gateway'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from './context'
import { useInstallStore } from './install'

type Portal = ReturnType<typeof createPortal>

const HANDLER = 'https://studio.example.com/app/'

function attach(portal: Portal, options: TestClientOptions & { isFirstRun?: boolean } = {}) {
  const finished: boolean[] = []
  const install: InstallControls = {
    isFirstRun: options.isFirstRun ?? true,
    handlerUrl: HANDLER,
    finish: async () => {
      finished.push(true)
      portal.markInstalled()
      return true
    },
  }
  const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
  useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway: createInProcessGateway(portal, options), frame, install })
  return { finished }
}

/** Batch requests whose commands are placement.bind, from the portal's request log. */
function bindBatches(portal: Portal) {
  return portal.log.list().filter(e => e.method === 'batch' && e.commands?.every(c => c.startsWith('placement.bind')))
}

function boundCodes(portal: Portal): string[] {
  return portal.ctx.state.placements.map(p => p.placement)
}

describe('install store', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  it('binds the card tab and the list toolbar of all 60 types in 3 batch requests, then finishes the install', async () => {
    portal.addTypes(57)
    const { finished } = attach(portal)
    const store = useInstallStore()
    await store.run()
    expect(store.status).toBe('done')
    expect(bindBatches(portal)).toHaveLength(3)
    expect(portal.ctx.state.placements).toHaveLength(120)
    for (const t of portal.ctx.state.types) {
      expect(boundCodes(portal)).toContain(`CRM_DYNAMIC_${t.entityTypeId}_DETAIL_TAB`)
      expect(boundCodes(portal)).toContain(`CRM_DYNAMIC_${t.entityTypeId}_LIST_TOOLBAR`)
    }
    expect(finished).toEqual([true])
    expect(portal.isInstalled()).toBe(true)
    expect(store.incompleteCount).toBe(0)
    expect(store.progress).toEqual({ done: 120, total: 120, mode: 'batch' })
  })

  it('binds the app\'s own URL, without query, with titles in en and ru', async () => {
    attach(portal)
    await useInstallStore().run()
    const tab = portal.ctx.state.placements.find(p => p.placement === `CRM_DYNAMIC_${SEED_TYPES.repairs}_DETAIL_TAB`)
    expect(tab?.handler).toBe(HANDLER)
    expect(Object.keys(tab?.langAll ?? {}).sort()).toEqual(['en', 'ru'])
    expect(tab?.langAll.en?.TITLE).toBe('Smart Process Studio')
    expect(tab?.langAll.ru?.TITLE).not.toBe('')
  })

  it('a failure in the middle names the types not bound; running again binds only those and then finishes', async () => {
    portal.addTypes(57)
    let batches = 0
    const { finished } = attach(portal, { intercept: m => (m === 'batch' && ++batches === 2 ? 'drop' : undefined) })
    const store = useInstallStore()
    await store.run()
    expect(store.status).toBe('partial')
    expect(finished).toEqual([])
    // Commands 51–100 of 120 were in the dropped batch: types 26–50 in id order.
    const ids = portal.ctx.state.types.map(t => t.entityTypeId).sort((a, b) => a - b)
    expect(store.unboundTypes.sort((a, b) => a - b)).toEqual(ids.slice(25, 50))
    expect(portal.ctx.state.placements).toHaveLength(70)
    expect(store.incompleteCount).toBe(25)

    portal.log.clear()
    await store.run()
    expect(store.status).toBe('done')
    expect(bindBatches(portal)).toHaveLength(1)
    expect(bindBatches(portal)[0]?.commands).toHaveLength(50)
    expect(portal.ctx.state.placements).toHaveLength(120)
    expect(finished).toEqual([true])
  })

  it('counts "Handler already binded" as done', async () => {
    attach(portal)
    portal.call('placement.bind', { PLACEMENT: `CRM_DYNAMIC_${SEED_TYPES.repairs}_DETAIL_TAB`, HANDLER, TITLE: 'x' }, { userId: 1 })
    const store = useInstallStore()
    await expect(store.bindType(SEED_TYPES.repairs)).resolves.toBeUndefined()
    expect(boundCodes(portal).filter(c => c.startsWith(`CRM_DYNAMIC_${SEED_TYPES.repairs}_`)).sort())
      .toEqual([`CRM_DYNAMIC_${SEED_TYPES.repairs}_DETAIL_TAB`, `CRM_DYNAMIC_${SEED_TYPES.repairs}_LIST_TOOLBAR`])
  })

  // crm-type-list.md (CRM admins), placement-bind.md (administrator): an employee's token gets nothing bound.
  it('an employee\'s token cannot install: the portal refuses, nothing is bound and the install is not finished', async () => {
    const { finished } = attach(portal, { userId: 2 })
    const store = useInstallStore()
    await store.run()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('access_denied')
    expect(portal.ctx.state.placements).toHaveLength(0)
    expect(finished).toEqual([])
  })

  it('unbinds the placements of a deleted type and forgets them', async () => {
    attach(portal)
    const store = useInstallStore()
    await store.run()
    await store.unbindType(SEED_TYPES.campaigns)
    expect(boundCodes(portal).some(c => c.startsWith(`CRM_DYNAMIC_${SEED_TYPES.campaigns}_`))).toBe(false)
    expect(boundCodes(portal)).toHaveLength(4)
    expect(store.bindings?.some(b => b.placement.startsWith(`CRM_DYNAMIC_${SEED_TYPES.campaigns}_`))).toBe(false)
  })

  it('without install controls (the vibecode connection) it cannot bind', async () => {
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway: createInProcessGateway(portal), frame })
    const store = useInstallStore()
    expect(store.canBind).toBe(false)
    await store.run()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('not_supported')
  })
})
