/**
 * The history journal in the app's own storage (entity.*), over the
 * emulator in-process with the real SDK. The storage rules the emulator
 * follows are in docs/platform.md "App storages" (api-reference/entity/).
 * Users (emulator/model/users.ts): 1 portal admin, 4 CRM admin who is not
 * a portal admin.
 */
import type { Portal } from '../../emulator/model/portal'
import type { JournalEntry } from '@/domain/journal/entry'
import type { SmartProcessType } from '@/domain/types'
import { beforeEach, describe, expect, it } from 'vitest'
import { addEntityItem } from '../../emulator/model/entity'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { entryToItem, JOURNAL_ENTITY, JOURNAL_NAME, JOURNAL_PROPERTIES } from './journal-wire'
import { createRestJournal } from './rest-journal'
import { defaultFlags, defaultLinkedUserFields } from '@/domain/flags'
import { stateOf } from '@/domain/journal/entry'
import { createInProcessClient } from '@test/emulator-gateway'
import { journalEntry } from '@test/journal-fixtures'

const { repairs: REPAIRS, contracts: CONTRACTS } = SEED_TYPES

function journalOf(portal: Portal, userId = 1) {
  return createRestJournal(createInProcessClient(portal, { userId }))
}

const requests = (portal: Portal) => portal.log.list().map(e => e.method)
const storageOf = (portal: Portal) => portal.ctx.state.entityStorages?.find(s => s.entity === JOURNAL_ENTITY)

const saved: SmartProcessType = {
  ...defaultFlags(),
  id: 1,
  entityTypeId: REPAIRS,
  title: 'Equipment Repairs',
  code: null,
  isInitialized: true,
  createdBy: 1,
  updatedBy: 4,
  createdTime: null,
  updatedTime: '2026-05-02T12:00:00+03:00',
  customSectionId: null,
  isClientEnabled: true,
  linkedUserFields: defaultLinkedUserFields(),
  relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }, { entityTypeId: 3, isChildrenListEnabled: false, isPredefined: true }], child: [] },
}

function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return journalEntry({
    type: { id: 1, entityTypeId: REPAIRS, title: 'Equipment Repairs' },
    fields: [{ key: 'isClientEnabled', before: false, after: true }],
    links: [{ side: 'parent', entityTypeId: 2, before: null, after: true }],
    state: stateOf(saved),
    ...over,
  })
}

/** Items written straight into the emulator's storage (no REST): `at` per item, oldest first. */
function seedItems(portal: Portal, dates: string[]): number[] {
  const storage = storageOf(portal)!
  return dates.map(at => addEntityItem(portal.ctx.state, storage, entryToItem(entry({ at })), 1, Date.now()).id)
}

const NOW = new Date('2026-07-01T12:00:00.000Z')
/** `n` days before NOW, as an entry's `at`. */
const days = (n: number) => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000).toISOString()

