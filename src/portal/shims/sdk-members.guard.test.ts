// @vitest-environment node
/**
 * Issue 16: the shims (axios.ts, luxon.ts, unhead.ts, aliased in
 * vite.config.ts) implement only what b24jssdk and b24ui-nuxt use today. An
 * upgrade that starts using another member (`axios.interceptors`,
 * `DateTime.fromMillis`, luxon's `Duration`, …) would build fine and fail in
 * a user's portal. This guard reads the files Vite bundles from those
 * packages, finds every member they use of the aliased libraries (static
 * analysis: member-uses-for-test.ts), and checks the shim has it. It must
 * fail here, in CI, instead.
 *
 * A use is a path from the module, e.g. `default.create().post()`: the
 * default export's `create`, called, its result's `post`, called. A member is
 * checked with `in` on the shim's value at that point; a call's result comes
 * from the library's `results` in LIBRARIES below (what the shim returns
 * there), so a use past a call the guard knows nothing about fails too, and
 * asks to be described. `new AxiosError()` also stands for "an AxiosError",
 * as `if (e instanceof AxiosError)` makes `e`. It cannot
 * see computed members (`x[name]`, reported as a failure), values that leave
 * the analysed code (returned to the app, stored in objects, passed to
 * another file), nor anything the libraries are asked by reflection.
 */
import type { Use } from '@test/member-uses'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import * as axios from './axios'
import * as luxon from './luxon'
import { CALL, DYNAMIC, findUses, NEW, render, reexports } from '@test/member-uses'
import * as unhead from './unhead'

const modules = fileURLToPath(new URL('../../../node_modules/', import.meta.url))
const SDK = path.join(modules, '@bitrix24/b24jssdk')
const KIT = path.join(modules, '@bitrix24/b24ui-nuxt')

/** The specifiers vite.config.ts aliases to the shims; any other path into these libraries would bypass them. */
const ALIASED: Record<string, string> = { 'axios': 'axios', 'luxon': 'luxon', '@unhead/vue': 'unhead', '@unhead/vue/client': 'unhead' }
const LIBRARY = /^(?:axios|luxon|@unhead\/[^/]+)(?:\/|$)/

const read = (file: string) => readFileSync(file, 'utf8')
/** Bare and relative specifiers a module imports (static, re-exports and `import()`), by TypeScript's scanner. */
const importsOf = (file: string) => ts.preProcessFile(read(file), true, true).importedFiles.map(f => f.fileName)

/** The file a bundler takes for `import 'pkg'`: `exports['.']` under the browser/import conditions, else `module`. */
function entryOf(pkgDir: string): string {
  const pkg = JSON.parse(read(path.join(pkgDir, 'package.json'))) as { module?: string, main?: string, exports?: Record<string, unknown> }
  let target: unknown = pkg.exports?.['.']
  while (target && typeof target === 'object')
    target = ['browser', 'import', 'module', 'default'].map(c => (target as Record<string, unknown>)[c]).find(Boolean)
  return path.join(pkgDir, typeof target === 'string' ? target : pkg.module ?? pkg.main ?? 'index.js')
}

/** The package's files reachable from `entry` by relative imports: what Vite bundles of it. */
function reachable(entry: string): string[] {
  const seen = new Set<string>()
  const pending = [entry]
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file))
      continue
    seen.add(file)
    for (const spec of importsOf(file)) {
      const next = path.resolve(path.dirname(file), spec)
      if (spec.startsWith('.') && existsSync(next))
        pending.push(next)
    }
  }
  return [...seen].sort()
}

/** The analysed files that import one of the libraries, and every library specifier they use. */
function importers(files: string[]) {
  const specifiers = new Set<string>()
  const using = files.filter((file) => {
    const found = importsOf(file).filter(s => LIBRARY.test(s))
    found.forEach(s => specifiers.add(s))
    return found.length > 0
  })
  return { using, specifiers: [...specifiers].sort() }
}

const OPAQUE = 'opaque'
type Result = (() => unknown) | typeof OPAQUE

interface Library {
  shim: object
  /** What a call returns (by the use up to that call), for uses that go past it: a value made by the shim, or OPAQUE (plain values, nothing of the library's). */
  results: [RegExp, Result][]
  /** Members whose value is data (the portal's JSON), not the library's: not checked further. */
  data: string[]
}

