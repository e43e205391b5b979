import { describe, expect, it } from 'vitest'
import { buildEmulator } from '../server'

async function emulator() {
  const { app, portal } = await buildEmulator({ appUrl: 'http://localhost:4201/', dataFile: null, reset: true })
  return { app, portal }
}

describe('portal pages over HTTP', () => {
  it('refreshes tokens for the frame once per refresh token, in the shape b24jssdk reads', async () => {
    const { app, portal } = await emulator()
    const issued = portal.issueTokens(2)
    const res = await app.inject({ method: 'POST', url: '/emulator/pages/refresh', payload: { refreshToken: issued.refreshToken } })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ AUTH_EXPIRES: '3600', MEMBER_ID: issued.memberId })
    expect(portal.authenticate(body.AUTH_ID)).toBe(2)
    const again = await app.inject({ method: 'POST', url: '/emulator/pages/refresh', payload: { refreshToken: issued.refreshToken } })
    expect(again.statusCode).toBe(401)
  })

  it('lets only an admin finish the install', async () => {
    const { app, portal } = await emulator()
    expect((await app.inject({ method: 'POST', url: '/emulator/pages/install-finish', payload: { userId: 2 } })).statusCode).toBe(403)
    expect(portal.isInstalled()).toBe(false)
    expect((await app.inject({ method: 'POST', url: '/emulator/pages/install-finish', payload: { userId: 1 } })).statusCode).toBe(200)
    expect(portal.isInstalled()).toBe(true)
  })

  it('stores app options through the model, admin only, and user options per user', async () => {
    const { app, portal } = await emulator()
    const denied = await app.inject({ method: 'POST', url: '/emulator/pages/options', payload: { scope: 'app', userId: 2, name: 'a', value: 1 } })
    expect(denied.statusCode).toBe(400)
    await app.inject({ method: 'POST', url: '/emulator/pages/options', payload: { scope: 'app', userId: 1, name: 'a', value: 1 } })
    expect((portal.call('app.option.get', {}, { userId: 2 }).body as { result: unknown }).result).toEqual({ a: 1 })
    expect((await app.inject({ method: 'POST', url: '/emulator/pages/options', payload: { scope: 'user', userId: 2, name: 'view', value: 'compact' } })).statusCode).toBe(200)
  })

  it('applies fault switches to the portal in place', async () => {
    const { app, portal } = await emulator()
    const faults = portal.faults
    const res = await app.inject({ method: 'POST', url: '/emulator/pages/faults', payload: { latencyMs: 200, errorRate: 0.25, rateLimit: false, dropRelationsTo: '2, 3, x', refreshSilent: true } })
    expect(res.json()).toMatchObject({ latencyMs: 200, errorRate: 0.25, rateLimit: false, dropRelationsTo: [2, 3], refreshSilent: true })
    expect(portal.faults).toBe(faults)
    expect(faults.dropRelationsTo).toEqual([2, 3])
  })

  it('escapes portal data in the pages and shows the app tab only when bound and installed', async () => {
    const { app, portal } = await emulator()
    const added = portal.call('crm.item.add', { entityTypeId: 1030, fields: { title: '<script>alert(1)</script>' } }, { userId: 1 })
    const id = (added.body as { result: { item: { id: number } } }).result.item.id
    const card = () => app.inject({ url: `/crm/type/1030/details/${id}/`, headers: { host: '127.0.0.1:5174' } })
    const before = (await card()).body
    expect(before).not.toContain('<script>alert(1)')
    expect(before).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(before).not.toContain('role="tab" id="tab-app"')
    portal.call('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'http://localhost:4201/', TITLE: '<b>Tab</b>' }, { userId: 1 })
    portal.markInstalled()
    const after = (await card()).body
    expect(after).toContain('aria-controls="panel-app" tabindex="-1">&lt;b&gt;Tab&lt;/b&gt;</button>')
    expect(after).toContain('"windowName":"127.0.0.1:5174|0|')
  })

  it('answers 404 pages for unknown types and items, and serves only known assets', async () => {
    const { app } = await emulator()
    expect((await app.inject({ url: '/crm/type/9999/list/' })).statusCode).toBe(404)
    expect((await app.inject({ url: '/crm/type/1030/details/999999/' })).statusCode).toBe(404)
    expect((await app.inject({ url: '/emulator/pages/assets/page.js' })).headers['content-type']).toContain('text/javascript')
    expect((await app.inject({ url: '/emulator/pages/assets/..%2F..%2Fcontract.ts' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: '/emulator/pages/probe/', payload: 'AUTH_ID=x&PLACEMENT=DEFAULT', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(200)
  })
})