describe('the journal over portal REST (emulator in-process)', () => {
  let portal: Portal

  beforeEach(() => {
    portal = createPortal()
  })

  it('creates the storage, writable by every user, then its properties in one batch; a second ensure() only looks, and adds properties a cut-short first one left out', async () => {
    const journal = journalOf(portal)
    expect(await journal.ensure()).toBe(true)
    expect(requests(portal)).toEqual(['entity.get', 'entity.add', 'batch'])
    expect(portal.log.list()[2]!.commands).toEqual(Array.from({ length: 4 }, () => 'entity.item.property.add'))
    // entity-add.md: the creator gets X besides the ACCESS given.
    expect(storageOf(portal)!.access).toEqual({ AU: 'W', U1: 'X' })
    expect(storageOf(portal)!.properties.map(p => [p.code, p.type])).toEqual([['TYPE_ID', 'N'], ['USER_ID', 'N'], ['KIND', 'S'], ['OUTCOME', 'S']])

    portal.log.clear()
    expect(await journal.ensure()).toBe(false)
    expect(requests(portal)).toEqual(['entity.get', 'entity.item.property.get'])
    // A first ensure whose property batch was lost: the next one adds what is missing (the filters need them).
    storageOf(portal)!.properties = storageOf(portal)!.properties.filter(p => p.code !== 'KIND')
    expect(await journal.ensure()).toBe(false)
    expect(storageOf(portal)!.properties.map(p => p.code)).toContain('KIND')
    expect(portal.ctx.state.entityStorages).toHaveLength(1)
  })

  it('creates the storage with its properties when the first entry finds none', async () => {
    const journal = journalOf(portal)
    const id = await journal.add(entry())
    expect(id).toBeGreaterThan(0)
    expect(requests(portal)).toEqual(['entity.item.add', 'entity.get', 'entity.add', 'batch', 'entity.item.add'])
    // The properties existed before the item was written: the filters find it.
    expect((await journal.list({ entityTypeId: REPAIRS })).entries.map(e => e.id)).toEqual([id])
  })

  it('reads back what it wrote, newest first, and a completed entry in place of its pending one', async () => {
    const journal = journalOf(portal)
    const pending = { ...entry({ outcome: 'pending', state: null }) }
    pending.id = await journal.add(pending)
    const other = { ...entry({ at: '2026-05-02T10:00:00.000Z', kind: 'outside', source: 'outside', by: null, updatedTime: '2026-05-02T12:30:00+03:00' }) }
    other.id = await journal.add(other)
    const completed = { ...pending, outcome: 'partial' as const, missed: ['parent:2'] }
    await journal.update(completed)

    const page = await journal.list()
    expect(page).toEqual({ entries: [other, completed], total: 2, next: null })
  })

  it('filters by entityTypeId, user, kind, date range and a part of the title or entityTypeId', async () => {
    const journal = journalOf(portal)
    const a = await journal.add(entry({ at: '2026-05-01T09:00:00.000Z' }))
    const b = await journal.add(entry({ at: '2026-05-02T09:00:00.000Z', by: { id: 1, name: 'Alex Morgan' }, kind: 'undo' }))
    const c = await journal.add(entry({ at: '2026-05-03T09:00:00.000Z', type: { id: 2, entityTypeId: CONTRACTS, title: 'Client Contracts' } }))
    const ids = async (q: Parameters<typeof journal.list>[0]) => (await journal.list(q)).entries.map(e => e.id)

    expect(await ids({ entityTypeId: REPAIRS })).toEqual([b, a])
    expect(await ids({ userId: 4 })).toEqual([c, a])
    expect(await ids({ kind: 'undo' })).toEqual([b])
    // Both ends are included.
    expect(await ids({ from: new Date('2026-05-02T09:00:00.000Z'), to: new Date('2026-05-03T09:00:00.000Z') })).toEqual([c, b])
    expect(await ids({ search: ' client ' })).toEqual([c])
    expect(await ids({ search: '  ' })).toEqual([c, b, a])
    expect(await ids({ search: String(REPAIRS) })).toEqual([b, a])
    expect(await ids({ entityTypeId: REPAIRS, kind: 'settings' })).toEqual([a])
  })

  it('pages 50 entries at a time (entity-item-get.md: the page size is fixed)', async () => {
    await journalOf(portal).ensure()
    seedItems(portal, Array.from({ length: 55 }, (_, i) => days(55 - i)))
    const journal = journalOf(portal)
    const first = await journal.list()
    expect(first).toMatchObject({ total: 55, next: 50 })
    expect(first.entries).toHaveLength(50)
    const second = await journal.list({ start: first.next! })
    expect(second).toMatchObject({ total: 55, next: null })
    expect(second.entries).toHaveLength(5)
  })

  it('lets a CRM administrator who is not a portal administrator write to the storage another user made', async () => {
    await journalOf(portal, 1).ensure()
    const journal = journalOf(portal, 4)
    const written = entry({ outcome: 'pending', state: null })
    written.id = await journal.add(written)
    await journal.update({ ...written, outcome: 'applied', state: stateOf(saved) })
    expect((await journal.list()).entries).toEqual([{ ...written, outcome: 'applied', state: stateOf(saved) }])
    expect(portal.log.list().filter(e => e.userId === 4).every(e => e.status === 200)).toBe(true)
  })

  it('lets a CRM administrator who is not a portal administrator create the storage and its properties', async () => {
    // entity-add.md: any user may create a storage and gets X, which entity.item.property.add needs.
    const journal = journalOf(portal, 4)
    expect(await journal.ensure()).toBe(true)
    await journal.add(entry())
    expect(storageOf(portal)!.access).toEqual({ AU: 'W', U4: 'X' })
    expect((await journal.list({ userId: 4 })).entries).toHaveLength(1)
  })

  it('takes a storage another user made at the same moment, with its properties, as its own', async () => {
    // Between this user's entity.get and entity.add, user 1 creates it whole (straight on the model, synchronously).
    const client = createInProcessClient(portal, {
      userId: 4,
      intercept: (method) => {
        if (method === 'entity.add') {
          portal.call('entity.add', { ENTITY: JOURNAL_ENTITY, NAME: JOURNAL_NAME, ACCESS: { AU: 'W' } }, { userId: 1 })
          for (const p of JOURNAL_PROPERTIES)
            portal.call('entity.item.property.add', { ENTITY: JOURNAL_ENTITY, ...p }, { userId: 1 })
        }
        return undefined
      },
    })
    expect(await createRestJournal(client).ensure()).toBe(true)
    expect(portal.log.list().filter(e => e.userId === 4).map(e => [e.method, e.error ?? 'ok'])).toEqual([
      ['entity.get', 'ERROR_ENTITY_NOT_FOUND'],
      ['entity.add', 'ERROR_ENTITY_ALREADY_EXISTS'],
      ['batch', 'ok'],
    ])
    expect(storageOf(portal)!.properties).toHaveLength(4)
  })

  it('leaves out items that are not entries it reads, and latestOf() skips them to the newest readable one', async () => {
    const journal = journalOf(portal)
    const client = createInProcessClient(portal)
    const good = await journal.add(entry())
    const junk = (DETAIL_TEXT: string) => client.call('entity.item.add', { ENTITY: JOURNAL_ENTITY, NAME: `Equipment Repairs [${REPAIRS}]`, DETAIL_TEXT, PROPERTY_VALUES: { TYPE_ID: REPAIRS, KIND: 'settings' } })
    const body = JSON.parse(entryToItem(entry()).DETAIL_TEXT as string) as Record<string, unknown>
    // Anyone with the app may write to the storage (AU: W).
    await junk('<img src=x onerror="alert(1)">')
    await junk(JSON.stringify({ ...body, v: 2 }))
    await junk(JSON.stringify({ ...body, kind: 'wipe' }))
    await junk(JSON.stringify({ ...body, fields: [{ key: 'isClientEnabled', before: false, after: '<script>' }, { key: 'notAField', before: 1, after: 2 }] }))

    const page = await journal.list()
    expect(page.entries.map(e => e.id)).toEqual([good])
    expect(page.total).toBe(5)
    expect((await journal.latestOf(REPAIRS))?.id).toBe(good)
  })

  it('answers an empty history on a portal without the storage, and does not create it', async () => {
    expect(await journalOf(portal).list({ entityTypeId: REPAIRS })).toEqual({ entries: [], total: 0, next: null })
    expect(await journalOf(portal).latestOf(REPAIRS)).toBeNull()
    expect(storageOf(portal)).toBeUndefined()
  })

  it('deletes nothing while the journal holds no more than 2,000 entries, however old', async () => {
    const journal = journalOf(portal)
    for (const n of [400, 300, 200])
      await journal.add(entry({ at: days(n) }))
    portal.log.clear()
    expect(await journal.prune(NOW)).toBe(0)
    expect(requests(portal)).toEqual(['entity.item.get'])
    expect(storageOf(portal)!.items).toHaveLength(3)
  })

  it.each([
    // 2,060 in all, 120 older than 180 days: the 60 oldest go; two pages of old ones are read, the deletes go in two batches.
    { total: 2060, old: 120, gone: 60, reads: 3, batches: 2 },
    // 2,030 in all, 20 old: all of them go.
    { total: 2030, old: 20, gone: 20, reads: 2, batches: 1 },
  ])('deletes the oldest of the old entries beyond the newest 2,000 ($total in all, $old old → $gone)', async ({ total, old, gone, reads, batches }) => {
    const journal = journalOf(portal)
    await journal.ensure()
    // A few recent entries with the lowest IDs: the age is the entry's date, not its place.
    const recent = seedItems(portal, Array.from({ length: 5 }, () => days(10)))
    const aged = seedItems(portal, Array.from({ length: old }, (_, i) => days(400 - i)))
    const rest = seedItems(portal, Array.from({ length: total - old - 5 }, () => days(10)))
    portal.log.clear()
    expect(await journal.prune(NOW)).toBe(gone)
    expect(requests(portal)).toEqual([...Array.from({ length: reads }, () => 'entity.item.get'), ...Array.from({ length: batches }, () => 'batch')])
    expect(storageOf(portal)!.items.map(i => i.id)).toEqual([...recent, ...aged.slice(gone), ...rest])
  })
})
