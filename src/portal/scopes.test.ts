import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { createInProcessClient } from '@test/emulator-gateway'
import { APP_SCOPES, METHOD_SCOPES, scopeOf } from './scopes'

const portalDir = join(__dirname)
const sources = readdirSync(portalDir)
  .filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'testing.ts' && !f.includes('for-test'))
  .map(f => readFileSync(join(portalDir, f), 'utf8'))
  .join('\n')

/** Method names the portal layer sends: `method: '...'` and `client.call('...')`. */
const called = [...new Set([...sources.matchAll(/method: '([a-z][\w.]+)'|client\.call(?:List)?\('([a-z][\w.]+)'/gi)].map(m => m[1] ?? m[2]!))]

describe('the scope map (docs/platform.md "Scopes")', () => {
  it('knows every method the portal layer calls', () => {
    expect(called.length).toBeGreaterThan(10)
    for (const method of called)
      expect(scopeOf(method), method).not.toBeNull()
  })

  it('needs no scope beyond the ones the app is registered with', () => {
    for (const [method, scope] of Object.entries(METHOD_SCOPES))
      expect(scope === 'basic' || (APP_SCOPES as readonly string[]).includes(scope), method).toBe(true)
  })

  it('is what the README tells an administrator to register', () => {
    const readme = readFileSync(join(portalDir, '../../README.md'), 'utf8')
    const line = readme.split('\n').find(l => /^Scopes:/.test(l))
    expect(line, 'README line "Scopes: ..."').toBeDefined()
    expect(line!.match(/`(\w+)`/g)?.map(s => s.slice(1, -1))).toEqual([...APP_SCOPES])
  })

  // api-reference/user/user-current.md: scope user, user_brief or user_basic; _includes/system-errors.md: 403 insufficient_scope.
  it('a method outside the scopes fails on a portal with the app\'s registration, and the error names the scope', async () => {
    const client = createInProcessClient(createPortal({ scopes: [...APP_SCOPES] }))
    const error = await client.call('user.current').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'insufficient_scope', status: 403 })
    const crm = await createInProcessClient(createPortal({ scopes: ['placement'] })).call('crm.type.fields').catch((e: unknown) => e)
    expect(crm).toMatchObject({ code: 'insufficient_scope', params: { scope: 'crm' } })
  })
})
