import type { InstallControls } from './context'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { relationsOf } from '../../emulator/model/relations'
import { defaultFlags } from '@/domain/flags'
import { createRestJournal } from '@/portal/rest-journal'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useHistoryUndoStore } from './history-undo'
import { useTypesAdminStore } from './types-admin'

type Portal = ReturnType<typeof createPortal>

/**
 * Undoing a delete (issue 19): the entry keeps the whole setup and the type
 * comes back as a new one, with a new entityTypeId (the portal never reuses
 * one: crm-type-add.md), its settings, its links and its pipeline's stages.
 */
describe('history undo: a deleted type', () => {
  let portal: Portal
  beforeEach(async () => {
    setActivePinia(createPinia())
    portal = createPortal()
    const install: InstallControls = { isFirstRun: false, handlerUrl: 'https://studio.example.com/', finish: async () => false }
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    const gateway = createInProcessGateway(portal, { userId: 1, gateway: { rateLimitDelayMs: 10 } })
    useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway, frame, install })
    useContextStore().setUser(await gateway.currentUser())
    await useCatalogStore().load()
  })

  it('is recreated from the setup its entry kept, with a new entityTypeId, linked to the entry it undid', async () => {
    const admin = useTypesAdminStore()
    const made = await admin.create({ title: 'Field Visits', entityTypeId: '1100', flags: { ...defaultFlags(), isRecyclebinEnabled: true, isStagesEnabled: true } })
    expect(made?.entityTypeId).toBe(1100)
    // A link to deals, then the delete (no items).
    const gateway = useContextStore().requireGateway()
    await gateway.updateType(made!, { relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [] } })
    await admin.prepareDelete(1100)
    expect(admin.deletePlan?.setup).toMatchObject({ title: 'Field Visits', relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true }] } })
    expect(await admin.confirmDelete('Field Visits')).toBe(true)
    const journal = createRestJournal((gateway as unknown as { client: Parameters<typeof createRestJournal>[0] }).client)
    await vi.waitFor(async () => expect((await journal.list({ kind: 'delete' })).entries[0]?.outcome).toBe('applied'))
    const deleted = (await journal.list({ kind: 'delete' })).entries[0]!

    const undo = useHistoryUndoStore()
    await undo.prepare(deleted)
    expect(undo.status).toBe('ready')
    await undo.run()
    expect(undo.status, String(undo.error?.message)).toBe('done')
    const again = portal.ctx.state.types.find(t => t.title === 'Field Visits')!
    expect(again.entityTypeId).not.toBe(1100)
    expect(undo.recreatedId).toBe(again.entityTypeId)
    expect(again.flags).toMatchObject({ isRecyclebinEnabled: true })
    expect(relationsOf(portal.ctx.state, again.entityTypeId).parent.map(r => r.entityTypeId)).toContain(2)
    expect(undo.result).toMatchObject({ kind: 'create', undoes: deleted.id, type: { entityTypeId: again.entityTypeId } })
  })
})
