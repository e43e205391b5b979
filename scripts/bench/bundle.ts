/**
 * Bundle rows: the JS and CSS each screen loads before it shows, raw and
 * gzip -9, from the build manifest; and where the card tab's bytes go.
 */
import type { BenchBuild } from './build'
import type { PackageShare } from './composition'
import type { Row } from './report'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { minifySync } from 'rolldown/experimental'
import { mergeShares, splitChunk } from './composition'
import { htmlEntry, screenFiles } from './manifest'
import { atMost, formatValue, KB } from './report'

/**
 * Lazy chunks a screen awaits before it shows. The SDK chunk is imported
 * dynamically (so the page outside a portal never loads it) but every
 * placement awaits it at start; the app page (DEFAULT) is its own chunk.
 */
export const SCREENS = {
  tab: ['src/portal/connect.ts'],
  app: ['src/portal/connect.ts', 'src/views/AppHome.vue'],
} as const

/** Issue 11 budgets for the card tab. */
export const TAB_JS_GZIP = 180 * KB
export const TAB_CSS_GZIP = 40 * KB

export interface FileSize {
  file: string
  raw: number
  gzip: number
}

export interface ScreenBundle {
  js: FileSize[]
  css: FileSize[]
  /** Lazy entries that exist in this build (a missing one was bundled statically). */
  lazy: string[]
}

const gzip = (text: string | Buffer) => gzipSync(text, { level: 9 }).length
const sum = (files: FileSize[], key: 'raw' | 'gzip') => files.reduce((s, f) => s + f[key], 0)

function sizeOf(outDir: string, file: string): FileSize {
  const bytes = readFileSync(join(outDir, file))
  return { file, raw: bytes.length, gzip: gzip(bytes) }
}

export function screenBundle(b: BenchBuild, lazy: readonly string[]): ScreenBundle {
  const present = lazy.filter(k => k in b.manifest)
  const files = screenFiles(b.manifest, [htmlEntry(b.manifest), ...present])
  return { js: files.js.map(f => sizeOf(b.outDir, f)), css: files.css.map(f => sizeOf(b.outDir, f)), lazy: present }
}

/**
 * A package's code minified on its own (as the build minifies the chunk), so
 * development-only branches and comments do not inflate its share; the
 * unminified text when it does not parse alone.
 */
function minified(code: string): string {
  try {
    // `import.meta` would make the minifier read a module and drop every unexported declaration.
    const out = minifySync('package.js', code.replace(/\bimport\.meta\b/g, '__importMeta'), { compress: true, mangle: true })
    return out.errors.length ? code : out.code
  }
  catch {
    return code
  }
}

/** Estimated gzip bytes by package over the screen's JS files. */
export function composition(b: BenchBuild, screen: ScreenBundle): PackageShare[] {
  return mergeShares(screen.js.map(f => splitChunk(b.modules.get(f.file) ?? [], f.gzip, code => gzip(minified(code)))))
}

function files(list: FileSize[]): string {
  return list.map(f => `${f.file.replace(/^assets\//, '')} ${formatValue('bytes', f.gzip)}`).join(' + ')
}

/** Rows for one screen: JS and CSS, gzip as the value (with a budget for the tab), raw in the note. */
export function bundleRows(key: 'tab' | 'app', label: string, s: ScreenBundle): Row[] {
  const budgeted = key === 'tab'
  const lazyNote = key === 'app' && !s.lazy.includes('src/views/AppHome.vue') ? '; AppHome is NOT a lazy chunk' : ''
  return [
    {
      id: `bundle.${key}.js`,
      label: `${label} JS (gzip)`,
      unit: 'bytes',
      value: sum(s.js, 'gzip'),
      budget: budgeted ? atMost(TAB_JS_GZIP) : undefined,
      note: `raw ${formatValue('bytes', sum(s.js, 'raw'))}; ${files(s.js)}${lazyNote}`,
    },
    {
      id: `bundle.${key}.css`,
      label: `${label} CSS (gzip)`,
      unit: 'bytes',
      value: sum(s.css, 'gzip'),
      budget: budgeted ? atMost(TAB_CSS_GZIP) : undefined,
      note: `raw ${formatValue('bytes', sum(s.css, 'raw'))}; ${files(s.css)}`,
    },
  ]
}
