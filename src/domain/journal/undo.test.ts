import type { FieldChange, LinkChange } from './entry'
import type { UndoPlan } from './undo'
import type { TypeSetup } from '@/domain/setup/types'
import type { SmartProcessType } from '@/domain/types'
import { describe, expect, it } from 'vitest'
import { deliveries, journalEntry, rel, relSet } from '@test/journal-fixtures'
import { isRecreatable, isUndoableChange, planUndo, undoChanges, undoChoiceKey, undoWrites } from './undo'

const TASKS = 'TASKS_TASK|UF_CRM_TASK'
const TEMPLATES = 'TASKS_TASK_TEMPLATE|UF_CRM_TASK'
const CALENDAR = 'CALENDAR_EVENT|UF_CRM_CAL_EVENT'

const set = relSet
const link = (side: LinkChange['side'], entityTypeId: number, before: boolean | null, after: boolean | null): LinkChange => ({ side, entityTypeId, before, after })

/** The type as read now. */
const current = (over: Partial<SmartProcessType> = {}) => deliveries({ createdTime: null, updatedTime: '2026-05-03T09:00:00+03:00', ...over })
const entry = journalEntry

const everyTypeExists = () => true

describe('planUndo', () => {
  it('reverts a field still at "after", needs nothing for one at "before", and asks about one changed again', () => {
    const fields: FieldChange[] = [
      { key: 'isClientEnabled', before: false, after: true },
      { key: 'code', before: null, after: 'dlv' },
      { key: 'title', before: 'Deliveries', after: 'Shipments' },
    ]
    // An empty code is no code (settings-fields sameValue).
    const plan = planUndo(entry({ fields }), current({ isClientEnabled: true, code: '', title: 'Parcels' }), everyTypeExists)
    expect(plan.fields).toEqual([
      { change: fields[0], current: true, status: 'revert' },
      { change: fields[1], current: '', status: 'already' },
      { change: fields[2], current: 'Parcels', status: 'conflict' },
    ])
  })

  it('reverts a link still as the entry left it, needs nothing for one back as before, and asks about one changed again', () => {
    const links = [link('parent', 2, null, true), link('child', 31, false, null), link('parent', 1032, false, true), link('child', 7, true, null)]
    const plan = planUndo(entry({ links }), current({ relations: set([rel(2, true), rel(1032, false)], [rel(7, false)]) }), everyTypeExists)
    expect(plan.links).toEqual([
      { change: links[0], current: true, status: 'revert' },
      { change: links[1], current: null, status: 'revert' },
      { change: links[2], current: false, status: 'already' },
      { change: links[3], current: false, status: 'conflict' },
    ])
  })

  it('marks a removed link "gone" when the other type no longer exists', () => {
    const removed = link('child', 1034, true, null)
    expect(planUndo(entry({ links: [removed] }), current(), id => id !== 1034).links[0]!.status).toBe('gone')
    expect(planUndo(entry({ links: [removed] }), current(), everyTypeExists).links[0]!.status).toBe('revert')
  })

  it('needs nothing for a link the portal now holds as predefined', () => {
    // The user added contacts (3) as a parent; isClientEnabled since made it a predefined one (docs/platform.md "Relations").
    const added = link('parent', 3, null, true)
    expect(planUndo(entry({ links: [added] }), current({ relations: set([rel(3, true, true)]) }), everyTypeExists).links[0])
      .toEqual({ change: added, current: true, status: 'already' })
  })
})