/** Checks one use against a shim: null, or where it breaks (a prefix of the use) and why. */
function verify(lib: Library, use: Use): { at: string, why: string } | null {
  let value: unknown = lib.shim
  for (const [i, step] of use.path.entries()) {
    const shown = render(use.path.slice(0, i + 1))
    const before = render(use.path.slice(0, i)) || 'the module'
    if (step === DYNAMIC)
      return { at: shown, why: 'a computed member or `export *`: the guard cannot tell which; read the code and check the shim by hand' }
    if (step === CALL || step === NEW) {
      if (typeof value !== 'function')
        return { at: shown, why: `${before} is not a function in the shim` }
      if (i === use.path.length - 1)
        return null
      const result = lib.results.find(([pattern]) => pattern.test(shown))?.[1]
      if (!result)
        return { at: shown, why: `its result is used (${render(use.path)}) but the guard does not know it: add what the shim returns there to LIBRARIES.${use.lib}.results` }
      if (result === OPAQUE)
        return null
      value = result()
      continue
    }
    if (value === null || value === undefined || !(step in Object(value)))
      return { at: shown, why: `the shim has no \`${step}\` on ${before}` }
    if (lib.data.includes(shown))
      return null
    value = (value as Record<string, unknown>)[step]
  }
  return null
}

// A request and a failed request made by the axios shim itself (over `env.fetch`, no network), so the
// members the SDK reads on an answer and on an AxiosError are checked on what the shim really produces.
let answer: unknown
let failure: unknown
beforeAll(async () => {
  const request = async (status: number) => axios.default
    .create({ adapter: 'fetch', env: { fetch: async () => new Response('{"result":true}', { status, headers: { 'content-type': 'application/json' } }) } })
    .post('https://portal.invalid/rest/profile', {})
  // Caught: should the shim lose `create` or `post`, the checks below say so, with the SDK line that needs it
  // (and the AxiosError is then one made by hand, so that its members are still checked).
  answer = await request(200).catch(() => undefined)
  failure = await request(401).then(() => undefined, (e: unknown) => e)
  if (!(failure instanceof axios.AxiosError))
    failure = new axios.AxiosError('probe', axios.AxiosError.ERR_BAD_REQUEST, {}, undefined, { data: {}, status: 401, statusText: '', headers: {}, config: {} })
})

const LIBRARIES: Record<string, Library> = {
  axios: {
    shim: axios,
    results: [
      [/^default\.create\(\)$/, () => axios.default.create()],
      // A request's promise is awaited (the analysis sees through `await`): the answer.
      [/^default(?:\.create\(\))?\.(?:post|get|put|patch|delete|head|request)\(\)$/, () => answer],
      // An AxiosError: what `new AxiosError()` and `if (e instanceof AxiosError)` give.
      [/^new AxiosError\(\)$/, () => failure],
    ],
    data: ['default.create().post().data', 'new AxiosError().response.data'],
  },
  luxon: {
    shim: luxon,
    results: [
      [/^DateTime\.(?:from\w+|now|local|utc|invalid)\(\)$/, () => luxon.DateTime.now()],
      [/\(\)\.(?:setZone|toUTC|toLocal|plus|minus|startOf|endOf|set|setLocale|reconfigure)\(\)$/, () => luxon.DateTime.now()],
      // Plain values: strings, numbers, a Date.
      [/\(\)\.(?:toFormat|toISO\w*|toSQL\w*|toMillis|toSeconds|toUnixInteger|toJSDate|toString|toJSON|valueOf)\(\)$/, OPAQUE],
    ],
    data: [],
  },
  unhead: {
    shim: unhead,
    results: [
      [/^(?:createHead|injectHead)\(\)$/, () => unhead.createHead()],
      // The unhook function the kit calls when its temporary colours style is gone.
      [/^injectHead\(\)\.hooks\.hook\(\)$/, () => unhead.createHead().hooks.hook('dom:rendered', () => {})],
    ],
    data: [],
  },
}

/** One line per place a shim falls short: `lib: use (first seen at file:line): why`. */
function problems(uses: Use[]): string[] {
  const found = new Map<string, string>()
  for (const use of uses) {
    const problem = verify(LIBRARIES[use.lib]!, use)
    const key = problem && `${use.lib}: ${problem.at}`
    if (problem && key && !found.has(key))
      found.set(key, `${key} (${path.relative(modules, use.at)}): ${problem.why}`)
  }
  return [...found.values()]
}

