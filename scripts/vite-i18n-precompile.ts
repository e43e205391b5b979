/**
 * Ships the app's messages precompiled: each string of `src/i18n/<locale>/*.json`
 * becomes the message AST that vue-i18n's JIT mode builds at run time, and
 * `__INTLIFY_DROP_MESSAGE_COMPILER__` lets the bundler drop the message
 * compiler (about 5 KB gzip of every screen). Build only: in vitest and the
 * dev server the messages stay strings and vue-i18n compiles them as before.
 *
 * Why not @intlify/unplugin-vue-i18n (issue 16 asked): tried 11.2.8 on
 * 2026-12-02 with the same job (include src/i18n/*\/*.json, composition
 * only, message compiler dropped, build only): the card tab's JS grew from
 * 175.4 to 176.4 KB gzip and the built card tab did not start (with
 * runtimeOnly on or off), so this 50-line plugin stays.
 */
import type { Plugin } from 'vite'
// The compiler vue-i18n itself runs (its dependency through @intlify/core-base), so the AST matches the runtime.
import { baseCompile } from '@intlify/message-compiler'

type Tree = { [key: string]: string | Tree }

/** Every string leaf of `tree` as its minified message AST; throws with the key of a message that does not compile. */
export function compileMessages(tree: Tree, path = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(tree)) {
    const at = path ? `${path}.${key}` : key
    if (typeof value !== 'string') {
      out[key] = compileMessages(value, at)
      continue
    }
    const errors: string[] = []
    const { ast } = baseCompile(value, { jit: true, minify: true, location: false, onError: e => errors.push(e.message) })
    if (errors.length)
      throw new Error(`i18n message ${at} does not compile: ${errors.join('; ')}`)
    out[key] = ast
  }
  return out
}

/** Options of {@link precompiledMessages}. */
export interface PrecompileOptions {
  /** Message files. @default JSON files one folder under src/i18n */
  include?: RegExp
}

export function precompiledMessages(options: PrecompileOptions = {}): Plugin {
  const include = options.include ?? /\/src\/i18n\/[^/]+\/[^/]+\.json$/
  return {
    name: 'i18n-precompiled-messages',
    apply: 'build',
    enforce: 'pre',
    config: () => ({ define: { __INTLIFY_DROP_MESSAGE_COMPILER__: 'true' } }),
    transform(code, id) {
      // With a query (`?raw`) the file is not a message module.
      if (id.includes('?') || !include.test(id))
        return null
      // Still JSON, so Vite's JSON plugin makes the module as it does for the strings.
      return { code: JSON.stringify(compileMessages(JSON.parse(code) as Tree)), map: null }
    },
  }
}
