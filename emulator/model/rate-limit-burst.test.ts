// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { applyFaults } from '../http/control'
import { testPortal } from './test-helpers'

describe('the rate-limit burst fault', () => {
  it('answers the next N OAuth requests 503 QUERY_LIMIT_EXCEEDED, then lets them through', () => {
    const { portal, rest } = testPortal()
    applyFaults(portal.faults, { rateLimitBurst: 2 })
    expect(rest('user.admin')).toEqual({ status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } })
    expect(rest('crm.type.update', { id: 1, fields: { title: 'x' } }).status).toBe(503)
    expect(rest('user.admin').status).toBe(200)
    expect(portal.faults.rateLimitBurst).toBe(0)
    // Nothing of the refused write reached the model.
    expect(portal.ctx.state.types.find(t => t.id === 1)?.title).toBe('Equipment Repairs')
  })

  it('leaves inbound webhooks alone, so a test can still read the portal', () => {
    const { portal } = testPortal({ webhookSecret: 's' })
    portal.faults.rateLimitBurst = 1
    expect(portal.rest({ method: 'user.admin', params: {}, webhook: { userId: 1, secret: 's' } }).status).toBe(200)
    expect(portal.faults.rateLimitBurst).toBe(1)
  })

  it('reads the switch defensively', () => {
    const { portal } = testPortal()
    expect(applyFaults(portal.faults, { rateLimitBurst: '3' }).rateLimitBurst).toBe(3)
    expect(applyFaults(portal.faults, { rateLimitBurst: -4 }).rateLimitBurst).toBe(0)
    expect(applyFaults(portal.faults, { rateLimitBurst: 'lots' }).rateLimitBurst).toBe(0)
  })
})
