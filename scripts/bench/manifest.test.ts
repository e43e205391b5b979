import type { Manifest } from './manifest'
import { describe, expect, it } from 'vitest'
import { htmlEntry, screenFiles } from './manifest'

/** The shape Vite 8 writes for this app: the entry, the SDK chunk and the app page, both lazy, sharing a vendor chunk. */
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'], dynamicImports: ['src/portal/connect.ts', 'src/views/AppHome.vue'], css: ['assets/index.css'] },
  '_vendor.js': { file: 'assets/vendor.js', css: ['assets/vendor.css'] },
  '_table.js': { file: 'assets/table.js', imports: ['_vendor.js'] },
  'src/portal/connect.ts': { file: 'assets/connect.js', isDynamicEntry: true, imports: ['index.html'] },
  'src/views/AppHome.vue': { file: 'assets/AppHome.js', isDynamicEntry: true, imports: ['index.html', '_table.js'], css: ['assets/AppHome.css'] },
}

describe('screenFiles', () => {
  it('follows static imports from the HTML entry but not its dynamic imports', () => {
    expect(screenFiles(manifest, ['index.html'])).toEqual({ js: ['assets/vendor.js', 'assets/index.js'], css: ['assets/vendor.css', 'assets/index.css'] })
  })

  it('adds a lazy entry and its own imports, counting shared chunks once', () => {
    const app = screenFiles(manifest, ['index.html', 'src/portal/connect.ts', 'src/views/AppHome.vue'])
    expect(app.js).toEqual(['assets/vendor.js', 'assets/index.js', 'assets/connect.js', 'assets/table.js', 'assets/AppHome.js'])
    expect(app.css).toEqual(['assets/vendor.css', 'assets/index.css', 'assets/AppHome.css'])
  })

  it('survives an import cycle (lazy chunks import the entry back)', () => {
    expect(screenFiles(manifest, ['src/views/AppHome.vue']).js).toContain('assets/index.js')
  })

  it('throws for an entry the build does not have, rather than counting nothing', () => {
    expect(() => screenFiles(manifest, ['index.html', 'src/views/Gone.vue'])).toThrow(/no src\/views\/Gone\.vue/)
  })
})

describe('htmlEntry', () => {
  it('finds the HTML entry and refuses a manifest without one', () => {
    expect(htmlEntry(manifest)).toBe('index.html')
    expect(() => htmlEntry({ 'a.js': { file: 'a.js', isEntry: true } })).toThrow()
  })
})