describe('b24jssdk uses of axios and luxon (issue 16)', () => {
  const files = reachable(entryOf(SDK))
  const { using, specifiers } = importers(files)
  let uses: Use[] = []
  beforeAll(() => {
    uses = findUses(using, (spec, name) => (ALIASED[spec] ? { lib: ALIASED[spec], name } : undefined))
  })

  it('reads the ESM build Vite bundles, and reaches the libraries only through the aliased names', () => {
    expect(path.relative(SDK, entryOf(SDK))).toBe(path.join('dist', 'esm', 'index.mjs'))
    expect(files.length).toBeGreaterThan(50)
    // `axios/unsafe/…` or `luxon/src/…` would not be aliased: the real library would be bundled.
    expect(specifiers).toEqual(['axios', 'luxon'])
  })

  it('sees the uses known in 2.2.0 (the analysis is not blind)', () => {
    const seen = uses.map(u => `${u.lib}: ${render(u.path)}`)
    expect(seen).toEqual(expect.arrayContaining([
      'axios: default.create().post()',
      'axios: new AxiosError().response.status',
      'luxon: DateTime.fromJSDate().toSeconds()',
      'luxon: DateTime.now().toFormat()',
    ]))
  })

  it.each(['axios', 'luxon'])('every %s member the SDK uses exists on the shim', (lib) => {
    expect(problems(uses.filter(u => u.lib === lib))).toEqual([])
  })
})

describe('b24ui-nuxt uses of @unhead/vue (issue 16)', () => {
  const runtime = path.join(KIT, 'dist', 'runtime')
  const all = (readdirSync(runtime, { recursive: true }) as string[]).map(f => path.join(runtime, f))
  // The vue build: the vue-plugin, `#imports` stubs and components all come from dist/runtime (a superset of what Vite takes).
  const scripts = all.filter(f => /\.m?js$/.test(f))
  // `#imports` resolves to a stub (runtime/vue/stubs/*.js) that re-exports unhead's `useHead` and `injectHead`.
  const viaStubs = new Map(scripts.filter(f => f.includes(`${path.sep}stubs${path.sep}`)).flatMap(f => [...reexports(f, read(f), '@unhead/vue')]))
  const { using, specifiers } = importers(scripts)
  const users = [...new Set([...using, ...scripts.filter(f => read(f).includes('#imports'))])]
  let uses: Use[] = []
  beforeAll(() => {
    uses = findUses(users, (spec, name) => ALIASED[spec]
      ? { lib: ALIASED[spec], name }
      : spec === '#imports' && viaStubs.has(name) ? { lib: 'unhead', name: viaStubs.get(name)! } : undefined)
  })

  it('reaches unhead only through the aliased names, and not from a .vue file (not analysed)', () => {
    expect(specifiers.every(s => ALIASED[s] === 'unhead')).toBe(true)
    expect(all.filter(f => f.endsWith('.vue') && read(f).includes('@unhead/'))).toEqual([])
    expect([...viaStubs.keys()].sort()).toEqual(['injectHead', 'useHead'])
  })

  it('every unhead export the kit uses exists on the shim', () => {
    expect(uses.map(u => render(u.path))).toEqual(expect.arrayContaining(['createHead()', 'useHead()', 'injectHead().hooks.hook()']))
    expect(problems(uses)).toEqual([])
  })
})

describe('the guard itself', () => {
  // Forms 2.2.0 does not use, so the guard is shown to catch them before an upgrade brings them.
  const FUTURE_SDK = `
    import axios from 'axios';
    import * as L from 'luxon';
    const { DateTime, Duration } = L;
    export class Client {
      #http;
      constructor() { this.#http = axios.create({ timeout: 1 }); }
      async send(body) {
        this.#http.interceptors.request.use((config) => config);
        const response = await this.#http.post('/x', body);
        return response.data.result;
      }
    }
    export const stamp = () => DateTime.now().setZone('utc').toFormat('yyyy');
    export const span = (ms) => Duration.fromMillis(ms).toHuman();
    export const pick = (name) => axios[name];
  `

  it('fails for members the shims lack, a computed member, and passes the rest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sdk-guard-'))
    try {
      const file = path.join(dir, 'future-sdk.mjs')
      writeFileSync(file, FUTURE_SDK)
      const uses = findUses([file], (spec, name) => (ALIASED[spec] ? { lib: ALIASED[spec], name } : undefined))
      expect(uses.map(u => `${u.lib}: ${render(u.path)}`)).toContain('luxon: DateTime.now().setZone().toFormat()')
      expect(problems(uses).map(p => p.slice(0, p.indexOf(' ('))).sort()).toEqual([
        'axios: default.create().interceptors',
        'axios: default[…]',
        'luxon: Duration',
      ])
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
