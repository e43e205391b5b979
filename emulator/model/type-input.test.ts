// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readableFlags, settableFlags } from '../../src/domain/flags'
import { testPortal } from './test-helpers'

const LINKED = ['TASKS_TASK|UF_CRM_TASK', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT'] as const

describe('crm.type.add/update input over portal REST', () => {
  // crm-type-add.md, crm-type-update.md: linkedUserFields "учитываться, только в случае передачи isUseInUserfieldEnabled = 'Y'"
  it('applies linkedUserFields only with isUseInUserfieldEnabled Y in the same call, else leaves them alone', () => {
    const { rest } = testPortal()
    const before = rest('crm.type.get', { id: 1 }).body.result.type.linkedUserFields
    const all = { [LINKED[0]]: 'true', [LINKED[1]]: 'true', [LINKED[2]]: 'true' }
    const ignored = rest('crm.type.update', { id: 1, fields: { linkedUserFields: all } }).body.result.type
    expect(ignored.linkedUserFields).toEqual(before)
    const off = rest('crm.type.update', { id: 1, fields: { isUseInUserfieldEnabled: 'N', linkedUserFields: all } }).body.result.type
    expect(off.linkedUserFields).toEqual(before)
    const on = rest('crm.type.update', { id: 1, fields: { isUseInUserfieldEnabled: 'Y', linkedUserFields: all } }).body.result.type
    expect(on.linkedUserFields).toEqual({ [LINKED[0]]: 'Y', [LINKED[1]]: 'Y', [LINKED[2]]: 'Y' })
  })

  // docs/platform.md "Types", "Flags" (crm/lib/controller/type.php): a key is on only for the exact string 'true'; 'Y' disables
  it('turns a linkedUserFields key on only for the string "true"; "Y", JSON true and the rest turn it off', () => {
    const { rest } = testPortal()
    const t = rest('crm.type.add', { fields: { title: 'Linked', isUseInUserfieldEnabled: 'Y', linkedUserFields: { [LINKED[0]]: 'Y', [LINKED[1]]: true, [LINKED[2]]: 'true', 'OTHER|UF': 'true' } } }).body.result.type
    expect(t.linkedUserFields).toEqual({ [LINKED[0]]: 'N', [LINKED[1]]: 'N', [LINKED[2]]: 'Y' })
  })

  // docs/platform.md "Flags": REST takes 14 flags; §7: the controller ignores fields it does not know, silently
  it('writes only the 14 settable flags and ignores the others without an error', () => {
    const { rest, portal } = testPortal()
    const r = rest('crm.type.add', { fields: { title: 'Flags', isPaymentsEnabled: 'Y', isCountersEnabled: 'Y', isRecurringEnabled: 'Y', isObserversEnabled: 'Y' } })
    expect(r.status).toBe(200)
    const rec = portal.ctx.state.types.find(t => t.id === r.body.result.type.id)!
    expect(rec.flags).toMatchObject({ isPaymentsEnabled: false, isCountersEnabled: false, isRecurringEnabled: false, isObserversEnabled: true })
  })

  // api-reference/crm/data-types.md: isPaymentsEnabled, isCountersEnabled are system fields in the record
  it('returns the 14 plus the two system flags, and crm.type.fields describes the 14 only', () => {
    const { rest } = testPortal()
    const type = rest('crm.type.get', { id: 1 }).body.result.type
    const row = rest('crm.type.list').body.result.types[0]
    for (const rec of [type, row]) {
      expect(Object.keys(rec).filter(k => /^is.*(Enabled|Permissions)$/.test(k)).sort()).toEqual([...readableFlags('rest')].sort())
      expect(rec.isRecurringEnabled).toBeUndefined()
    }
    const fields = rest('crm.type.fields').body.result.fields
    const flagFields = Object.keys(fields).filter(k => k.startsWith('is'))
    expect(flagFields.sort()).toEqual([...settableFlags('rest')].sort())
  })

  // seed.ts states its data in the REST wire; the seeded state stays as before
  it('seeds Equipment Repairs with tasks and calendar events linked, and the children-list flags of before', () => {
    const { rest } = testPortal()
    const repairs = rest('crm.type.get', { id: 1 }).body.result.type
    expect(repairs.isUseInUserfieldEnabled).toBe('Y')
    expect(repairs.linkedUserFields).toEqual({ [LINKED[0]]: 'Y', [LINKED[1]]: 'N', [LINKED[2]]: 'Y' })
    expect(repairs.relations.parent).toContainEqual({ entityTypeId: 2, isChildrenListEnabled: 'Y', isPredefined: 'N' })
    const campaigns = rest('crm.type.get', { id: 3 }).body.result.type
    expect(campaigns.relations.child).toEqual([
      { entityTypeId: 2, isChildrenListEnabled: 'N', isPredefined: 'N' },
      { entityTypeId: 3, isChildrenListEnabled: 'Y', isPredefined: 'N' },
    ])
  })
})
