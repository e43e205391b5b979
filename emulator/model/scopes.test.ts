// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { isAllowed, scopesFor } from './scopes'
import { testPortal } from './test-helpers'

const INSUFFICIENT = { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token' }

describe('app scopes', () => {
  // api-reference/user/user-current.md: Scope user, user_brief, user_basic; profile.md, user-admin.md: basic.
  it('maps methods to the scopes that allow them', () => {
    expect(scopesFor('crm.type.list')).toEqual(['crm'])
    expect(scopesFor('placement.bind')).toEqual(['placement'])
    expect(scopesFor('entity.item.get')).toEqual(['entity'])
    expect(scopesFor('user.current')).toEqual(['user', 'user_brief', 'user_basic'])
    for (const basic of ['profile', 'user.admin', 'user.access', 'app.info', 'app.option.get', 'app.option.set', 'methods', 'scope', 'batch', 'server.time'])
      expect(scopesFor(basic)).toEqual([])
    expect(isAllowed('user.get', ['user_basic'])).toBe(true)
    expect(isAllowed('user.get', ['crm'])).toBe(false)
  })

  // _includes/system-errors.md: 403 insufficient_scope
  it('answers 403 insufficient_scope to an app token outside its scopes, and lets basic methods through', () => {
    const { rest } = testPortal()
    expect(rest('user.current')).toMatchObject({ status: 403, body: INSUFFICIENT })
    expect(rest('user.get')).toMatchObject({ status: 403, body: INSUFFICIENT })
    expect(rest('profile').status).toBe(200)
    expect(rest('crm.type.list').status).toBe(200)
    expect(rest('scope').body.result).toEqual(['crm', 'placement', 'entity'])
  })

  it('takes the scopes from PortalOptions and from the appScopes switch at run time', () => {
    const { rest, portal } = testPortal({ scopes: ['crm', 'user_brief'] })
    expect(rest('user.current').body.result.ID).toBe('1')
    expect(rest('placement.get')).toMatchObject({ status: 403, body: INSUFFICIENT })
    portal.faults.appScopes = ['placement']
    expect(rest('crm.type.list')).toMatchObject({ status: 403, body: INSUFFICIENT })
    expect(rest('scope').body.result).toEqual(['placement'])
  })

  it('keeps every scope for inbound webhooks', () => {
    const { portal } = testPortal()
    const r = portal.rest({ method: 'user.current', params: {}, webhook: { userId: 1, secret: portal.webhookSecret } })
    expect(r.status).toBe(200)
  })

  // docs/platform.md "Batch" / _includes/system-errors.md: each batch command is checked alone
  it('checks each batch command alone: a refused one becomes its own result_error row', () => {
    const { rest } = testPortal()
    const r = rest('batch', { cmd: { a: 'crm.type.get?id=1', u: 'user.current' } })
    expect(r.status).toBe(200)
    expect(r.body.result.result.a.type.id).toBe(1)
    expect(r.body.result.result_error).toEqual({ u: INSUFFICIENT })
  })

  // _includes/system-errors.md: 403 user_access_error "The user does not have access to the application"
  it('answers 403 user_access_error to users outside appUsers, on every OAuth call', () => {
    const { rest, portal } = testPortal()
    portal.faults.appUsers = [1, 4]
    expect(rest('profile', {}, 4).status).toBe(200)
    expect(rest('profile', {}, 2)).toMatchObject({ status: 403, body: { error: 'user_access_error', error_description: 'The user does not have access to the application' } })
    expect(portal.rest({ method: 'profile', params: {}, webhook: { userId: 1, secret: portal.webhookSecret } }).status).toBe(200)
    portal.faults.appUsers = null
    expect(rest('profile', {}, 2).status).toBe(200)
  })
})
