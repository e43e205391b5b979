import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '@/domain/errors'
import { FLAG_KEYS, settableFlags } from '@/domain/flags'
import { parseRestType, parseRestTypeList, toRestChanges, toRestNewType } from './rest-wire'

const restRecord = {
  id: '7',
  entityTypeId: '1038',
  title: 'Supply contracts',
  code: null,
  isCategoriesEnabled: 'Y',
  isStagesEnabled: 'N',
  isClientEnabled: 'Y',
  isSetOpenPermissions: 'Y',
  isInitialized: 'Y',
  createdBy: '1',
  updatedBy: 1,
  createdTime: '2026-04-21T13:46:45+03:00',
  updatedTime: '2026-04-21T14:00:00+03:00',
  customSectionId: null,
  relations: {
    parent: [
      { entityTypeId: '3', isChildrenListEnabled: 'Y', isPredefined: 'Y' },
      { entityTypeId: 2, isChildrenListEnabled: 'N', isPredefined: 'N' },
    ],
    child: [],
  },
  linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'Y', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'N' },
}

describe('parseRestType', () => {
  it('turns Y/N and string numbers into booleans and numbers', () => {
    const t = parseRestType(restRecord)
    expect(t.id).toBe(7)
    expect(t.entityTypeId).toBe(1038)
    expect(t.isCategoriesEnabled).toBe(true)
    expect(t.isStagesEnabled).toBe(false)
    expect(t.isInitialized).toBe(true)
    expect(t.createdBy).toBe(1)
    expect(t.relations?.parent).toEqual([
      { entityTypeId: 3, isChildrenListEnabled: true, isPredefined: true },
      { entityTypeId: 2, isChildrenListEnabled: false, isPredefined: false },
    ])
    expect(t.linkedUserFields).toEqual({
      'TASKS_TASK|UF_CRM_TASK': true,
      'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false,
      'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false,
    })
  })

  it('unwraps the { type } answer of crm.type.get', () => {
    expect(parseRestType({ type: restRecord }).entityTypeId).toBe(1038)
  })

  it('gives missing flags their catalogue default and leaves relations out of list rows', () => {
    const t = parseRestType({ id: 1, entityTypeId: 128 })
    expect(t.isSetOpenPermissions).toBe(true)
    expect(t.isObserversEnabled).toBe(false)
    expect(t.title).toBe('')
    expect(t.relations).toBeUndefined()
    expect(t.linkedUserFields).toBeUndefined()
  })

  it('reads an empty PHP array ({}) as no relations', () => {
    const t = parseRestType({ ...restRecord, relations: { parent: {}, child: {} } })
    expect(t.relations).toEqual({ parent: [], child: [] })
  })

  it('rejects garbage with malformed_response', () => {
    for (const raw of [null, 'x', 42, [], {}, { id: 'abc', entityTypeId: 3 }, { type: null }]) {
      expect(() => parseRestType(raw)).toThrow(AppError)
      try {
        parseRestType(raw)
      }
      catch (e) {
        expect((e as AppError).code).toBe('malformed_response')
      }
    }
  })

  it('never throws anything but AppError on any input', () => {
    fc.assert(fc.property(fc.anything(), (raw) => {
      try {
        parseRestType(raw)
      }
      catch (e) {
        expect(e).toBeInstanceOf(AppError)
      }
    }))
  })
})

describe('parseRestTypeList', () => {
  it('reads { types: [...] } and bare arrays', () => {
    expect(parseRestTypeList({ types: [restRecord] })).toHaveLength(1)
    expect(parseRestTypeList([restRecord, restRecord])).toHaveLength(2)
  })
  it('rejects a missing list', () => {
    expect(() => parseRestTypeList({ items: [] })).toThrow(AppError)
  })
})

describe('toRestChanges', () => {
  it('sends only the keys given, flags as Y/N', () => {
    expect(toRestChanges({ isClientEnabled: true, isStagesEnabled: false })).toEqual({ isClientEnabled: 'Y', isStagesEnabled: 'N' })
    expect(toRestChanges({})).toEqual({})
  })

  it('sends relations whole with isChildrenListEnabled as "true"/"false"', () => {
    const out = toRestChanges({
      relations: {
        parent: [{ entityTypeId: 3, isChildrenListEnabled: true, isPredefined: true }],
        child: [{ entityTypeId: 2, isChildrenListEnabled: false, isPredefined: false }],
      },
    })
    expect(out).toEqual({
      relations: {
        parent: [{ entityTypeId: 3, isChildrenListEnabled: 'true' }],
        child: [{ entityTypeId: 2, isChildrenListEnabled: 'false' }],
      },
    })
  })

  // crm-type-add.md "Привязка к пользовательским полям": "true"/"false", Y/N do not work; counted only with isUseInUserfieldEnabled = 'Y' in the same call.
  it('sends all three linkedUserFields keys as "true"/"false", with isUseInUserfieldEnabled Y in the same call', () => {
    const out = toRestChanges({ linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true } })
    expect(out).toEqual({
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'true', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'false', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'true' },
      isUseInUserfieldEnabled: 'Y',
    })
  })

  // crm-type-add.md and crm-type-update.md parameter tables: 14 flags; data-types.md: isPaymentsEnabled, isCountersEnabled are system fields.
  it('never sends a flag the portal REST does not take', () => {
    expect(toRestChanges({ isPaymentsEnabled: true, isCountersEnabled: true, isRecurringEnabled: true, isSourceEnabled: true })).toEqual({ isSourceEnabled: 'Y' })
  })

  it('round-trips every flag REST takes through parseRestType, and remembers which the record carried', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...settableFlags('rest')), fc.boolean()), (flags) => {
      const parsed = parseRestType({ id: 1, entityTypeId: 1030, ...toRestChanges(flags) })
      for (const k of FLAG_KEYS) {
        if (flags[k] !== undefined)
          expect(parsed[k], k).toBe(flags[k])
      }
      expect([...parsed.carriedFlags ?? []].sort()).toEqual(Object.keys(flags).sort())
    }))
  })
})

describe('toRestNewType', () => {
  it('carries title, flags and a requested entityTypeId', () => {
    expect(toRestNewType({ title: 'X', entityTypeId: 1040, isSetOpenPermissions: false })).toEqual({ title: 'X', entityTypeId: 1040, isSetOpenPermissions: 'N' })
  })
  it('leaves entityTypeId to the portal when not asked', () => {
    expect(toRestNewType({ title: 'X' })).toEqual({ title: 'X' })
  })
})
