import type { Portal } from '../../emulator/model/portal'
import type { WireReply } from '../../emulator/contract'
import type { TestPortal } from '@test/emulator-gateway'
import type { RelationSet } from '@/domain/types'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { AppError } from '@/domain/errors'
import { createInProcessClient, createInProcessGateway } from '@test/emulator-gateway'

async function outcome(p: Promise<unknown>): Promise<'ok' | AppError> {
  return p.then(() => 'ok' as const, (e: unknown) => {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  })
}

function relationIds(set: RelationSet | undefined) {
  return {
    parent: (set?.parent ?? []).map(r => r.entityTypeId).sort((a, b) => a - b),
    child: (set?.child ?? []).map(r => r.entityTypeId).sort((a, b) => a - b),
  }
}

const NEW_RELATIONS: RelationSet = {
  parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }, { entityTypeId: SEED_TYPES.repairs, isChildrenListEnabled: true, isPredefined: false }],
  child: [{ entityTypeId: 3, isChildrenListEnabled: false, isPredefined: false }, { entityTypeId: SEED_TYPES.contracts, isChildrenListEnabled: true, isPredefined: false }],
}

/** Answers `times` requests with `reply` before letting the portal answer. */
function failFirst(portal: Portal, times: number, reply: WireReply) {
  const original = portal.rest
  let left = times
  portal.rest = (req) => {
    if (left > 0) {
      left -= 1
      return reply
    }
    return original(req)
  }
}

const QUERY_LIMIT: WireReply = { status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } }

