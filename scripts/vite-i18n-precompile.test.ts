// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { en, ru } from '../src/i18n/messages'
import { pageMessages } from '../src/i18n/page-messages'
import { compileMessages, precompiledMessages } from './vite-i18n-precompile'

type Tree = { [key: string]: string | Tree }
interface Composer { t: (key: string, params?: object) => string, te: (key: string) => boolean, locale: { value: string } }

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`))
}

// Every namespace, the app page's lazy ones included.
const locales = { en: { ...en, ...pageMessages.en } as Tree, ru: { ...ru, ...pageMessages.ru } as Tree }

describe('precompiled messages', () => {
  it('say exactly what the strings say, for every key and locale, with parameters', () => {
    const fromStrings = createI18n({ legacy: false, locale: 'en', messages: locales }).global as unknown as Composer
    const fromAst = createI18n({ legacy: false, locale: 'en', messages: { en: compileMessages(locales.en), ru: compileMessages(locales.ru) } as never }).global as unknown as Composer
    const params = { name: 'Repairs', names: 'Deals, Leads', count: 3, placement: 'CRM_DYNAMIC_128_DETAIL_TAB', n: 2, total: 7, id: 128, title: 'X', entityTypeId: 130 }
    let checked = 0
    for (const locale of ['en', 'ru'] as const) {
      fromStrings.locale.value = locale
      fromAst.locale.value = locale
      for (const [key] of leaves(locales[locale])) {
        expect(fromAst.t(key, params), `${locale} ${key}`).toBe(fromStrings.t(key, params))
        expect(fromAst.te(key), key).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('fail the build on a message that does not compile, naming its key', () => {
    expect(() => compileMessages({ settings: { broken: 'Hello {name' } })).toThrow(/settings\.broken/)
  })

  it('are made for src/i18n JSON files only, in the build only', () => {
    const plugin = precompiledMessages()
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null
    expect(plugin.apply).toBe('build')
    expect(transform('{"a":"b"}', '/w/src/assets/data.json')).toBeNull()
    expect(transform('{"a":"b"}', '/w/src/i18n/en/install.json?raw')).toBeNull()
    const out = JSON.parse(transform('{"a":"Hi {name}"}', '/w/src/i18n/en/app.json')!.code) as { a: unknown }
    expect(typeof out.a).toBe('object')
  })
})
