import type { SmartProcessType } from '@/domain/types'
import { describe, expect, it } from 'vitest'
import { defaultFlags, defaultLinkedUserFields } from '@/domain/flags'
import { changedFields, changesFor, dirtyFields, fieldValues, pendingSideEffects, unsavedFields } from '@/domain/settings-fields'

function type(over: Partial<SmartProcessType> = {}): SmartProcessType {
  return {
    ...defaultFlags(),
    id: 7,
    entityTypeId: 1038,
    title: 'Deliveries',
    code: null,
    isInitialized: true,
    createdBy: 1,
    updatedBy: 1,
    createdTime: null,
    updatedTime: '2026-01-01T00:00:00+00:00',
    customSectionId: null,
    linkedUserFields: defaultLinkedUserFields(),
    ...over,
  }
}

describe('settings fields', () => {
  it('counts a field as dirty only while it differs from what was loaded', () => {
    const base = fieldValues(type())
    expect(dirtyFields(base, { isClientEnabled: true, isStagesEnabled: false, title: 'Deliveries' })).toEqual(['isClientEnabled'])
  })

  it('treats an empty code and no code as the same value', () => {
    expect(dirtyFields(fieldValues(type({ code: null })), { code: '' })).toEqual([])
  })

  it('sends only the changed keys, never the whole type', () => {
    const fresh = type()
    expect(changesFor({ isObserversEnabled: true, title: ' Shipments ' }, ['title', 'isObserversEnabled'], fresh))
      .toEqual({ title: 'Shipments', isObserversEnabled: true })
  })

  it('sends all three linked user fields, the fresh read merged with the user\'s change', () => {
    const fresh = type({ isUseInUserfieldEnabled: true, linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': false, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false } })
    expect(changesFor({ 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true }, ['CALENDAR_EVENT|UF_CRM_CAL_EVENT'], fresh)).toEqual({
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': false, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true },
    })
  })

  // crm-type-add.md: linkedUserFields count only with isUseInUserfieldEnabled = 'Y' (docs/platform.md "linkedUserFields").
  it('sends linked user fields only when "use in user fields" ends up on', () => {
    const off = type({ isUseInUserfieldEnabled: false })
    const tasks = { 'TASKS_TASK|UF_CRM_TASK': true } as const
    expect(changesFor(tasks, ['TASKS_TASK|UF_CRM_TASK'], off)).toEqual({})
    expect(changesFor({ ...tasks, isUseInUserfieldEnabled: true }, ['isUseInUserfieldEnabled', 'TASKS_TASK|UF_CRM_TASK'], off).linkedUserFields?.['TASKS_TASK|UF_CRM_TASK']).toBe(true)
  })

  it('names every sent field the portal\'s answer does not hold, and a flag the answer does not carry', () => {
    const saved = type({ title: 'Deliveries', isSourceEnabled: false, isObserversEnabled: true, carriedFlags: ['isSourceEnabled', 'isObserversEnabled'], linkedUserFields: defaultLinkedUserFields() })
    expect(unsavedFields({ title: 'Deliveries', isSourceEnabled: true, isObserversEnabled: true, isRecurringEnabled: true, linkedUserFields: { ...defaultLinkedUserFields(), 'TASKS_TASK|UF_CRM_TASK': true } }, saved))
      .toEqual(['isSourceEnabled', 'isRecurringEnabled', 'TASKS_TASK|UF_CRM_TASK'])
    expect(unsavedFields({ title: 'Deliveries', isObserversEnabled: true }, saved)).toEqual([])
  })

  it('lists the fields changed elsewhere, linked user fields included', () => {
    const a = fieldValues(type())
    const b = fieldValues(type({ isSourceEnabled: true, linkedUserFields: { ...defaultLinkedUserFields(), 'TASKS_TASK|UF_CRM_TASK': true } }))
    expect(changedFields(a, b)).toEqual(['isSourceEnabled', 'TASKS_TASK|UF_CRM_TASK'])
  })

  it('tells that turning on Client adds links and turning off stages hides the kanban', () => {
    expect(pendingSideEffects({ isClientEnabled: true, isStagesEnabled: false }, ['isClientEnabled', 'isStagesEnabled'])).toEqual([
      { flag: 'isStagesEnabled', effect: 'hides_kanban' },
      { flag: 'isClientEnabled', effect: 'adds_client_links' },
    ])
    expect(pendingSideEffects({ isClientEnabled: false }, ['isClientEnabled'])).toEqual([])
  })
})
