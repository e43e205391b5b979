// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { testPortal } from './test-helpers'

describe('the REST pipeline', () => {
  it('answers 401 expired_token after the token lifetime, 401 invalid_token for an unknown one, and refreshes', () => {
    const { portal, clock } = testPortal({ tokenTtlSeconds: 60 })
    const t = portal.issueTokens(1)
    expect(portal.rest({ method: 'user.admin', params: {}, auth: t.accessToken }).status).toBe(200)
    clock.advance(60_000)
    expect(portal.rest({ method: 'user.admin', params: {}, auth: t.accessToken })).toEqual({ status: 401, body: { error: 'expired_token', error_description: 'The access token provided has expired.' } })
    expect(portal.rest({ method: 'user.admin', params: {}, auth: 'nope' }).body).toMatchObject({ error: 'invalid_token' })
    expect(portal.rest({ method: 'user.admin', params: {} }).status).toBe(401)
    const fresh = portal.refreshTokens(t.refreshToken)!
    expect(fresh.expiresIn).toBe(60)
    expect(portal.rest({ method: 'user.admin', params: {}, auth: fresh.accessToken }).status).toBe(200)
    expect(portal.refreshTokens(t.refreshToken)).toBeNull()
  })

  it('expires every issued token on demand', () => {
    const { portal } = testPortal()
    const t = portal.issueTokens(2)
    portal.expireAllTokens()
    expect(portal.rest({ method: 'user.current', params: {}, auth: t.accessToken }).body).toMatchObject({ error: 'expired_token' })
  })

  it('limits a token to a burst of 50, then 2 a second (503 QUERY_LIMIT_EXCEEDED)', () => {
    const { rest, clock, portal } = testPortal()
    for (let i = 0; i < 50; i++)
      expect(rest('user.admin').status).toBe(200)
    expect(rest('user.admin')).toEqual({ status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } })
    clock.advance(1000)
    expect(rest('user.admin').status).toBe(200)
    expect(rest('user.admin').status).toBe(200)
    expect(rest('user.admin').status).toBe(503)
    portal.faults.rateLimit = false
    expect(rest('user.admin').status).toBe(200)
  })

  it('fails the error-rate share of calls with 500', () => {
    const { rest, portal } = testPortal({ random: () => 0.1 })
    portal.faults.errorRate = 0.5
    expect(rest('user.admin')).toEqual({ status: 500, body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' } })
    portal.faults.errorRate = 0.05
    expect(rest('user.admin').status).toBe(200)
  })

  it('answers ERROR_METHOD_NOT_FOUND for unknown methods, and accepts any case and .json', () => {
    const { rest } = testPortal()
    expect(rest('crm.type.nothing')).toEqual({ status: 404, body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } })
    expect(rest('CRM.Type.List.json').status).toBe(200)
  })

  it('tells users and admins apart', () => {
    const { rest } = testPortal()
    expect(rest('user.admin', {}, 1).body.result).toBe(true)
    expect(rest('user.admin', {}, 2).body.result).toBe(false)
    expect(rest('user.admin', {}, 3).body.result).toBe(true)
    // profile needs no scope (api-reference/common/users/profile.md); user.current needs user* scopes, which the app lacks by default.
    expect(rest('profile', {}, 2).body.result).toEqual({ ID: '2', ADMIN: false, NAME: 'Jamie', LAST_NAME: 'Lee', PERSONAL_GENDER: '', TIME_ZONE: '' })
    expect(rest('methods').body.result).toContain('crm.type.list')
    expect(rest('app.info').body.result.INSTALLED).toBe(false)
  })

  it('stores app options, admins only', () => {
    const { rest } = testPortal()
    expect(rest('app.option.set', { options: { theme: 'dark' } }, 2)).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } })
    expect(rest('app.option.set', { options: { theme: 'dark' } }).body.result).toBe(true)
    expect(rest('app.option.get', { option: 'theme' }, 2).body.result).toBe('dark')
    expect(rest('app.option.get').body.result).toEqual({ theme: 'dark' })
  })

  it('keeps a log of requests with user, status and error', () => {
    const { rest, portal } = testPortal()
    rest('crm.type.add', { fields: { title: 'x' } }, 2)
    expect(portal.log.list()[0]).toMatchObject({ via: 'rest', method: 'crm.type.add', userId: 2, status: 400, error: 'ACCESS_DENIED' })
    portal.log.clear()
    expect(portal.log.list()).toEqual([])
  })

  it('answers through call() without auth, rate limit or log', () => {
    const { portal } = testPortal()
    expect(portal.call('user.admin', {}, { userId: 2 }).body).toMatchObject({ result: false })
    expect(portal.log.list()).toEqual([])
  })

  it('starts again from the seed on reset, and adds extra types for benchmarks', () => {
    const { portal } = testPortal({ extraTypes: 5 })
    expect(portal.ctx.state.types).toHaveLength(8)
    portal.addTypes(2)
    portal.markInstalled()
    portal.reset()
    expect(portal.ctx.state.types).toHaveLength(8)
    expect(portal.isInstalled()).toBe(false)
  })
})

