// @vitest-environment node
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { parsePortalList, readConfig, toPortalOrigin } from './config.mjs'
import { BITRIX24_CLOUD_SOURCES, buildCsp, cspHash, UI_KIT_INLINE_STYLES } from './csp.mjs'

describe('ALLOWED_PORTALS', () => {
  it('takes hosts and origins, separated by commas or spaces, as https origins by default', () => {
    expect(parsePortalList(' crm.example.org, https://B24.Example.com/  http://b24.corp.local:8080 crm.example.org'))
      .toEqual(['https://crm.example.org', 'https://b24.example.com', 'http://b24.corp.local:8080'])
    expect(parsePortalList(undefined)).toEqual([])
    expect(toPortalOrigin('*.corp.example')).toBe('https://*.corp.example')
  })

  it('refuses entries that could bend the policy or are not hosts', () => {
    for (const bad of ['evil.example;script-src', "'unsafe-inline'", 'ftp://x.example', 'https://x.example/path', '*', 'a b', 'data:'])
      expect(() => toPortalOrigin(bad), bad).toThrow(/Not a portal address/)
  })
})

describe('readConfig', () => {
  it('has defaults for a container', () => {
    expect(readConfig({})).toEqual({ port: 8080, host: '0.0.0.0', distDir: 'dist', portalOrigins: [], devPortalOrigins: [], bodyLimit: 65536 })
  })

  it('reads PORT, HOST, BODY_LIMIT, DEV_PORTAL_ORIGIN and refuses nonsense', () => {
    const c = readConfig({ PORT: '3000', HOST: '127.0.0.1', BODY_LIMIT: '1024', DEV_PORTAL_ORIGIN: 'http://127.0.0.1:5174' })
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', bodyLimit: 1024, devPortalOrigins: ['http://127.0.0.1:5174'] })
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => readConfig({ BODY_LIMIT: '-1' })).toThrow(/BODY_LIMIT/)
  })
})

describe('buildCsp', () => {
  it('lets every Bitrix24 cloud zone frame the app and receive its REST calls, and nobody else', () => {
    const csp = buildCsp()
    const ancestors = csp.split('; ').find(d => d.startsWith('frame-ancestors '))!
    expect(ancestors.split(' ').slice(1)).toEqual([...BITRIX24_CLOUD_SOURCES])
    expect(BITRIX24_CLOUD_SOURCES).toHaveLength(20)
    expect(BITRIX24_CLOUD_SOURCES).toContain('https://*.bitrix24.com.br')
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.bitrix24\.ru /)
  })

  it('adds configured portals and the emulator to the portal directives', () => {
    const csp = buildCsp({ portalOrigins: ['https://crm.example.org'], devPortalOrigins: ['http://127.0.0.1:5174'] })
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/crm\.example\.org http:\/\/127\.0\.0\.1:5174/)
    expect(csp).toMatch(/connect-src [^;]*https:\/\/crm\.example\.org http:\/\/127\.0\.0\.1:5174/)
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("object-src 'none'")
  })
})

describe('the UI kit\'s inline stylesheets', () => {
  it('include the text the installed kit writes, and only its hash is allowed', () => {
    // The colors plugin builds its <style> from a template literal; without custom colours each ${[...].join()} is empty.
    const source = readFileSync(createRequire(import.meta.url).resolve('@bitrix24/b24ui-nuxt/runtime/plugins/colors.js'), 'utf8')
    const template = /return `(@layer theme \{[\s\S]*?)`;/.exec(source)?.[1]
    expect(template, 'colors.js no longer builds the style this way: recheck the CSP').toBeDefined()
    expect(template!.replace(/\$\{\[\]\.join\("\\n {2}"\)\}/g, '')).toBe(UI_KIT_INLINE_STYLES[0])
    expect(cspHash(UI_KIT_INLINE_STYLES[0]!)).toBe("'sha256-7ZIzQltM1iU0jPqNUKNjeveSPHJnVZPsIFZx2wkyrFQ='")
  })

  it('includes the one @vueuse/core adds to stop transitions during a theme switch', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('@vueuse/core'), 'utf8')
    expect(/const CSS_DISABLE_TRANS = "([^"]+)"/.exec(source)?.[1]).toBe(UI_KIT_INLINE_STYLES[1])
  })

  it('allows exactly those hashes and no other inline style', () => {
    expect(buildCsp()).toContain(`style-src 'self' ${UI_KIT_INLINE_STYLES.map(cspHash).join(' ')};`)
    expect(buildCsp()).not.toContain('unsafe-inline')
  })
})
