import { describe, expect, it } from 'vitest'
import { STRINGS, t } from './strings'

describe('portal strings', () => {
  it('has the same keys and parameters in every language', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort()
    for (const key of Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[]) {
      expect(STRINGS.ru[key], key).toBeTruthy()
      expect(params(STRINGS.ru[key]), key).toEqual(params(STRINGS.en[key]))
    }
    expect(Object.keys(STRINGS.ru).sort()).toEqual(Object.keys(STRINGS.en).sort())
  })

  it('fills parameters and leaves unknown ones visible', () => {
    expect(t('en', 'not_found_type', { id: 7 })).toBe('There is no CRM type 7.')
    expect(t('ru', 'not_found_type')).toBe('Тип CRM {id} не найден.')
  })
})
