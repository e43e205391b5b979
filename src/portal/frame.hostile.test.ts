import type { AppError } from '@/domain/errors'
import { B24Frame } from '@bitrix24/b24jssdk'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { installParent, portalInitData, restoreParentAfterEach } from '@test/fake-parent'

/**
 * Issue 10: whatever the parent sends as init data (wrong types, markup,
 * huge or empty values, missing fields), starting the frame ends in a usable
 * context or an AppError the app can show (bad_context, timeout), never a
 * crash, and the tokens never land in the context. The real b24jssdk under
 * happy-dom, with the fake parent of fake-parent-for-test.ts.
 */
const TOKEN = 'tok-hostile-5f2c9a1e'
const REFRESH = 'refresh-hostile-77aa'

async function startWith(init: unknown) {
  installParent(command => (command === 'getInitData' ? init : {}))
  vi.resetModules()
  const { startFrame } = await import('./frame')
  let sdk: B24Frame | null = null
  const initialize = async () => {
    sdk = new B24Frame({ DOMAIN: 'portal.test', PROTOCOL: false, APP_SID: 'sid123', LANG: null }, { restrictionParams: { retryOnNetworkError: false } })
    await sdk.init()
    return sdk
  }
  try {
    return await startFrame({ initialize, timeoutMs: 1000 })
  }
  finally {
    (sdk as B24Frame | null)?.destroy()
  }
}

/** Values a garbled or hostile parent could send for any field. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '<img src=x onerror=alert(1)>', '{{ 7*7 }}', 'Y', 'N', 'true', '0', '-1', 'null', '{"ID":"1"}', '[]', 'x'.repeat(5000), '\u202Eabc'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
)
const FIELDS = ['LANG', 'PLACEMENT', 'PLACEMENT_OPTIONS', 'IS_ADMIN', 'AUTH_ID', 'AUTH_EXPIRES', 'MEMBER_ID', 'FIRST_RUN', 'INSTALL', 'USER_OPTIONS', 'APP_OPTIONS'] as const

describe('frame start under hostile init data', () => {
  restoreParentAfterEach()

  it('ends in a usable context or bad_context/timeout, never a crash, and keeps the tokens out', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }), async (over) => {
      const init = portalInitData({ AUTH_ID: TOKEN, REFRESH_ID: REFRESH, ...over })
      try {
        const frame = await startWith(init)
        const text = JSON.stringify(frame.init)
        expect(text).not.toContain(TOKEN)
        expect(text).not.toContain(REFRESH)
        expect(frame.init.placement).toMatch(/^[\w.-]+$/)
        expect(frame.init.lang).toMatch(/^[a-z]{2}(?:[-_][a-z]{2})?$/)
        expect(typeof frame.init.isAdmin).toBe('boolean')
      }
      catch (e) {
        // A fresh module per run has its own AppError class: compare by name, not instanceof.
        expect((e as Error).name, String(e)).toBe('AppError')
        expect(['bad_context', 'timeout']).toContain((e as AppError).code)
        expect(JSON.stringify({ m: (e as AppError).message, d: (e as AppError).detail })).not.toContain(TOKEN)
      }
    }), { numRuns: 100 })
  }, 60_000)
})
