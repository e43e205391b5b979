// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { RUNTIME_DEPENDENCIES, runtimePackage } from './runtime-package.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))

it('lists every package the server imports at run time, so the image can run without the app\'s dependencies', () => {
  const imported = new Set<string>()
  for (const file of readdirSync(here).filter(f => f.endsWith('.mjs'))) {
    for (const [, spec] of readFileSync(`${here}${file}`, 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) {
      if (spec!.startsWith('node:') || spec!.startsWith('.'))
        continue
      imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!)
    }
  }
  expect([...imported].sort()).toEqual([...RUNTIME_DEPENDENCIES].sort())
})

it('keeps the locked ranges of those packages and nothing else', () => {
  const pkg = JSON.parse(readFileSync(`${here}../package.json`, 'utf8'))
  const runtime = runtimePackage(pkg)
  expect(Object.keys(runtime.dependencies).sort()).toEqual([...RUNTIME_DEPENDENCIES].sort())
  for (const name of RUNTIME_DEPENDENCIES)
    expect(runtime.dependencies[name]).toBe(pkg.dependencies[name])
  expect(runtime).not.toHaveProperty('devDependencies')
  expect(runtime.scripts).toEqual({ start: 'node server/index.mjs' })
})
