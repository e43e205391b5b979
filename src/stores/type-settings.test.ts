import type { PortalConnection } from './context'
import type { TypeChanges } from '@/domain/types'
import type { SmartProcessGateway } from '@/portal/gateway'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from './context'
import { useTypeSettingsStore } from './type-settings'

const REPAIRS = SEED_TYPES.repairs

type Portal = ReturnType<typeof createPortal>

function record(portal: Portal, entityTypeId = REPAIRS) {
  const rec = portal.ctx.state.types.find(t => t.entityTypeId === entityTypeId)
  if (!rec)
    throw new Error('no type')
  return rec
}

describe('typeSettings store', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })

  /**
   * The store in the card tab of REPAIRS over the in-process gateway acting as
   * `userId`, IS_ADMIN saying `isAdmin`; `updates` records every updateType's
   * changes (to check what went on the wire).
   */
  function openStore(userId = 1, isAdmin = true) {
    const inner = createInProcessGateway(portal, { userId })
    const updates: TypeChanges[] = []
    const gateway: SmartProcessGateway = {
      ...inner,
      updateType: (ref, changes) => {
        updates.push(changes)
        return inner.updateType(ref, changes)
      },
    }
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    const conn: PortalConnection = { placement: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, placementOptions: { ID: '1' }, lang: 'en', isAdmin, gateway, frame }
    useContextStore().attach(conn)
    return { store: useTypeSettingsStore(), updates }
  }

  /** As openStore, with REPAIRS loaded. */
  async function loadedStore(userId = 1, isAdmin = true) {
    const opened = openStore(userId, isAdmin)
    await opened.store.load(REPAIRS)
    return opened
  }

  it('loads the type, the names and the user from one request', async () => {
    const { store } = openStore()
    const before = portal.log.list().length
    await store.load(REPAIRS)
    expect(store.loadStatus).toBe('ready')
    expect(store.loaded?.title).toBe('Equipment Repairs')
    expect(useContextStore().user?.id).toBe(1)
    expect(portal.log.list().length - before).toBe(1)
  })

  it('saves a toggled flag as a PATCH of that key only', async () => {
    const { store, updates } = await loadedStore()
    store.setField('isRecyclebinEnabled', true)
    expect(store.dirtyKeys).toEqual(['isRecyclebinEnabled'])
    await store.save()
    expect(store.status).toBe('saved')
    expect(updates).toEqual([{ isRecyclebinEnabled: true }])
    expect(record(portal).flags.isRecyclebinEnabled).toBe(true)
    expect(store.dirtyKeys).toEqual([])
  })

  it('takes a field out of the draft when it is set back to the loaded value', async () => {
    const { store } = await loadedStore()
    store.setField('isObserversEnabled', false)
    store.setField('isObserversEnabled', true)
    expect(store.isDirty).toBe(false)
  })

  it('writes all three linked user fields, merged with the portal\'s, when one of them changed', async () => {
    const { store, updates } = await loadedStore()
    // Elsewhere, after our load: task templates turned on.
    record(portal).linkedUserFields['TASKS_TASK_TEMPLATE|UF_CRM_TASK'] = true
    store.setField('CALENDAR_EVENT|UF_CRM_CAL_EVENT', false)
    await store.save()
    // Only the other side changed it: taken without asking, kept in the merged write, and told.
    expect(store.status).toBe('saved')
    expect(store.takenElsewhere).toEqual(['TASKS_TASK_TEMPLATE|UF_CRM_TASK'])
    expect(updates).toEqual([{ linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false } }])
    expect(record(portal).linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false })
  })

  // Issue 17: a field only the other admin changed is not asked about; the draft is saved on top, losing neither.
  it('takes a change made elsewhere to a field the user did not touch without asking, and names it', async () => {
    const { store, updates } = await loadedStore()
    store.setField('isRecyclebinEnabled', true)
    const { flag } = portal.simulateOtherAdminEdit(REPAIRS)
    const theirs = record(portal).flags[flag as 'isObserversEnabled']
    await store.save()
    expect(store.status).toBe('saved')
    expect(store.takenElsewhere).toEqual([flag])
    expect(updates).toEqual([{ isRecyclebinEnabled: true }])
    expect(record(portal).flags.isRecyclebinEnabled).toBe(true)
    expect(record(portal).flags[flag as 'isObserversEnabled']).toBe(theirs)
  })

  it('does not ask when the other side saved the same value, and sends nothing then', async () => {
    const { store, updates } = await loadedStore()
    store.setField('isSourceEnabled', true)
    expect(portal.call('crm.type.update', { id: record(portal).id, fields: { isSourceEnabled: 'Y' } }, { userId: 3 }).status).toBe(200)
    await store.save()
    expect(store.status).toBe('saved')
    expect(updates).toEqual([])
    expect(store.isDirty).toBe(false)
  })

  /** Another admin renames the type after our load. */
  function renameElsewhere(title: string) {
    expect(portal.call('crm.type.update', { id: record(portal).id, fields: { title } }, { userId: 3 }).status).toBe(200)
  }

  it('stops in a conflict when both sides changed a field to different values, and writes nothing', async () => {
    const { store, updates } = await loadedStore()
    store.setField('title', 'Repairs')
    store.setField('isRecyclebinEnabled', true)
    renameElsewhere('Repairs (elsewhere)')
    await store.save()
    expect(store.status).toBe('conflict')
    expect(updates).toEqual([])
    expect(store.conflict?.fields.map(f => f.key)).toEqual(['title'])
    expect(store.choices).toEqual({ title: 'mine' })
    expect(store.draft).toEqual({ title: 'Repairs', isRecyclebinEnabled: true })
  })

  it('lets the user take the portal\'s value or keep theirs, field by field', async () => {
    const { store } = await loadedStore()
    store.setField('title', 'Repairs')
    store.setField('isRecyclebinEnabled', true)
    renameElsewhere('Repairs (elsewhere)')
    await store.save()
    store.choose('title', 'theirs')
    await store.resolveAndSave()
    expect(store.status).toBe('saved')
    expect(record(portal).title).toBe('Repairs (elsewhere)')
    expect(record(portal).flags.isRecyclebinEnabled).toBe(true)
  })

  it('saves the draft as it is when the user edited on while the conflict view was open', async () => {
    const { store } = await loadedStore()
    store.setField('title', 'Repairs')
    renameElsewhere('Repairs (elsewhere)')
    await store.save()
    expect(store.status).toBe('conflict')
    store.setField('title', 'Repairs 2')
    store.choose('title', 'mine')
    await store.resolveAndSave()
    expect(record(portal).title).toBe('Repairs 2')
  })

  it('keeps the draft and shows access_denied when the portal refuses a non-admin\'s write', async () => {
    // IS_ADMIN claims yes, the portal knows better: its refusal must come through.
    const { store } = await loadedStore(2, true)
    expect(useContextStore().canEditTypes).toBe(false)
    useContextStore().canEditTypes = true
    store.setField('isRecyclebinEnabled', true)
    await store.save()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('access_denied')
    expect(store.draft).toEqual({ isRecyclebinEnabled: true })
    expect(record(portal).flags.isRecyclebinEnabled).toBe(false)
  })

  // crm-type-update.md: UPDATE_DYNAMIC_TYPE_RESTRICTED, the plan forbids changing smart processes.
  it('turns read-only for the session with the plan\'s reason after the plan refuses a change, the draft kept', async () => {
    const { store } = await loadedStore()
    portal.faults.planForbidsUpdate = true
    store.setField('isSourceEnabled', true)
    await store.save()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('plan_restricted')
    expect(store.draft).toEqual({ isSourceEnabled: true })
    expect(record(portal).flags.isSourceEnabled).toBe(false)
    expect(useContextStore().readOnlyReason).toBe('plan_restricted')
    expect(store.canEdit).toBe(false)
  })

  // docs/platform.md "Flags": the portal ignores what it does not take, silently; the answer is compared with what was sent.
  it('says "partly saved" and keeps in the draft, by name, what the portal\'s answer does not hold', async () => {
    const { store } = await loadedStore()
    const gateway = useContextStore().requireGateway()
    // A portal that ignores isObserversEnabled: the field never reaches it.
    const ignoring: SmartProcessGateway = { ...gateway, updateType: (ref, { isObserversEnabled: _, ...rest }) => gateway.updateType(ref, rest) }
    useContextStore().attach({ placement: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, placementOptions: {}, lang: 'en', isAdmin: true, gateway: ignoring, frame: { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} } })
    store.setField('isObserversEnabled', false)
    store.setField('isSourceEnabled', true)
    await store.save()
    expect(store.status).toBe('partial')
    expect(store.unsaved).toEqual(['isObserversEnabled'])
    expect(store.draft).toEqual({ isObserversEnabled: false })
    expect(record(portal).flags.isSourceEnabled).toBe(true)
  })

  it('takes no change to a flag the portal sets itself, nor to a linked field while "use in user fields" is off', async () => {
    const { store } = await loadedStore()
    store.setField('isPaymentsEnabled', true)
    store.setField('isRecurringEnabled', true)
    expect(store.draft).toEqual({})
    // Equipment Repairs has it on (seed): off takes the linked field changes back.
    store.setField('TASKS_TASK_TEMPLATE|UF_CRM_TASK', true)
    store.setField('isUseInUserfieldEnabled', false)
    store.setField('CALENDAR_EVENT|UF_CRM_CAL_EVENT', false)
    expect(store.draft).toEqual({ isUseInUserfieldEnabled: false })
  })

  // crm-type-add.md: linkedUserFields go as "true"/"false" with isUseInUserfieldEnabled 'Y' in the same call.
  it('saves a linked field so that it sticks on the portal', async () => {
    const { store } = await loadedStore()
    store.setField('TASKS_TASK_TEMPLATE|UF_CRM_TASK', true)
    await store.save()
    expect(store.status).toBe('saved')
    expect(record(portal).linkedUserFields['TASKS_TASK_TEMPLATE|UF_CRM_TASK']).toBe(true)
  })

  // docs/platform.md "Pipelines and the recycle bin", crm/lib/Model/Dynamic/TypeTable.php: pipelines off with more than one pipeline fails the whole update.
  it('locks Pipelines on from the first screen\'s read while the type has two pipelines', async () => {
    const { store } = await loadedStore()
    expect(portal.log.list().at(-1)?.commands).toContain('crm.category.list')
    expect(store.locks.isCategoriesEnabled).toEqual({ reason: 'many_pipelines', count: 2 })
    store.setField('isCategoriesEnabled', false)
    expect(store.draft).toEqual({})
  })

  // docs/platform.md "Pipelines and the recycle bin", crm/lib/Model/Dynamic/TypeTable.php: the recycle bin off while it holds items fails the whole update.
  it('a refused write saved nothing and keeps the draft; "save the rest" saves exactly the rest', async () => {
    const id = record(portal).id
    expect(portal.call('crm.type.update', { id, fields: { isRecyclebinEnabled: 'Y' } }, { userId: 1 }).status).toBe(200)
    expect(portal.call('crm.item.delete', { entityTypeId: REPAIRS, id: 1 }, { userId: 1 }).status).toBe(200)
    const { store, updates } = await loadedStore()
    const before = { ...record(portal).flags }
    store.setField('isRecyclebinEnabled', false)
    store.setField('isSourceEnabled', true)
    await store.save()
    expect(store.status).toBe('error')
    expect(store.error?.wireCode).toBe('BX_ERROR')
    expect(store.refusal).toEqual({ suspect: 'isRecyclebinEnabled' })
    expect(store.draft).toEqual({ isRecyclebinEnabled: false, isSourceEnabled: true })
    expect(record(portal).flags).toEqual(before)

    await store.saveWithout('isRecyclebinEnabled')
    expect(store.status).toBe('saved')
    expect(updates.at(-1)).toEqual({ isSourceEnabled: true })
    expect(record(portal).flags).toEqual({ ...before, isSourceEnabled: true })
  })

  it('does not let a non-admin edit at all', async () => {
    const { store } = await loadedStore(2, false)
    store.setField('isRecyclebinEnabled', true)
    expect(store.isDirty).toBe(false)
    expect(store.canEdit).toBe(false)
  })

  it('refreshes an expired token during save and the save goes through', async () => {
    const { store } = await loadedStore()
    store.setField('isSourceEnabled', true)
    portal.expireAllTokens()
    await store.save()
    expect(store.status).toBe('saved')
    expect(record(portal).flags.isSourceEnabled).toBe(true)
  })

  it('keeps the draft for a retry when the network fails', async () => {
    const { store } = await loadedStore()
    store.setField('isSourceEnabled', true)
    portal.faults.errorRate = 1
    await store.save()
    expect(store.status).toBe('error')
    expect(store.draft).toEqual({ isSourceEnabled: true })
    portal.faults.errorRate = 0
    await store.save()
    expect(store.status).toBe('saved')
  })

  it('drops the answer of a load that a newer load overtook', async () => {
    const { store } = openStore()
    const first = store.load(SEED_TYPES.contracts)
    const second = store.load(REPAIRS)
    await Promise.all([first, second])
    expect(store.loaded?.entityTypeId).toBe(REPAIRS)
  })

  it('saves a participant\'s changes in the same request as the flags', async () => {
    const { store, updates } = await loadedStore()
    let dirty = true
    let savedTitle = ''
    store.registerParticipant({
      id: 'probe',
      isDirty: () => dirty,
      changesFor: fresh => ({ code: `code_${fresh.entityTypeId}` }),
      onSaved: (saved) => {
        dirty = false
        savedTitle = saved.title
      },
      discard: () => {
        dirty = false
      },
    })
    store.setField('isSourceEnabled', true)
    await store.save()
    expect(updates).toEqual([{ isSourceEnabled: true, code: `code_${REPAIRS}` }])
    expect(savedTitle).toBe('Equipment Repairs')
  })
})
