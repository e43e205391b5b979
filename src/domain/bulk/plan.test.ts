import { describe, expect, it } from 'vitest'
import { deliveries, rel, relSet } from '@test/journal-fixtures'
import { emptyFilter, matchesFilter } from './action'
import { groupStart, newGroupId } from './group'
import { planPlacements } from './placements'
import { planBulkType, planCounts } from './plan'
import { isRetryable, missedAfterWrite, stepResult } from './result'

/** Issue 20: what a bulk change does to each type, planned on its fresh read. */
describe('planBulkType', () => {
  it('sends only the flags that differ, and marks a type already as asked', () => {
    const p = planBulkType({ kind: 'flags', flags: { isRecyclebinEnabled: true, isStagesEnabled: false } }, deliveries())
    expect(p.status).toBe('change')
    expect(p.changes).toEqual({ isRecyclebinEnabled: true })
    expect(p.fields).toEqual([{ key: 'isRecyclebinEnabled', before: false, after: true }])
    expect(planBulkType({ kind: 'flags', flags: { isRecyclebinEnabled: true } }, deliveries({ isRecyclebinEnabled: true })).status).toBe('nothing')
  })

  it('leaves out pipelines off while a type has more than one (docs/platform.md "Pipelines and the recycle bin")', () => {
    const fresh = deliveries({ isCategoriesEnabled: true })
    expect(planBulkType({ kind: 'flags', flags: { isCategoriesEnabled: false } }, fresh, 3)).toMatchObject({ status: 'blocked', block: 'many_pipelines', pipelines: 3 })
    expect(planBulkType({ kind: 'flags', flags: { isCategoriesEnabled: false } }, fresh, 1).status).toBe('change')
  })

  it('sends linked fields whole, with "use in user fields" on (docs/platform.md "linkedUserFields")', () => {
    const [TASKS, TEMPLATES, EVENTS] = ['TASKS_TASK|UF_CRM_TASK', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT'] as const
    const p = planBulkType({ kind: 'linked_fields', fields: { [EVENTS]: true } }, deliveries({ linkedUserFields: { [EVENTS]: false, [TASKS]: true, [TEMPLATES]: false } }))
    expect(p.changes).toEqual({ isUseInUserfieldEnabled: true, linkedUserFields: { [EVENTS]: true, [TASKS]: true, [TEMPLATES]: false } })
  })

  it('adds a link to the fresh read\'s whole set, keeping every other link and the predefined ones', () => {
    const fresh = deliveries({ isClientEnabled: true, relations: relSet([rel(3, false, true), rel(1030, true)], [rel(1032)]) })
    const p = planBulkType({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 2, isChildrenListEnabled: true }, fresh)
    expect(p.changes.relations).toEqual(relSet([rel(2, true), rel(3, false, true), rel(1030, true)], [rel(1032)]))
    expect(p.links).toEqual([{ side: 'parent', entityTypeId: 2, before: null, after: true }])
  })

  it('sets "show the list" of a link present, and changes nothing when it is as asked', () => {
    const fresh = deliveries({ relations: relSet([rel(2, false)]) })
    expect(planBulkType({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 2, isChildrenListEnabled: true }, fresh).links).toEqual([{ side: 'parent', entityTypeId: 2, before: false, after: true }])
    expect(planBulkType({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 2, isChildrenListEnabled: false }, fresh).status).toBe('nothing')
  })

  it('never links a type to itself nor removes a predefined link', () => {
    expect(planBulkType({ kind: 'relation', op: 'add', side: 'child', entityTypeId: 1038, isChildrenListEnabled: false }, deliveries()).block).toBe('self_link')
    const client = deliveries({ isClientEnabled: true, relations: relSet([rel(3, false, true)]) })
    expect(planBulkType({ kind: 'relation', op: 'remove', side: 'parent', entityTypeId: 3, isChildrenListEnabled: false }, client).block).toBe('predefined_link')
  })

  it('removes a link and nothing else; counts the plans', () => {
    const fresh = deliveries({ relations: relSet([rel(2)], [rel(1030)]) })
    const remove = planBulkType({ kind: 'relation', op: 'remove', side: 'child', entityTypeId: 1030, isChildrenListEnabled: false }, fresh)
    expect(remove.changes.relations).toEqual(relSet([rel(2)], []))
    const absent = planBulkType({ kind: 'relation', op: 'remove', side: 'child', entityTypeId: 4, isChildrenListEnabled: false }, fresh)
    expect(planCounts([remove, absent])).toEqual({ change: 1, nothing: 1, blocked: 0 })
  })
})

describe('bulk results', () => {
  const fresh = deliveries({ relations: relSet([rel(2)]) })
  const plan = planBulkType({ kind: 'relation', op: 'add', side: 'child', entityTypeId: 1030, isChildrenListEnabled: true }, fresh)
  const step = { target: { entityTypeId: 1038, title: 'Deliveries' }, fresh, plan, write: { ok: true } as const, saved: null, error: null, cancelled: false }

  it('names a link the read-back does not hold as missed (partly applied)', () => {
    const dropped = deliveries({ relations: relSet([rel(2)]) })
    expect(missedAfterWrite(fresh, plan.changes, dropped)).toEqual(['child:1030'])
    expect(stepResult({ ...step, saved: dropped })).toMatchObject({ result: 'partial', missed: ['child:1030'] })
    expect(stepResult({ ...step, saved: deliveries({ relations: relSet([rel(2)], [rel(1030, true)]) }) }).result).toBe('applied')
  })

  it('tells a refused write, a type gone, an unverified write and a cancelled one apart; all but refusals for good are retryable', () => {
    const refused = stepResult({ ...step, write: { ok: false, error: 'access_denied', detail: 'no' } })
    const gone = stepResult({ ...step, fresh: null, write: null, plan: { ...plan, status: 'blocked', block: 'gone' } })
    const unverified = stepResult({ ...step, error: { code: 'network', detail: '' } })
    const cancelled = stepResult({ ...step, fresh: null, plan: null, write: null, cancelled: true })
    expect([refused, gone, unverified, cancelled].map(r => [r.result, r.error])).toEqual([['failed', 'access_denied'], ['failed', 'not_found'], ['unverified', 'network'], ['cancelled', null]])
    expect([refused, gone, unverified, cancelled].every(isRetryable)).toBe(true)
    expect(isRetryable(stepResult({ ...step, plan: { ...plan, status: 'blocked', block: 'self_link' } }))).toBe(false)
  })
})

describe('bulk selection, placements and groups', () => {
  it('filters by a flag, a link on either side and the title', () => {
    const t = deliveries({ isRecyclebinEnabled: true, relations: relSet([], [rel(1030)]) })
    expect(matchesFilter(t, { ...emptyFilter(), flag: { key: 'isRecyclebinEnabled', on: true }, linkedTo: 1030, title: 'deliv' })).toBe(true)
    expect(matchesFilter(t, { ...emptyFilter(), flag: { key: 'isRecyclebinEnabled', on: false } })).toBe(false)
    expect(matchesFilter(t, { ...emptyFilter(), linkedTo: 2 })).toBe(false)
    expect(matchesFilter(t, { ...emptyFilter(), title: '1038' })).toBe(true)
  })

  it('plans only the placements a type lacks (bind) or has (unbind)', () => {
    const coverage = new Map([[1038, { DETAIL_TAB: true, LIST_TOOLBAR: false }]])
    expect(planPlacements('bind', [{ entityTypeId: 1038, title: 'D' }, { entityTypeId: 1040, title: 'E' }], coverage).map(p => p.placements)).toEqual([['LIST_TOOLBAR'], ['DETAIL_TAB', 'LIST_TOOLBAR']])
    expect(planPlacements('unbind', [{ entityTypeId: 1040, title: 'E' }], coverage)[0]!.status).toBe('nothing')
  })

  it('reads a group\'s start back from its id', () => {
    const at = Date.UTC(2026, 11, 2, 9)
    expect(groupStart(newGroupId('bulk', at))?.getTime()).toBe(at)
    expect(groupStart('import-xyz!')).toBeNull()
  })
})
