import type { EntryStart, JournalEntry } from './entry'
import type { SmartProcessType } from '@/domain/types'
import { describe, expect, it } from 'vitest'
import { deliveries, rel, relSet } from '@test/journal-fixtures'
import { completedChange, createdEntry, linkChangesBetween, linkKey, outsideChange, parseLinkKey, pendingChange, stateOf } from './entry'

const TASKS = 'TASKS_TASK|UF_CRM_TASK'
const TEMPLATES = 'TASKS_TASK_TEMPLATE|UF_CRM_TASK'
const CALENDAR = 'CALENDAR_EVENT|UF_CRM_CAL_EVENT'

const set = relSet

/** A type read one by one: deals (2) as a parent, predefined contacts (3), no other link. */
const type = (over: Partial<SmartProcessType> = {}) => deliveries({ relations: set([rel(2, true), rel(3, false, true)]), ...over })

const AT = new Date('2026-05-02T09:00:00.000Z')

function start(over: Partial<EntryStart> = {}): EntryStart {
  return { at: AT, by: { id: 4, name: 'Dana Petrova' }, source: 'card', kind: 'settings', type: { id: 7, entityTypeId: 1038, title: 'Deliveries' }, ...over }
}

describe('pendingChange', () => {
  it('lists only the fields the write sends that differ from the fresh read, and no link when relations are not sent', () => {
    const fresh = type({ isObserversEnabled: true })
    const entry = pendingChange(start(), fresh, {
      title: 'Deliveries', // sent, the same
      isClientEnabled: true,
      isObserversEnabled: true, // sent, the same
      linkedUserFields: { [TASKS]: true, [TEMPLATES]: false, [CALENDAR]: false },
    })
    expect(entry).toMatchObject({ id: 0, at: '2026-05-02T09:00:00.000Z', kind: 'settings', source: 'card', outcome: 'pending', state: null, missed: [] })
    expect(entry.fields).toEqual([
      { key: 'isClientEnabled', before: false, after: true },
      { key: TASKS, before: false, after: true },
    ])
    expect(entry.links).toEqual([])
  })

  it('lists the links the new relation set adds, removes or changes, predefined ones left out', () => {
    const entry = pendingChange(start(), type(), { relations: set([rel(2, false), rel(1032, true)], [rel(31)]) })
    expect(entry.fields).toEqual([])
    expect(entry.links).toEqual([
      { side: 'parent', entityTypeId: 1032, before: null, after: true },
      { side: 'parent', entityTypeId: 2, before: true, after: false },
      { side: 'child', entityTypeId: 31, before: null, after: false },
    ])
  })
})

describe('completedChange', () => {
  it('is applied when the saved type holds everything asked, its links as the portal answered them', () => {
    const fresh = type()
    const pending = pendingChange(start(), fresh, { isClientEnabled: true, relations: set([rel(2, true), rel(3, false, true), rel(1032)]) })
    // isClientEnabled makes the portal add companies (4) as a predefined parent too (docs/platform.md "Relations").
    // Someone else turned observers on meanwhile: not this write's field, so not this entry's.
    const saved = type({ isClientEnabled: true, isObserversEnabled: true, updatedTime: '2026-05-02T12:00:01+03:00', relations: set([rel(2, true), rel(3, false, true), rel(4, false, true), rel(1032)]) })
    const done = completedChange(pending, fresh, saved)
    expect(done).toMatchObject({ outcome: 'applied', missed: [], error: null, at: pending.at, by: pending.by })
    expect(done.fields).toEqual([{ key: 'isClientEnabled', before: false, after: true }])
    expect(done.links).toEqual([{ side: 'parent', entityTypeId: 1032, before: null, after: false }])
    expect(done.state).toEqual(stateOf(saved))
  })

  it('is partial and names the fields and links (side:entityTypeId) the saved type lacks, once each', () => {
    const fresh = type()
    const pending = pendingChange(start(), fresh, {
      isClientEnabled: true,
      isObserversEnabled: true,
      relations: set([rel(2, true), rel(3, false, true), rel(1032, true)], [rel(31)]),
    })
    const saved = type({ isObserversEnabled: true, relations: set([rel(2, true), rel(3, false, true)], [rel(31)]) })
    const done = completedChange(pending, fresh, saved, ['parent:1032', 'relations_dropped'])
    expect(done.outcome).toBe('partial')
    expect(done.missed).toEqual(['isClientEnabled', 'parent:1032', 'relations_dropped'])
    expect(done.fields).toEqual([{ key: 'isObserversEnabled', before: false, after: true }])
    expect(done.links).toEqual([{ side: 'child', entityTypeId: 31, before: null, after: false }])
  })

  it('records the value the portal kept, not the one asked', () => {
    const fresh = type()
    const pending = pendingChange(start(), fresh, { title: 'Shipments' })
    const done = completedChange(pending, fresh, type({ title: 'Shipments (2)' }))
    expect(done.fields).toEqual([{ key: 'title', before: 'Deliveries', after: 'Shipments (2)' }])
    expect(done).toMatchObject({ outcome: 'partial', missed: ['title'] })
  })
})

