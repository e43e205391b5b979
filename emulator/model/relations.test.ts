// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { testPortal } from './test-helpers'

const rel = (entityTypeId: number, isChildrenListEnabled = 'Y', isPredefined = 'N') => ({ entityTypeId, isChildrenListEnabled, isPredefined })
const get = (rest: ReturnType<typeof testPortal>['rest'], id: number) => rest('crm.type.get', { id }).body.result.type

describe('relations', () => {
  it('makes a parent deal on a type show as a child of that type on the deal side, between smart processes too', () => {
    const { rest, portal } = testPortal()
    const t = rest('crm.type.add', { fields: { title: 'X', relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }, { entityTypeId: 1034, isChildrenListEnabled: false }] } } }).body.result.type
    expect(t.relations.parent).toEqual([rel(2), rel(1034, 'N')])
    expect(get(rest, 3).relations.child).toContainEqual(rel(t.entityTypeId, 'N'))
    const dealSide = portal.ctx.state.edges.filter(e => e.parent === 2).map(e => e.child)
    expect(dealSide).toContain(t.entityTypeId)
  })

  // docs/platform.md "Flags" (crm/lib/controller/type.php): isChildrenListEnabled is on only for the string 'true';
  // the emulator took "Y" and JSON true as on before, kinder than the portal.
  it('takes isChildrenListEnabled as on only for the string "true" ("Y" and JSON true are off), and prints Y/N', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.update', {
      id: 3,
      fields: { relations: { parent: [{ entityTypeId: 1, isChildrenListEnabled: 'false' }, { entityTypeId: 7, isChildrenListEnabled: true }], child: [{ entityTypeId: 31, isChildrenListEnabled: 'true' }, { entityTypeId: 4, isChildrenListEnabled: 'Y' }] } },
    }).body.result.type
    expect(t.relations).toEqual({ parent: [rel(1, 'N'), rel(7, 'N')], child: [rel(31), rel(4, 'N')] })
  })

  // crm/lib/controller/type.php saveRelations: array_key_exists('PARENT') and ('CHILD') apart: a side left out is
  // left as it is; crm-type-update.md example 2 sends `parent: []` to remove the parents. The emulator cleared a
  // missing side before, kinder to a client whose batch query string drops an empty list.
  it('changes only the sides sent: a side left out keeps its links, an empty one sent clears them', () => {
    const { rest } = testPortal()
    rest('crm.type.update', { id: 3, fields: { relations: { parent: [{ entityTypeId: 1, isChildrenListEnabled: 'true' }], child: [{ entityTypeId: 31, isChildrenListEnabled: 'true' }] } } })
    const onlyChild = rest('crm.type.update', { id: 3, fields: { relations: { child: [{ entityTypeId: 4, isChildrenListEnabled: 'true' }] } } }).body.result.type
    expect(onlyChild.relations.parent.map((r: { entityTypeId: number }) => r.entityTypeId)).toContain(1)
    expect(onlyChild.relations.child.map((r: { entityTypeId: number }) => r.entityTypeId)).toEqual([4])
    const cleared = rest('crm.type.update', { id: 3, fields: { relations: { parent: [] } } }).body.result.type
    expect(cleared.relations.parent.filter((r: { isPredefined: string }) => r.isPredefined === 'N')).toEqual([])
    expect(cleared.relations.child.map((r: { entityTypeId: number }) => r.entityTypeId)).toEqual([4])
  })

  it('replaces the whole relation set on update, and keeps the other side consistent', () => {
    const { rest } = testPortal()
    // Supplier Contracts (1032): parents 4 and 1030 in the seed.
    const t = rest('crm.type.update', { id: 2, fields: { relations: { parent: [{ entityTypeId: 3, isChildrenListEnabled: 'true' }] } } }).body.result.type
    expect(t.relations).toEqual({ parent: [rel(3)], child: [] })
    expect(get(rest, 1).relations.child).toEqual([])
  })

  it('leaves relations alone when an update does not carry them', () => {
    const { rest } = testPortal()
    const before = get(rest, 2).relations
    expect(rest('crm.type.update', { id: 2, fields: { title: 'Renamed' } }).body.result.type.relations).toEqual(before)
  })

  it('adds predefined parents 3 and 4 with isClientEnabled, which an overwrite cannot remove or change', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.add', { fields: { title: 'Client', isClientEnabled: 'Y' } }).body.result.type
    expect(t.relations.parent).toEqual([rel(3, 'Y', 'Y'), rel(4, 'Y', 'Y')])
    const u = rest('crm.type.update', { id: t.id, fields: { relations: { parent: [{ entityTypeId: 3, isChildrenListEnabled: 'N' }, { entityTypeId: 2 }], child: [] } } }).body.result.type
    expect(u.relations.parent).toEqual([rel(3, 'Y', 'Y'), rel(4, 'Y', 'Y'), rel(2, 'N')])
    const off = rest('crm.type.update', { id: t.id, fields: { isClientEnabled: 'N' } }).body.result.type
    expect(off.relations.parent).toEqual([rel(2, 'N')])
  })

  it('silently drops relations to unknown types and to the dropRelationsTo fault', () => {
    const { rest, portal } = testPortal()
    portal.faults.dropRelationsTo = [31]
    const t = rest('crm.type.update', { id: 3, fields: { relations: { parent: [{ entityTypeId: 31 }, { entityTypeId: 999 }, { entityTypeId: 1 }], child: [] } } })
    expect(t.status).toBe(200)
    expect(t.body.result.type.relations).toEqual({ parent: [rel(1, 'N')], child: [] })
  })

  it('leaves other types\' relations dangling after a delete (seed 004)', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.add', { fields: { title: 'Short-lived', relations: { child: [{ entityTypeId: 1034, isChildrenListEnabled: 'true' }] } } }).body.result.type
    rest('crm.type.delete', { id: t.id })
    expect(get(rest, 3).relations.parent).toContainEqual(rel(t.entityTypeId))
  })

  it('lets another admin flip a flag and add a relation, changing updatedTime', () => {
    const { rest, portal, clock } = testPortal()
    const before = get(rest, 3)
    clock.advance(10)
    const outcome = portal.simulateOtherAdminEdit(1034)
    const after = get(rest, 3)
    expect(after[outcome.flag]).not.toBe(before[outcome.flag])
    expect(after.relations.parent.map((r: any) => r.entityTypeId)).toContain(outcome.relationTo)
    expect(after.relations.child).toEqual(before.relations.child)
    expect(after.updatedBy).toBe(3)
    expect(after.updatedTime).not.toBe(before.updatedTime)
  })
})
