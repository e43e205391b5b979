import { describe, expect, it } from 'vitest'
import en from './en.json'
import ru from './ru.json'

function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null)
    return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  it('ru holds exactly the keys of en', () => {
    expect(leafKeys(ru).sort()).toEqual(leafKeys(en).sort())
  })
  it('no message is empty', () => {
    const empty = (o: unknown): string[] => leafKeys(o).filter(k => !k.split('.').reduce<any>((a, p) => a?.[p], o))
    expect(empty(en)).toEqual([])
    expect(empty(ru)).toEqual([])
  })
})
