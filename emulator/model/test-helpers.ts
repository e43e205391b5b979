/** Small helpers for the emulator's tests: a portal with a fixed clock and a REST caller. */
import type { WireReply } from '../contract'
import type { PortalOptions } from './portal'
import { createPortal } from './portal'

/** A portal whose clock only moves when the test says so. */
export function testPortal(options: PortalOptions = {}) {
  let t = Date.parse('2026-05-02T09:00:00Z')
  const portal = createPortal({ now: () => t, ...options })
  const clock = { advance: (ms: number) => (t += ms), now: () => t }
  const tokens = new Map<number, string>()
  /** Calls through the whole pipeline as user `userId` (model/users.ts: 1 admin, 2 employee, 3 second admin, 4 CRM admin, 5 employee without 1034), with an English token and the app's scopes. */
  const rest = (method: string, params: Record<string, unknown> = {}, userId = 1): WireReply & { body: any } => {
    if (!tokens.has(userId))
      tokens.set(userId, portal.issueTokens(userId).accessToken)
    return portal.rest({ method, params, auth: tokens.get(userId) }) as WireReply & { body: any }
  }
  return { portal, clock, rest }
}
