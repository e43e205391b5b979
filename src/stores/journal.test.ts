import type { PortalConnection } from './context'
import type { SmartProcessGateway } from '@/portal/gateway'
import type { JournalPort } from '@/portal/journal-port'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { createInProcessGateway } from '@test/emulator-gateway'
import { AppError } from '@/domain/errors'
import { createRestJournal } from '@/portal/rest-journal'
import { useContextStore } from './context'
import { useJournalStore } from './journal'
import { useTypeSettingsStore } from './type-settings'

const REPAIRS = SEED_TYPES.repairs
type Portal = ReturnType<typeof createPortal>

/**
 * The journal around the editor's save (issue 19): pending before the
 * write, completed after, and never in the way of the save.
 */
describe('journal store', () => {
  let portal: Portal
  beforeEach(() => {
    setActivePinia(createPinia())
    portal = createPortal()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** The card tab of REPAIRS as user 1; `journalFails` makes every journal write fail (the portal's storage refuses). */
  async function open(options: { journalFails?: () => boolean } = {}) {
    const inner = createInProcessGateway(portal, { userId: 1 })
    const gateway: SmartProcessGateway = {
      ...inner,
      openJournal: async () => {
        const real = createRestJournal(inner.client)
        const failing = (fn: (...a: never[]) => Promise<unknown>) => (...a: never[]) => options.journalFails?.() ? Promise.reject(new AppError({ code: 'network' })) : fn(...a)
        return { ...real, add: failing(real.add as never), update: failing(real.update as never) } as JournalPort
      },
    }
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    const conn: PortalConnection = { placement: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, placementOptions: { ID: '1' }, lang: 'en', isAdmin: true, gateway, frame }
    useContextStore().attach(conn)
    const settings = useTypeSettingsStore()
    await settings.load(REPAIRS)
    return { settings, journal: useJournalStore(), read: () => createRestJournal(inner.client).list({ entityTypeId: REPAIRS }) }
  }

  it('writes the entry as pending before crm.type.update and completes it with what the portal answered', async () => {
    const { settings, read } = await open()
    settings.setField('isRecyclebinEnabled', true)
    await settings.save()
    const methods = portal.log.list().map(e => e.method)
    const add = methods.lastIndexOf('entity.item.add')
    expect(add).toBeGreaterThan(-1)
    expect(add).toBeLessThan(methods.indexOf('crm.type.update'))
    await vi.waitFor(() => expect(portal.log.list().map(e => e.method)).toContain('entity.item.update'))
    const [entry] = (await read()).entries
    expect(entry).toMatchObject({ kind: 'settings', source: 'card', outcome: 'applied', by: { id: 1 }, type: { entityTypeId: REPAIRS }, fields: [{ key: 'isRecyclebinEnabled', before: false, after: true }] })
    expect(entry!.state?.values.isRecyclebinEnabled).toBe(true)
  })

  it('a failed journal write neither blocks nor hides the save: it is kept, told and written on a retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    let down = true
    const { settings, journal, read } = await open({ journalFails: () => down })
    settings.setField('isRecyclebinEnabled', true)
    const saving = settings.save()
    await vi.advanceTimersByTimeAsync(100)
    await saving
    expect(settings.status).toBe('saved')
    await vi.waitFor(() => expect(journal.unwritten).toHaveLength(1))
    expect(journal.problem?.code).toBe('network')
    down = false
    await vi.advanceTimersByTimeAsync(2_000)
    await vi.waitFor(() => expect(journal.unwritten).toHaveLength(0))
    expect(journal.problem).toBeNull()
    expect((await read()).entries.map(e => [e.kind, e.outcome])).toEqual([['settings', 'applied']])
  })

  it('records what changed outside the app when the read differs from the journal\'s last known state', async () => {
    const { settings, journal, read } = await open()
    settings.setField('isRecyclebinEnabled', true)
    await settings.save()
    await vi.waitFor(async () => expect((await read()).entries[0]?.outcome).toBe('applied'))
    // Someone turns it off again over REST, outside the app (another user's token).
    const other = createInProcessGateway(portal, { userId: 4 })
    const type = await other.getType(REPAIRS)
    await other.updateType(type, { isRecyclebinEnabled: false })
    await journal.loadType(REPAIRS)
    const fresh = await other.getType(REPAIRS)
    const outside = await journal.checkOutside(fresh)
    expect(outside).toMatchObject({ kind: 'outside', by: { id: 4 }, updatedTime: fresh.updatedTime, fields: [{ key: 'isRecyclebinEnabled', before: true, after: false }] })
    // Seen once: the same read again finds nothing new.
    await journal.loadType(REPAIRS)
    expect(await journal.checkOutside(fresh)).toBeNull()
    expect((await read()).entries.map(e => e.kind)).toEqual(['outside', 'settings'])
  })
})

describe('journal store: an import', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  it('journals one entry per changed type, grouped, pending in one batch before the writes and completed in one after', async () => {
    const portal = createPortal()
    const inner = createInProcessGateway(portal, { userId: 1, gateway: { rateLimitDelayMs: 10 } })
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    useContextStore().attach({ placement: 'DEFAULT', placementOptions: {}, lang: 'en', isAdmin: true, gateway: inner, frame } as PortalConnection)
    const { useSetupTransferStore } = await import('./setup-transfer')
    const transfer = useSetupTransferStore()
    await transfer.exportTypes([REPAIRS])
    const file = JSON.parse(transfer.exported!.text)
    file.types[0].flags.isRecyclebinEnabled = true
    const text = JSON.stringify(file)
    await transfer.readFile(text, text.length)
    portal.log.clear()
    await transfer.apply()
    expect(transfer.outcomes.map(o => o.result)).toEqual(['applied'])
    await vi.waitFor(() => expect(portal.log.list().filter(e => e.method === 'batch' && e.commands?.every(c => c === 'entity.item.update'))).toHaveLength(1))
    const journalCalls = portal.log.list().filter(e => e.method.startsWith('entity.') || e.commands?.some(c => c.startsWith('entity.')))
    // ensure (the storage is new), the pending batch, the completing batch.
    expect(journalCalls.map(e => e.method)).toEqual(['entity.get', 'entity.add', 'batch', 'batch', 'batch'])
    const [entry] = (await createRestJournal(inner.client).list()).entries
    expect(entry).toMatchObject({ kind: 'import', source: 'import', outcome: 'applied', type: { entityTypeId: REPAIRS }, fields: [{ key: 'isRecyclebinEnabled', before: false, after: true }] })
    expect(entry!.group).toMatch(/^import-/)
  })
})

describe('journal store: a type the app never changed', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  it('keeps its first read as a baseline (never listed), so a change made outside the app is recorded on the next read', async () => {
    const portal = createPortal()
    const inner = createInProcessGateway(portal, { userId: 1 })
    const frame = { resizeHeight: async () => {}, fitWindow: async () => {}, setTitle: async () => {} }
    useContextStore().attach({ placement: `CRM_DYNAMIC_${REPAIRS}_DETAIL_TAB`, placementOptions: { ID: '1' }, lang: 'en', isAdmin: true, gateway: inner, frame } as PortalConnection)
    useContextStore().setUser(await inner.currentUser())
    const journal = useJournalStore()
    await journal.loadType(REPAIRS)
    expect(await journal.checkOutside(await inner.getType(REPAIRS))).toBeNull()
    const port = createRestJournal(inner.client)
    expect((await port.list()).entries).toEqual([])
    expect((await port.list({ withBaseline: true })).entries.map(e => e.kind)).toEqual(['baseline'])

    const other = createInProcessGateway(portal, { userId: 4 })
    await other.updateType(await other.getType(REPAIRS), { isBeginCloseDatesEnabled: false })
    await journal.loadType(REPAIRS)
    expect(await journal.checkOutside(await inner.getType(REPAIRS))).toMatchObject({ kind: 'outside', fields: [{ key: 'isBeginCloseDatesEnabled', before: true, after: false }] })
    expect((await port.list()).entries.map(e => e.kind)).toEqual(['outside'])
  })
})
