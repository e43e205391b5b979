import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { en, ru } from '@/i18n/messages'
import { isSmartProcessId, STANDARD_TYPES, isStandardTypeId, standardTypeNameKey, validateEntityTypeId } from './entity-type-id'

describe('isSmartProcessId', () => {
  it('accepts both ends of 128–192', () => {
    expect(isSmartProcessId(128)).toBe(true)
    expect(isSmartProcessId(192)).toBe(true)
    expect(isSmartProcessId(127)).toBe(false)
    expect(isSmartProcessId(193)).toBe(false)
  })
  it('accepts only even ids from 1030 on', () => {
    expect(isSmartProcessId(1030)).toBe(true)
    expect(isSmartProcessId(1031)).toBe(false)
    expect(isSmartProcessId(1028)).toBe(false)
    expect(isSmartProcessId(2000)).toBe(true)
  })
  it('rejects standard types and non-integers', () => {
    for (const id of [1, 2, 3, 4, 7, 31, 0, -130, 130.5, Number.NaN])
      expect(isSmartProcessId(id)).toBe(false)
  })
  it('agrees with the rule for any integer', () => {
    fc.assert(fc.property(fc.integer({ min: -10, max: 5000 }), (id) => {
      const expected = (id >= 128 && id <= 192) || (id >= 1030 && id % 2 === 0)
      expect(isSmartProcessId(id)).toBe(expected)
    }))
  })
})

describe('standard types', () => {
  it('names the six standard types', () => {
    expect([1, 2, 3, 4, 7, 31].every(isStandardTypeId)).toBe(true)
    expect(standardTypeNameKey(2)).toBe('domain.standard_types.deal')
    expect(standardTypeNameKey(1030)).toBeNull()
  })
})

describe('validateEntityTypeId', () => {
  it('treats empty input as "let the portal assign"', () => {
    expect(validateEntityTypeId('')).toEqual({ ok: true, value: null })
    expect(validateEntityTypeId('  ')).toEqual({ ok: true, value: null })
    expect(validateEntityTypeId(undefined)).toEqual({ ok: true, value: null })
  })
  it('accepts a free id in range, typed with spaces', () => {
    expect(validateEntityTypeId(' 1040 ', [1030, 1032])).toEqual({ ok: true, value: 1040 })
  })
  it('says not_a_number for text, decimals and negatives', () => {
    for (const s of ['abc', '12.5', '-130', '1e3'])
      expect(validateEntityTypeId(s)).toMatchObject({ ok: false, problem: 'not_a_number', messageKey: 'domain.entity_type_id.not_a_number' })
  })
  it('says standard for a standard type id', () => {
    expect(validateEntityTypeId(2)).toMatchObject({ ok: false, problem: 'standard', params: { id: 2 } })
  })
  it('says out_of_range with the ranges as params', () => {
    expect(validateEntityTypeId('1031')).toEqual({
      ok: false,
      problem: 'out_of_range',
      messageKey: 'domain.entity_type_id.out_of_range',
      params: { id: 1031, min: 128, max: 192, from: 1030 },
    })
  })
  it('says taken for an id in use', () => {
    expect(validateEntityTypeId(130, new Set([130]))).toMatchObject({ ok: false, problem: 'taken', params: { id: 130 } })
  })
})

describe.each([['en', en], ['ru', ru]] as const)('%s texts', (_name, tree) => {
  const get = (key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], tree)
  it('name every standard type and every validation problem', () => {
    for (const t of STANDARD_TYPES)
      expect(typeof get(t.i18nKey), t.i18nKey).toBe('string')
    for (const input of ['x', '2', '1031'])
      expect(typeof get((validateEntityTypeId(input) as { messageKey: string }).messageKey), input).toBe('string')
    expect(typeof get('domain.entity_type_id.taken')).toBe('string')
  })
})
