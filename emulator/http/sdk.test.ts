// @vitest-environment node
/**
 * b24jssdk 2.2 itself against the emulator over HTTP (B24OAuth: the same
 * HttpV2 transport as B24Frame, pointed at http://127.0.0.1): what the app's
 * REST adapter will see.
 */
import type { RunningEmulator } from '../server'
import { AjaxError, B24OAuth } from '@bitrix24/b24jssdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../server'

let emu: RunningEmulator

function sdkFor(userId: number) {
  const t = emu.portal.issueTokens(userId)
  let refreshToken = t.refreshToken
  const b24 = new B24OAuth({
    applicationToken: 'app',
    userId,
    memberId: t.memberId,
    accessToken: t.accessToken,
    refreshToken,
    expires: Math.floor(Date.now() / 1000) + t.expiresIn,
    expiresIn: t.expiresIn,
    scope: 'crm,placement,user_brief',
    domain: emu.url.replace('http://', ''),
    clientEndpoint: `${emu.url}/rest/`,
    serverEndpoint: `${emu.url}/rest/`,
    status: 'L',
  } as any, { clientId: 'local.app', clientSecret: 'secret' })
  b24.setCustomRefreshAuth(async () => {
    const next = emu.portal.refreshTokens(refreshToken)!
    refreshToken = next.refreshToken
    return { access_token: next.accessToken, refresh_token: next.refreshToken, expires: String(Math.floor(Date.now() / 1000) + next.expiresIn), expires_in: String(next.expiresIn), client_endpoint: `${emu.url}/rest/`, server_endpoint: `${emu.url}/rest/`, scope: 'crm', status: 'L' } as any
  })
  return b24
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, quiet: true, extraTypes: 100 })
})
afterAll(() => emu.close())

describe('b24jssdk against the emulator', () => {
  it('calls a method and reads result and time', async () => {
    const r = await sdkFor(1).actions.v2.call.make<any>({ method: 'crm.type.get', params: { id: 1 } })
    expect(r.isSuccess).toBe(true)
    expect(r.getData()!.result.type.relations.parent.length).toBeGreaterThan(0)
  })

  it('reads every type with callList (idKey id, customKeyForResult types)', async () => {
    const r = await sdkFor(1).actions.v2.callList.make<any>({ method: 'crm.type.list', params: {}, idKey: 'id', customKeyForResult: 'types' })
    expect(r.getData()).toHaveLength(103)
  })

  it('runs a named batch and returns each command\'s result', async () => {
    const r = await sdkFor(1).actions.v2.batch.make<any>({
      calls: { type: { method: 'crm.type.get', params: { id: 2 } }, user: { method: 'profile', params: {} }, admin: { method: 'user.admin', params: {} } },
      options: { isHaltOnError: false },
    })
    const data = r.getData() as any
    expect(data.type.type.entityTypeId).toBe(1032)
    expect(data.user.ID).toBe('1')
    expect(data.admin).toBe(true)
  })

  it('throws AjaxError with the portal code for hard errors', async () => {
    const err = await sdkFor(2).actions.v2.call.make({ method: 'crm.type.add', params: { fields: { title: 'x' } } }).catch(e => e)
    expect(err).toBeInstanceOf(AjaxError)
    expect(err.code).toBe('ACCESS_DENIED')
    expect(err.status).toBe(400)
  })

  it('shows what the SDK makes of the numeric error 0 "not found" (crm-type-get.md): the description survives, the code does not', async () => {
    const out = await sdkFor(1).actions.v2.call.make({ method: 'crm.type.get', params: { id: 99999 } }).catch(e => e)
    const e = out instanceof AjaxError ? out : (out as any).getErrors().next().value
    expect(e.status).toBe(400)
    expect(String(e.code)).toBe('ERR_BAD_REQUEST')
  })

  it('refreshes and retries once the portal expires the token', async () => {
    const b24 = sdkFor(1)
    emu.portal.expireAllTokens()
    const r = await b24.actions.v2.call.make<boolean>({ method: 'user.admin', params: {} })
    expect(r.getData()!.result).toBe(true)
  })
})
