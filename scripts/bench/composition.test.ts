import { describe, expect, it } from 'vitest'
import { mergeShares, packageOf, splitChunk } from './composition'

describe('packageOf', () => {
  it('names scoped and plain packages, also nested and with a query', () => {
    expect(packageOf('/w/node_modules/@vue/runtime-core/dist/runtime-core.esm-bundler.js')).toBe('@vue/runtime-core')
    expect(packageOf('/w/node_modules/@bitrix24/b24jssdk/node_modules/axios/lib/axios.js')).toBe('axios')
    expect(packageOf('/w/node_modules/luxon/src/datetime.js?commonjs-es-import')).toBe('luxon')
  })

  it('groups the app by its top folder and keeps the kit\'s generated theme with the kit', () => {
    expect(packageOf('/w/main/src/i18n/en/settings.json')).toBe('src/i18n')
    expect(packageOf('/w/main/src/components/settings/SettingsToggle.vue?vue&type=script')).toBe('src/components')
    expect(packageOf('/w/main/src/App.vue')).toBe('src')
    expect(packageOf('virtual:bitrix24-ui-templates/b24ui/button.ts')).toBe('@bitrix24/b24ui-nuxt (theme)')
    expect(packageOf('\0vite/preload-helper.js')).toBe('bundler runtime and virtual modules')
  })
})

describe('splitChunk', () => {
  it('splits the real gzip size in proportion to each package\'s own compressed size', () => {
    const size = (t: string) => t.length
    const shares = splitChunk([
      { id: '/node_modules/a/x.js', code: 'aaaaaa' },
      { id: '/node_modules/a/y.js', code: 'aa' },
      { id: '/node_modules/b/z.js', code: 'bbbbbbb' },
    ], 100, size)
    expect(shares).toEqual([
      { name: 'a', rendered: 9, gzipEstimate: 56 },
      { name: 'b', rendered: 7, gzipEstimate: 44 },
    ])
  })
})

describe('mergeShares', () => {
  it('adds a package found in two chunks and sorts by estimated size', () => {
    const merged = mergeShares([
      [{ name: 'vue', rendered: 10, gzipEstimate: 5 }],
      [{ name: 'sdk', rendered: 30, gzipEstimate: 20 }, { name: 'vue', rendered: 2, gzipEstimate: 1 }],
    ])
    expect(merged).toEqual([{ name: 'sdk', rendered: 30, gzipEstimate: 20 }, { name: 'vue', rendered: 12, gzipEstimate: 6 }])
  })
})