describe('linkChangesBetween', () => {
  it('reports added, removed and changed user links with before and after, per side', () => {
    const before = set([rel(2, true), rel(7)], [rel(31, true)])
    const after = set([rel(2, false), rel(1032, true)], [rel(31, true), rel(1034)])
    expect(linkChangesBetween(before, after)).toEqual([
      { side: 'parent', entityTypeId: 1032, before: null, after: true },
      { side: 'parent', entityTypeId: 7, before: false, after: null },
      { side: 'parent', entityTypeId: 2, before: true, after: false },
      { side: 'child', entityTypeId: 1034, before: null, after: false },
    ])
  })

  it('ignores predefined links coming, going or changing', () => {
    const before = set([rel(3, false, true), rel(4, true, true)], [rel(7, false, true)])
    const after = set([rel(3, true, true), rel(4, true, false)], [])
    // 4 turning from predefined into a user link with the same value is no user change either.
    expect(linkChangesBetween(before, after)).toEqual([])
    expect(linkChangesBetween(set(), set([rel(3, false, true)]))).toEqual([])
  })
})

describe('outsideChange', () => {
  const applied = (state: SmartProcessType): JournalEntry => ({ ...completedChange(pendingChange(start(), state, {}), state, state), id: 12 })

  it('is null for a read no newer than the state the journal holds (a screen loaded before that entry)', () => {
    const last = applied(type({ isRecyclebinEnabled: true, updatedTime: '2026-05-02T10:00:00+03:00' }))
    expect(outsideChange(last, type({ isRecyclebinEnabled: false, updatedTime: '2026-05-02T09:00:00+03:00' }), AT)).toBeNull()
    expect(outsideChange(last, type({ isRecyclebinEnabled: false, updatedTime: '2026-05-02T10:05:00+03:00' }), AT)?.fields).toEqual([{ key: 'isRecyclebinEnabled', before: true, after: false }])
  })

  it('is null without a last entry, after a pending entry (no state yet) or a delete', () => {
    const read = type({ isClientEnabled: true })
    expect(outsideChange(null, read, AT)).toBeNull()
    expect(outsideChange({ ...pendingChange(start(), type(), { isClientEnabled: true }), id: 12 }, read, AT)).toBeNull()
    expect(outsideChange({ ...applied(type()), kind: 'delete' }, read, AT)).toBeNull()
  })

  it('is null when the read holds the last known fields and links, even saved again since', () => {
    expect(outsideChange(applied(type()), type({ updatedBy: 5, updatedTime: '2026-05-03T10:00:00+03:00' }), AT)).toBeNull()
  })

  it('reports the fields and links changed since, who changed it and when the record says it did', () => {
    const last = applied(type())
    const read = type({ title: 'Parcels', isClientEnabled: true, updatedBy: 5, updatedTime: '2026-05-03T10:00:00+03:00', relations: set([rel(3, false, true), rel(4, false, true)], [rel(31, true)]) })
    const seen = new Date('2026-05-04T08:00:00.000Z')
    const entry = outsideChange(last, read, seen)
    expect(entry).toMatchObject({
      id: 0,
      at: '2026-05-04T08:00:00.000Z',
      by: { id: 5, name: '' },
      source: 'outside',
      kind: 'outside',
      outcome: 'applied',
      type: { id: 7, entityTypeId: 1038, title: 'Parcels' },
      updatedTime: '2026-05-03T10:00:00+03:00',
      state: stateOf(read),
    })
    expect(entry!.fields).toEqual([
      { key: 'title', before: 'Deliveries', after: 'Parcels' },
      { key: 'isClientEnabled', before: false, after: true },
    ])
    expect(entry!.links).toEqual([
      { side: 'parent', entityTypeId: 2, before: true, after: null },
      { side: 'child', entityTypeId: 31, before: null, after: true },
    ])
    expect(outsideChange(last, { ...read, updatedBy: null }, seen)!.by).toBeNull()
  })
})

describe('createdEntry', () => {
  it('records the created type\'s title, code and user links as applied, with its state', () => {
    const created = type({ id: 9, entityTypeId: 1040, title: 'Audits', code: 'audits', relations: set([rel(2, true), rel(3, false, true)], [rel(31)]) })
    const entry = createdEntry(start({ kind: 'create', source: 'app', type: { id: 0, entityTypeId: 0, title: 'Audits' } }), created)
    expect(entry).toMatchObject({ id: 0, kind: 'create', source: 'app', outcome: 'applied', missed: [], type: { id: 9, entityTypeId: 1040, title: 'Audits' } })
    expect(entry.fields).toEqual([
      { key: 'title', before: null, after: 'Audits' },
      { key: 'code', before: null, after: 'audits' },
    ])
    expect(entry.links).toEqual([
      { side: 'parent', entityTypeId: 2, before: null, after: true },
      { side: 'child', entityTypeId: 31, before: null, after: false },
    ])
    expect(entry.state).toEqual(stateOf(created))
  })
})

describe('link keys of `missed`', () => {
  it('reads a link\'s key back and nothing else as a link', () => {
    expect(parseLinkKey(linkKey({ side: 'child', entityTypeId: 1030 }))).toEqual({ side: 'child', entityTypeId: 1030 })
    expect(['isRecyclebinEnabled', 'DETAIL_TAB', 'parent:', 'sideways:2', 'relation: Deals'].map(parseLinkKey)).toEqual([null, null, null, null, null])
  })
})
