import { describe, expect, it } from 'vitest'
import { en, ru } from '@/i18n/messages'
import {
  defaultFlags,
  FLAG_GROUPS,
  FLAG_KEYS,
  flagGroupI18nKey,
  flagI18nKey,
  flagAvailability,
  flagSideEffects,
  FLAGS,
  flagsInGroup,
  howFlagShows,
  LINKED_USER_FIELDS,
  readableFlags,
  settableFlags,
  sideEffectI18nKey,
} from './flags'

type Tree = { [key: string]: string | Tree }

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object')
      return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const locales = { en: en as Tree, ru: ru as Tree }

describe('flag catalogue', () => {
  it('has the 17 flags of seed 000, each once', () => {
    expect(new Set(FLAG_KEYS).size).toBe(FLAGS.length)
    expect(FLAG_KEYS).toHaveLength(17)
  })

  // api-reference/crm/universal/user-defined-object-types/crm-type-add.md (parameter table),
  // crm-type-fields.md; api-reference/crm/data-types.md ("type": isPaymentsEnabled, isCountersEnabled are system fields).
  it('takes 14 flags over portal REST, returns two more as system fields, and knows no isRecurringEnabled there', () => {
    expect(settableFlags('rest')).toHaveLength(14)
    expect(readableFlags('rest').filter(k => !settableFlags('rest').includes(k))).toEqual(['isPaymentsEnabled', 'isCountersEnabled'])
    expect(flagAvailability('isRecurringEnabled', 'rest')).toBe('absent')
    expect(FLAG_KEYS).not.toContain('isCrmTrackingEnabled')
  })

  it('takes all 17 over the vibecode gateway (seed 000)', () => {
    expect(settableFlags('vibecode')).toEqual([...FLAG_KEYS])
  })

  it('shows a switch only for a flag the gateway takes and the record carries, a system flag read-only', () => {
    expect(howFlagShows('isObserversEnabled', 'rest')).toBe('switch')
    expect(howFlagShows('isPaymentsEnabled', 'rest')).toBe('read_only')
    expect(howFlagShows('isRecurringEnabled', 'rest')).toBe('hidden')
    expect(howFlagShows('isPaymentsEnabled', 'vibecode')).toBe('switch')
    expect(howFlagShows('isObserversEnabled', 'rest', ['isStagesEnabled'])).toBe('hidden')
  })
  it('defaults every flag off except isSetOpenPermissions', () => {
    const on = Object.entries(defaultFlags()).filter(([, v]) => v).map(([k]) => k)
    expect(on).toEqual(['isSetOpenPermissions'])
  })
  it('puts every flag in a known group and every group has a flag', () => {
    expect(FLAG_GROUPS.flatMap(g => flagsInGroup(g).map(f => f.key)).sort()).toEqual([...FLAG_KEYS].sort())
    for (const g of FLAG_GROUPS)
      expect(flagsInGroup(g).length, g).toBeGreaterThan(0)
  })
  it('derives snake_case i18n keys', () => {
    expect(flagI18nKey('isClientEnabled')).toBe('settings.flags.is_client_enabled')
    expect(flagI18nKey('isBizProcEnabled')).toBe('settings.flags.is_biz_proc_enabled')
  })
})

describe.each(Object.entries(locales))('%s texts', (_name, tree) => {
  it('label and description for every flag', () => {
    for (const key of FLAG_KEYS) {
      expect(lookup(tree, `${flagI18nKey(key)}.label`), key).toBeTruthy()
      expect(lookup(tree, `${flagI18nKey(key)}.description`), key).toBeTruthy()
    }
  })
  it('label and description for every group', () => {
    for (const g of FLAG_GROUPS) {
      expect(lookup(tree, `${flagGroupI18nKey(g)}.label`), g).toBeTruthy()
      expect(lookup(tree, `${flagGroupI18nKey(g)}.description`), g).toBeTruthy()
    }
  })
  it('a label for every linked user field and a text for every side effect', () => {
    for (const f of LINKED_USER_FIELDS)
      expect(lookup(tree, f.i18nKey), f.key).toBeTruthy()
    for (const e of new Set(FLAGS.flatMap(f => [...f.onEnable, ...f.onDisable])))
      expect(lookup(tree, sideEffectI18nKey(e)), e).toBeTruthy()
  })
  it('no stray flag texts for keys outside the catalogue', () => {
    const flags = (tree.settings as Tree).flags as Tree
    const known = new Set(FLAG_KEYS.map(k => flagI18nKey(k).replace('settings.flags.', '')))
    expect(Object.keys(flags).filter(k => !known.has(k))).toEqual([])
  })
})

describe('flagSideEffects', () => {
  it('warns that turning the client on adds contacts and companies', () => {
    expect(flagSideEffects('isClientEnabled', false, true)).toEqual(['adds_client_links'])
  })
  it('warns that turning pipelines off hides them', () => {
    expect(flagSideEffects('isCategoriesEnabled', true, false)).toEqual(['hides_pipelines'])
  })
  it('says nothing when the value does not change', () => {
    expect(flagSideEffects('isClientEnabled', true, true)).toEqual([])
  })
})
