import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '@/domain/errors'
import { parseVibecodeCount, parseVibecodeType, parseVibecodeTypePage, toVibecodeChanges, toVibecodeNewType, vibecodeError } from './vibecode-wire'

describe('parseVibecodeType', () => {
  it('reads JSON booleans and Y/N relations of seed 000', () => {
    const t = parseVibecodeType({
      id: 31,
      entityTypeId: 1050,
      title: 'Supply contracts',
      isStagesEnabled: true,
      isClientEnabled: false,
      isSetOpenPermissions: true,
      isInitialized: false,
      relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'Y', isPredefined: 'N' }], child: [] },
    })
    expect(t).toMatchObject({ id: 31, entityTypeId: 1050, isStagesEnabled: true, isClientEnabled: false, isInitialized: false })
    expect(t.relations).toEqual({ parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [] })
  })
})

describe('parseVibecodeTypePage', () => {
  it('reads a bare array and the keyed shapes with a next cursor', () => {
    expect(parseVibecodeTypePage([{ id: 1, entityTypeId: 128 }]).types).toHaveLength(1)
    expect(parseVibecodeTypePage({ items: [{ id: 1, entityTypeId: 128 }], next: 50 })).toMatchObject({ next: 50 })
    expect(parseVibecodeTypePage({ types: [] })).toEqual({ types: [], next: null })
  })
  it('rejects an answer without rows', () => {
    expect(() => parseVibecodeTypePage({ foo: 1 })).toThrow(AppError)
  })
})

describe('parseVibecodeCount', () => {
  it('reads {count}, {total}, a bare number and a string number', () => {
    expect(parseVibecodeCount({ count: 3 })).toBe(3)
    expect(parseVibecodeCount({ total: '4' })).toBe(4)
    expect(parseVibecodeCount(0)).toBe(0)
    expect(parseVibecodeCount({ result: { count: 2 } })).toBe(2)
  })
  it('rejects anything else', () => {
    for (const d of [null, {}, { count: -1 }, 'x'])
      expect(() => parseVibecodeCount(d)).toThrow(AppError)
  })
})

describe('toVibecodeChanges', () => {
  it('keeps flags as booleans and sends only the keys given', () => {
    expect(toVibecodeChanges({ isAutomationEnabled: false, title: 'X' })).toEqual({ isAutomationEnabled: false, title: 'X' })
    expect(toVibecodeChanges({})).toEqual({})
  })
  it('sends relations and linkedUserFields whole, with Y/N as seed 000 shows', () => {
    const body = toVibecodeChanges({
      relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [] },
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false },
    })
    expect(body).toEqual({
      relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'Y' }], child: [] },
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'Y', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'N', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'N' },
      isUseInUserfieldEnabled: true,
    })
  })
  it('passes a requested entityTypeId on create', () => {
    expect(toVibecodeNewType({ title: 'X', entityTypeId: 1040 })).toEqual({ title: 'X', entityTypeId: 1040 })
  })
})

describe('vibecodeError', () => {
  const env = (code: string, message = '') => ({ success: false, error: { code, message } })
  it.each([
    [401, 'MISSING_API_KEY', 'invalid_token'],
    [401, 'INVALID_API_KEY', 'invalid_token'],
    [401, 'TOKEN_MISSING', 'invalid_token'],
    [403, 'SCOPE_DENIED', 'access_denied'],
    [404, 'SMART_PROCESS_NOT_FOUND', 'not_found'],
  ] as const)('maps %i %s to %s', (status, code, expected) => {
    const e = vibecodeError(status, env(code, 'm'))
    expect(e.code).toBe(expected)
    expect(e.status).toBe(status)
    expect(e.retryable).toBe(false)
  })
  it('never reads a BITRIX_ERROR\'s text: a refusal in any language is validation, the text kept to show', () => {
    for (const message of ['You cannot delete an entity type that has items', 'Вы не можете удалить тип сущности, у которого есть элементы', 'Maximum number of smart processes exceeded']) {
      const e = vibecodeError(422, env('BITRIX_ERROR', message))
      expect(e).toMatchObject({ code: 'validation', wireCode: 'BITRIX_ERROR', detail: message })
    }
  })
  it('makes the 300/min limit retryable', () => {
    const e = vibecodeError(429, env('RATE_LIMIT_EXCEEDED'))
    expect(e).toMatchObject({ code: 'rate_limited', retryable: true })
    expect(vibecodeError(429, null)).toMatchObject({ code: 'rate_limited', retryable: true })
  })
  it('falls back on the status for bodies without an envelope', () => {
    expect(vibecodeError(502, '<html>')).toMatchObject({ code: 'unknown', retryable: true })
    expect(vibecodeError(403, null).code).toBe('access_denied')
  })
  it('always gives an AppError', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), fc.anything(), (status, body) => {
      expect(vibecodeError(status, body)).toBeInstanceOf(AppError)
    }))
  })
})