describe('placements', () => {
  const handler = 'http://localhost:5173/'
  it('binds once, refuses a second bind of the same handler, lists and unbinds', () => {
    const { rest } = testPortal()
    const bind = { PLACEMENT: 'CRM_DYNAMIC_1030_LIST_TOOLBAR', HANDLER: handler, TITLE: 'Settings', LANG_ALL: { en: { TITLE: 'Settings' } } }
    expect(rest('placement.bind', bind).body.result).toBe(true)
    expect(rest('placement.bind', bind).body).toEqual({ error: 'ERROR_CORE', error_description: 'Handler already binded' })
    expect(rest('placement.get').body.result).toHaveLength(1)
    expect(rest('placement.list').body.result).toContain('CRM_DYNAMIC_1034_DETAIL_TAB')
    expect(rest('placement.unbind', { PLACEMENT: 'CRM_DYNAMIC_1030_LIST_TOOLBAR', HANDLER: handler }).body.result).toEqual({ count: 1 })
  })

  it('refuses unknown codes, a smart process that does not exist, and a handler host without a dot', () => {
    const { rest } = testPortal()
    expect(rest('placement.bind', { PLACEMENT: 'NOPE', HANDLER: handler }).body.error).toBe('ERROR_PLACEMENT_NOT_FOUND')
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1999_DETAIL_TAB', HANDLER: handler }).body.error).toBe('ERROR_PLACEMENT_NOT_FOUND')
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'http://intranet/app/' }).body.error).toBe('ERROR_WRONG_HANDLER_URL')
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'http://127.0.0.1:4173/' }).status).toBe(200)
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'https://app.example.com/' }).status).toBe(200)
  })

  it('lets only admins bind and unbind', () => {
    const { rest } = testPortal()
    expect(rest('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: handler }, 2)).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } })
    expect(rest('placement.unbind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB' }, 2).status).toBe(403)
  })
})

describe('items', () => {
  it('counts items with select id and total, filters by parentId, pages by 50', () => {
    const { rest } = testPortal()
    const all = rest('crm.item.list', { entityTypeId: 1030, select: ['id'] }).body
    expect(all.total).toBe(5)
    expect(all.result.items[0]).toEqual({ id: 1 })
    expect(rest('crm.item.list', { entityTypeId: 1034, select: ['id'] }).body.total).toBe(0)
    expect(rest('crm.item.list', { entityTypeId: 1032, filter: { parentId1030: 2 } }).body.result.items.map((i: any) => i.title)).toEqual(['Belt and roller supply'])
    for (let i = 0; i < 50; i++)
      rest('crm.item.add', { entityTypeId: 1034, fields: { title: `Campaign ${i}`, parentId2: 1 } }, 3)
    // user 3 has their own token and bucket; user 1's bucket is untouched.
    const p = rest('crm.item.list', { entityTypeId: 1034, start: 0 }).body
    expect(p.result.items).toHaveLength(50)
    expect(p.next).toBeUndefined()
    expect(p.result.items[0].parentId2).toBe(1)
  })

  it('gets, deletes and refuses items of unknown types', () => {
    const { rest } = testPortal()
    expect(rest('crm.item.get', { entityTypeId: 1030, id: 1 }).body.result.item.title).toBe('Forklift hydraulic leak')
    expect(rest('crm.item.delete', { entityTypeId: 1030, id: 1 }).body.result).toEqual([])
    expect(rest('crm.item.get', { entityTypeId: 1030, id: 1 }).body.error).toBe('NOT_FOUND')
    expect(rest('crm.item.list', { entityTypeId: 4242 }).body).toEqual({ error: 'NOT_FOUND', error_description: 'SPA not found' })
  })
})