describe('undoChanges', () => {
  it('takes contacts and companies away with the client, as the editor\'s save does (sent along they would stay as ordinary links)', () => {
    const e = entry({ fields: [{ key: 'isClientEnabled', before: false, after: true }], links: [{ side: 'parent', entityTypeId: 2, before: null, after: false }] })
    const now = current({ isClientEnabled: true, relations: set([rel(2), rel(3, false, true), rel(4, false, true)]) })
    const { changes } = undoChanges(planUndo(e, now, everyTypeExists), {}, now)
    expect(changes.isClientEnabled).toBe(false)
    expect(changes.relations).toEqual(set())
  })


  it('sends the fields going back, linked user fields whole from the current read', () => {
    const e = entry({ fields: [{ key: 'isClientEnabled', before: false, after: true }, { key: CALENDAR, before: true, after: false }] })
    const now = current({ isClientEnabled: true, isUseInUserfieldEnabled: true, linkedUserFields: { [TASKS]: true, [TEMPLATES]: false, [CALENDAR]: false } })
    const { changes, sent } = undoChanges(planUndo(e, now, everyTypeExists), {}, now)
    expect(changes).toEqual({ isClientEnabled: false, linkedUserFields: { [TASKS]: true, [TEMPLATES]: false, [CALENDAR]: true } })
    expect(sent).toEqual(['isClientEnabled', CALENDAR])
  })

  it('leaves the linked user fields out when "use in user fields" goes back off with them', () => {
    // They count only while isUseInUserfieldEnabled is on (docs/platform.md "linkedUserFields").
    const e = entry({ fields: [{ key: 'isUseInUserfieldEnabled', before: false, after: true }, { key: TASKS, before: false, after: true }] })
    const now = current({ isUseInUserfieldEnabled: true, linkedUserFields: { [TASKS]: true, [TEMPLATES]: false, [CALENDAR]: false } })
    expect(undoChanges(planUndo(e, now, everyTypeExists), {}, now).changes).toEqual({ isUseInUserfieldEnabled: false })
  })

  it('sends the whole relation set built from the current read, other and predefined links kept', () => {
    const e = entry({ links: [link('parent', 1032, null, true), link('child', 31, false, null), link('parent', 2, false, true)] })
    const now = current({ relations: set([rel(1032, true), rel(4, false, true), rel(2, true), rel(3, false, true)], [rel(7, true)]) })
    const { changes, relations } = undoChanges(planUndo(e, now, everyTypeExists), {}, now)
    const expected = set([rel(2, false), rel(3, false, true), rel(4, false, true)], [rel(7, true), rel(31, false)])
    expect(relations).toEqual(expected)
    expect(changes).toEqual({ relations: expected })
  })

  it('takes back what changed again since only where the user chose "undo"', () => {
    const e = entry({ fields: [{ key: 'title', before: 'Deliveries', after: 'Shipments' }], links: [link('child', 7, true, null)] })
    const now = current({ title: 'Parcels', relations: set([], [rel(7, false)]) })
    const plan = planUndo(e, now, everyTypeExists)
    expect(undoChanges(plan, {}, now).changes).toEqual({})
    expect(undoChanges(plan, { 'title': 'keep', 'child:7': 'keep' }, now).changes).toEqual({})
    expect(undoChanges(plan, { 'title': 'undo', 'child:7': 'undo' }, now)).toEqual({
      changes: { title: 'Deliveries', relations: set([], [rel(7, true)]) },
      sent: ['title'],
      relations: set([], [rel(7, true)]),
    })
  })
})

describe('undoWrites', () => {
  const plan: UndoPlan = {
    fields: [{ change: { key: 'title', before: 'Deliveries', after: 'Shipments' }, current: 'Parcels', status: 'conflict' }],
    links: [
      { change: link('parent', 2, null, true), current: null, status: 'already' },
      { change: link('child', 1034, true, null), current: null, status: 'gone' },
    ],
  }

  it('is false while nothing reverts and no conflict is taken back', () => {
    expect(undoWrites(plan, {})).toBe(false)
    expect(undoWrites(plan, { title: 'keep' })).toBe(false)
  })

  it('is true with a revert, or a conflict the user chose to undo (keyed by field key or side:entityTypeId)', () => {
    expect(plan.fields.map(undoChoiceKey)).toEqual(['title'])
    expect(plan.links.map(undoChoiceKey)).toEqual(['parent:2', 'child:1034'])
    expect(undoWrites(plan, { title: 'undo' })).toBe(true)
    expect(undoWrites({ ...plan, links: [{ ...plan.links[0]!, status: 'revert' }] }, {})).toBe(true)
  })
})

describe('what can be undone', () => {
  const changed = { fields: [{ key: 'isClientEnabled' as const, before: false, after: true }] }

  it('undoes a change that took effect (wholly or partly, in the app or outside) by changing the type back', () => {
    expect(isUndoableChange(entry({ ...changed }))).toBe(true)
    expect(isUndoableChange(entry({ ...changed, outcome: 'partial' }))).toBe(true)
    expect(isUndoableChange(entry({ ...changed, kind: 'outside', source: 'outside' }))).toBe(true)
    expect(isUndoableChange(entry({ links: [link('parent', 2, null, true)] }))).toBe(true)
  })

  it('does not undo a failed or pending write, an entry without changes, a create or a delete', () => {
    expect(isUndoableChange(entry({ ...changed, outcome: 'failed' }))).toBe(false)
    expect(isUndoableChange(entry({ ...changed, outcome: 'pending' }))).toBe(false)
    expect(isUndoableChange(entry())).toBe(false)
    expect(isUndoableChange(entry({ ...changed, kind: 'create' }))).toBe(false)
    expect(isUndoableChange(entry({ ...changed, kind: 'delete' }))).toBe(false)
  })

  it('recreates a deleted type only from an applied delete that kept its setup', () => {
    const setup: TypeSetup = { entityTypeId: 1038, title: 'Deliveries', code: null, flags: {}, linkedUserFields: {}, relations: { parent: [], child: [] }, pipelines: null }
    expect(isRecreatable(entry({ kind: 'delete', setup }))).toBe(true)
    expect(isRecreatable(entry({ kind: 'delete', setup: null }))).toBe(false)
    expect(isRecreatable(entry({ kind: 'delete', setup, outcome: 'failed' }))).toBe(false)
    expect(isRecreatable(entry({ kind: 'settings', setup }))).toBe(false)
  })
})
