// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * ru travels in chunks of its own (load-messages.ts): one static import of
 * it, or of the every-locale modules made for tests, and it joins the chunk
 * of every en user.
 */
const SRC = join(__dirname, '..')
const LAZY_OR_EVERY_LOCALE = ['i18n/ru', 'i18n/page-ru', 'i18n/messages', 'i18n/page-messages'].map(m => join(SRC, m))

function appSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return appSources(path)
    // Tests and their helpers may hold every locale at once.
    return /\.(?:vue|ts)$/.test(name) && !/\.test\.ts$|-for-test\.ts$|^testing\.ts$/.test(name) ? [path] : []
  })
}

/** The modules of LAZY_OR_EVERY_LOCALE that `code` (the file at `path`) imports statically; `import()` is fine. */
function eagerLocaleImports(path: string, code: string): string[] {
  const specs = [...code.matchAll(/^\s*(?:import|export)\s[^'"()]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map(m => (m[1] ?? m[2])!)
  return specs.filter((spec) => {
    const target = spec.startsWith('@/') ? join(SRC, spec.slice(2)) : spec.startsWith('.') ? join(dirname(path), spec) : spec
    return LAZY_OR_EVERY_LOCALE.includes(target.replace(/\.ts$/, ''))
  })
}

describe('lazy locales', () => {
  it('no app module imports ru, or every locale at once, statically', () => {
    const offenders = appSources(SRC)
      .filter(path => !/i18n\/(?:messages|page-messages)\.ts$/.test(path))
      .flatMap(path => eagerLocaleImports(path, readFileSync(path, 'utf8')).map(spec => `${relative(SRC, path)}: ${spec}`))
    expect(offenders).toEqual([])
  })

  it('the check sees a static import, by alias or relative path, and lets a dynamic one be', () => {
    const code = `import { ru } from '@/i18n/messages'\nimport { ruPage } from './page-ru.ts'\nimport { en } from './en'\nconst x = () => import('./ru')`
    expect(eagerLocaleImports(join(SRC, 'i18n/x.ts'), code)).toEqual(['@/i18n/messages', './page-ru.ts'])
  })
})
