// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Portal data is text (STYLE.md "Components and views"): titles, codes and
 * names come from whoever administers the portal and may hold markup. No
 * source file may turn a string into markup or code.
 */
const ROOT = join(__dirname)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return sources(path)
    return /\.(vue|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

const RAW_HTML = [
  /\bv-html\b/,
  /\.innerHTML\s*=/,
  /\.outerHTML\s*=/,
  /insertAdjacentHTML/,
  /document\.write\(/,
  /\bnew Function\(/,
  /\beval\(/,
  /\bcompile\(/, // Vue's runtime template compiler would run {{ }} in portal data
]

describe('no raw HTML from data', () => {
  it('has no v-html, innerHTML, document.write, eval or runtime template compile in src/', () => {
    const hits = sources(ROOT).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return RAW_HTML.filter(re => re.test(text)).map(re => `${relative(ROOT, file)}: ${re}`)
    })
    expect(hits).toEqual([])
  })

  it('finds them when they are there (the check can fail)', () => {
    expect(RAW_HTML.some(re => re.test('<div v-html="type.title" />'))).toBe(true)
    expect(RAW_HTML.some(re => re.test('el.innerHTML = title'))).toBe(true)
  })
})
