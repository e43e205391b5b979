import type { SmartProcessType } from '@/domain/types'
import { describe, expect, it } from 'vitest'
import { defaultFlags, defaultLinkedUserFields } from '@/domain/flags'
import { changedFields, changesFor, dirtyFields, fieldValues, pendingSideEffects } from '@/domain/settings-fields'

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
    const fresh = type({ linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': false, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false } })
    expect(changesFor({ 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true }, ['CALENDAR_EVENT|UF_CRM_CAL_EVENT'], fresh)).toEqual({
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': false, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true },
    })
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
