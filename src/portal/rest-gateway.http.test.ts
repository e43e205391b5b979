// @vitest-environment node
// Real sockets: Node's fetch, not happy-dom's (which would apply browser CORS rules).
import type { RunningEmulator } from '../../emulator/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SEED_TYPES } from '../../emulator/model/seed'
import { startEmulator } from '../../emulator/server'
import { AppError } from '@/domain/errors'
import { createHttpGateway } from '@test/emulator-gateway'

describe('rest gateway over the emulator\'s HTTP server (real b24jssdk, real sockets)', () => {
  let emu: RunningEmulator

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, appUrl: 'http://127.0.0.1:4203/', dataFile: null, reset: true, quiet: true })
  })
  afterAll(async () => {
    await emu.close()
  })
  beforeEach(() => {
    emu.portal.reset()
  })

  it('loads a placement in one HTTP request', async () => {
    const gw = createHttpGateway(emu.portal, emu.url)
    const snap = await gw.loadPlacement(SEED_TYPES.repairs)
    expect(snap.type.title).toBe('Equipment Repairs')
    expect(snap.user.isAdmin).toBe(true)
    expect(emu.portal.log.list().map(e => e.method)).toEqual(['batch'])
    expect(gw.client.requests).toEqual(['batch'])
  })

  it('saves relations whole after the token expired in the middle', async () => {
    const gw = createHttpGateway(emu.portal, emu.url)
    const type = await gw.getType(SEED_TYPES.campaigns)
    emu.portal.expireAllTokens()
    const relations = { parent: [{ entityTypeId: 4, isChildrenListEnabled: true, isPredefined: false }], child: [] }
    await gw.updateType(type, { relations, isObserversEnabled: true })
    const after = await gw.getType(SEED_TYPES.campaigns)
    expect(after.relations?.parent.map(r => r.entityTypeId)).toEqual([4])
    expect(after.relations?.child).toEqual([])
    expect(after.isObserversEnabled).toBe(true)
    expect(emu.portal.log.list().filter(e => e.method === 'crm.type.update').map(e => e.status)).toEqual([401, 200])
  })

  it('lists more than 50 types page by page and binds in batches', async () => {
    const ids = emu.portal.addTypes(70)
    const gw = createHttpGateway(emu.portal, emu.url)
    expect(await gw.listTypes()).toHaveLength(73)
    emu.portal.log.clear()
    const outcomes = await gw.bindPlacements(ids.map(id => ({ placement: `CRM_DYNAMIC_${id}_DETAIL_TAB`, handler: 'https://app.example.com/', titles: { en: 'Settings' } })))
    expect([...outcomes.values()].every(o => o === 'bound')).toBe(true)
    expect(emu.portal.log.list().map(e => e.method)).toEqual(['batch', 'batch'])
  })

  it('maps an employee\'s write to access_denied over HTTP', async () => {
    const gw = createHttpGateway(emu.portal, emu.url, { userId: 2 })
    const type = await gw.getType(SEED_TYPES.repairs)
    const e = await gw.updateType(type, { title: 'x' }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('access_denied')
  })

  it('reports a server that is gone as network, not a hang', async () => {
    const gone = await startEmulator({ port: 0, appUrl: 'http://127.0.0.1:4203/', dataFile: null, reset: true, quiet: true })
    const gw = createHttpGateway(gone.portal, gone.url, { retryDelayMs: 10 })
    await gone.close()
    const e = await gw.currentUser().catch((err: unknown) => err)
    expect(e).toMatchObject({ code: 'network', retryable: true })
  })
})
