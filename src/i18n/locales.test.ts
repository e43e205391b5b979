import { describe, expect, it } from 'vitest'
import { en as eagerEn, ru as eagerRu } from './messages'
import { pageMessages } from './page-messages'

// Every namespace, the app page's lazy ones included.
const en = { ...eagerEn, ...pageMessages.en }
const ru = { ...eagerRu, ...pageMessages.ru }

function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (typeof obj !== 'object' || obj === null)
    return [[prefix, obj]]
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  it('ru holds exactly the keys of en', () => {
    expect(leaves(ru).map(([k]) => k).sort()).toEqual(leaves(en).map(([k]) => k).sort())
  })
  it('every message is a non-empty string', () => {
    for (const [key, value] of [...leaves(en), ...leaves(ru)])
      expect(typeof value === 'string' && value.trim() !== '', key).toBe(true)
  })
  it('a message keeps the same {parameters} in both locales', () => {
    const ruMap = new Map(leaves(ru))
    for (const [key, value] of leaves(en)) {
      const params = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort()
      expect(params(ruMap.get(key)), key).toEqual(params(value))
    }
  })
})