describe('faults end in success or a typed AppError, never a hang or a half-written relation set', () => {
  let portal: Portal

  beforeEach(() => {
    portal = createPortal()
  })

  describe('expired token', () => {
    it('refreshes and retries once when the token expires in the middle of a save', async () => {
      const gw = createInProcessGateway(portal)
      const type = await gw.getType(SEED_TYPES.campaigns)
      portal.expireAllTokens()
      const saved = await gw.updateType(type, { relations: NEW_RELATIONS })
      expect(relationIds(saved.relations)).toEqual(relationIds(NEW_RELATIONS))
      const updates = portal.log.list().filter(e => e.method === 'crm.type.update')
      expect(updates.map(e => e.status)).toEqual([401, 200])
      expect(relationIds((await gw.getType(SEED_TYPES.campaigns)).relations)).toEqual(relationIds(NEW_RELATIONS))
    })

    it('lets several requests that expire together all succeed after refreshing', async () => {
      const gw = createInProcessGateway(portal)
      await gw.currentUser()
      portal.expireAllTokens()
      portal.log.clear()
      const results = await Promise.all([1, 2, 3].map(() => gw.getType(SEED_TYPES.repairs)))
      expect(results.map(t => t.entityTypeId)).toEqual([SEED_TYPES.repairs, SEED_TYPES.repairs, SEED_TYPES.repairs])
      const statuses = portal.log.list().map(e => e.status)
      expect(statuses.filter(s => s === 200)).toHaveLength(3)
      // Each request is retried at most once after its 401 (docs/platform.md "Frame").
      expect(statuses.filter(s => s === 401).length).toBeLessThanOrEqual(3)
    })

    it('ends in expired_token when the refresh fails too, and writes nothing', async () => {
      const gw = createInProcessGateway(portal)
      const type = await gw.getType(SEED_TYPES.campaigns)
      const before = relationIds(type.relations)
      portal.expireAllTokens()
      portal.refreshTokens = () => null
      const e = await outcome(gw.updateType(type, { relations: NEW_RELATIONS }))
      expect(e).toMatchObject({ code: 'expired_token', retryable: true })
      const fresh = createInProcessGateway(createPortalSharing(portal))
      expect(relationIds((await fresh.getType(SEED_TYPES.campaigns)).relations)).toEqual(before)
    })
  })

  describe('rate limit', () => {
    it('retries a short burst of 503 QUERY_LIMIT_EXCEEDED and succeeds', async () => {
      const gw = createInProcessGateway(portal)
      failFirst(portal, 2, QUERY_LIMIT)
      const t = await gw.getType(SEED_TYPES.repairs)
      expect(t.entityTypeId).toBe(SEED_TYPES.repairs)
    })

    it('gives up with rate_limited after a bounded number of attempts', async () => {
      const client = createInProcessClient(portal)
      failFirst(portal, 1000, QUERY_LIMIT)
      const started = Date.now()
      const e = await outcome(client.call('crm.type.getByEntityTypeId', { entityTypeId: SEED_TYPES.repairs }))
      expect(e).toMatchObject({ code: 'rate_limited', retryable: true, status: 503 })
      // The SDK's 3 attempts; our read retry does not multiply them for rate limits.
      expect(client.requests).toHaveLength(3)
      expect(Date.now() - started).toBeLessThan(10_000)
    })

    it('maps 429 OPERATION_TIME_LIMIT to rate_limited', async () => {
      const client = createInProcessClient(portal, { restrictionParams: { maxRetries: 1 } })
      failFirst(portal, 1000, { status: 429, body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked' } })
      expect(await outcome(client.call('user.current'))).toMatchObject({ code: 'rate_limited' })
    })

    it('lets a burst over the portal\'s 2/s bucket end in answers or rate_limited, none hanging', async () => {
      const gw = createInProcessGateway(portal)
      const results = await Promise.all(Array.from({ length: 56 }, () => outcome(gw.getType(SEED_TYPES.repairs))))
      const codes = new Set(results.map(r => (r === 'ok' ? 'ok' : r.code)))
      expect([...codes].every(c => c === 'ok' || c === 'rate_limited')).toBe(true)
      expect(results.filter(r => r === 'ok').length).toBeGreaterThanOrEqual(50)
    }, 20_000)
  })

  describe('connection', () => {
    it('reports a dropped connection on a write as network and does not send the write again', async () => {
      const gw = createInProcessGateway(portal, { intercept: m => (m === 'crm.type.update' ? 'drop' : undefined) })
      const type = await gw.getType(SEED_TYPES.campaigns)
      const before = relationIds(type.relations)
      const e = await outcome(gw.updateType(type, { relations: NEW_RELATIONS }))
      expect(e).toMatchObject({ code: 'network', retryable: true })
      expect(gw.client.requests.filter(m => m === 'crm.type.update')).toHaveLength(1)
      expect(relationIds((await gw.getType(SEED_TYPES.campaigns)).relations)).toEqual(before)
    })

    it('leaves the whole new relation set when the answer of a save is lost', async () => {
      const gw = createInProcessGateway(portal, { intercept: m => (m === 'crm.type.update' ? 'lose_answer' : undefined) })
      const type = await gw.getType(SEED_TYPES.campaigns)
      const e = await outcome(gw.updateType(type, { relations: NEW_RELATIONS }))
      expect(e).toMatchObject({ code: 'network' })
      expect(relationIds((await gw.getType(SEED_TYPES.campaigns)).relations)).toEqual(relationIds(NEW_RELATIONS))
    })

    it('tries a read again after a dropped connection', async () => {
      let drops = 1
      const gw = createInProcessGateway(portal, { intercept: () => (drops-- > 0 ? 'drop' : undefined) })
      expect((await gw.getType(SEED_TYPES.repairs)).entityTypeId).toBe(SEED_TYPES.repairs)
      expect(gw.client.requests).toHaveLength(2)
    })

    it('gives up on a read after a bounded number of drops', async () => {
      const gw = createInProcessGateway(portal, { intercept: () => 'drop' })
      expect(await outcome(gw.listTypes())).toMatchObject({ code: 'network' })
      expect(gw.client.requests).toHaveLength(3)
    })

    it('times out when no answer comes', async () => {
      const gw = createInProcessGateway(portal, { intercept: () => 'hang', timeoutMs: 200, readRetries: 0 })
      const started = Date.now()
      expect(await outcome(gw.loadPlacement(SEED_TYPES.repairs))).toMatchObject({ code: 'timeout', retryable: true })
      expect(Date.now() - started).toBeLessThan(2000)
    })

    it('tries a read again after a 500 and reports a write\'s 500 as retryable unknown', async () => {
      const gw = createInProcessGateway(portal)
      failFirst(portal, 1, { status: 500, body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' } })
      expect((await gw.getType(SEED_TYPES.repairs)).id).toBeGreaterThan(0)
      const type = await gw.getType(SEED_TYPES.repairs)
      failFirst(portal, 1, { status: 500, body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' } })
      expect(await outcome(gw.updateType(type, { isSourceEnabled: true }))).toMatchObject({ code: 'unknown', retryable: true, status: 500 })
    })
  })

  describe('malformed answers', () => {
    function stub(reply: WireReply): TestPortal {
      return { ...portal, rest: () => reply, call: () => reply }
    }

    it('reports an answer without `time` as malformed_response', async () => {
      const client = createInProcessClient(stub({ status: 200, body: { result: { type: {} } } }))
      expect(await outcome(client.call('crm.type.getByEntityTypeId', { entityTypeId: 1030 }))).toMatchObject({ code: 'malformed_response' })
    })

    it('reports a body that is not JSON as malformed_response', async () => {
      const client = createInProcessClient(stub({ status: 200, body: '<html>Bitrix24 is updating</html>' }))
      expect(await outcome(client.call('user.current'))).toMatchObject({ code: 'malformed_response' })
    })

    it('reports a type record without ids as malformed_response', async () => {
      const time = { start: 0, finish: 0, duration: 0, processing: 0, date_start: '', date_finish: '', operating: 0 }
      const gw = createInProcessGateway(stub({ status: 200, body: { result: { type: { title: 'no ids' } }, time } }))
      expect(await outcome(gw.getType(1030))).toMatchObject({ code: 'malformed_response' })
    })
  })

  describe('secrets', () => {
    it('keeps the access token out of every error that leaves the client', async () => {
      const client = createInProcessClient(portal, { userId: 2 })
      const auth = client.b24.auth.getAuthData()
      const token = auth === false ? '' : auth.access_token
      expect(token.length).toBeGreaterThan(8)
      const failures = await Promise.all([
        outcome(client.call('crm.type.update', { id: 1, fields: { title: 'x' } })),
        outcome(client.call('crm.type.getByEntityTypeId', { entityTypeId: 1098 })),
        outcome(client.call('no.such.method')),
      ])
      for (const e of failures) {
        expect(e).toBeInstanceOf(AppError)
        const text = `${JSON.stringify(e)} ${(e as AppError).message} ${(e as AppError).detail} ${(e as AppError).stack ?? ''}`
        expect(text).not.toContain(token)
      }
    })
  })

  describe('batch', () => {
    it('with halt, reports the failing command and the ones it stopped', async () => {
      const client = createInProcessClient(portal)
      const rows = await client.batch({
        a: { method: 'profile' },
        b: { method: 'crm.type.getByEntityTypeId', params: { entityTypeId: 1098 } },
        c: { method: 'user.admin' },
      }, { halt: true })
      expect(rows.a?.ok).toBe(true)
      expect(rows.b).toMatchObject({ ok: false, error: { code: 'not_found' } })
      expect(rows.c).toMatchObject({ ok: false, error: { code: 'unknown', retryable: true } })
    })

    it('without halt, runs every command', async () => {
      const client = createInProcessClient(portal)
      const rows = await client.batch({
        b: { method: 'crm.type.getByEntityTypeId', params: { entityTypeId: 1098 } },
        c: { method: 'user.admin' },
      })
      expect(rows.b?.ok).toBe(false)
      expect(rows.c).toMatchObject({ ok: true, result: true })
    })

    it('refuses more than 50 commands before sending', async () => {
      const client = createInProcessClient(portal)
      const calls = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, { method: 'user.admin' }]))
      expect(await outcome(client.batch(calls))).toMatchObject({ code: 'validation' })
      expect(client.requests).toHaveLength(0)
    })
  })
})

/** A second handle on the same portal state with working token refresh (the first one's refresh was broken on purpose). */
function createPortalSharing(portal: Portal): Portal {
  const other = createPortal({ initialState: portal.ctx.state })
  return other
}
