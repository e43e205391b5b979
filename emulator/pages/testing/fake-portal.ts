/**
 * A tiny stand-in for the emulator's model, for the pages' own tests only:
 * the real one (emulator/model) answers the same PortalHandle. It knows just
 * the methods the pages and the frame probe use.
 */
import { randomBytes } from 'node:crypto'
import type { CallContext, Faults, IssuedTokens, PortalHandle, WireReply } from '../../contract'

interface FakeType { id: number, entityTypeId: number, title: string, isObserversEnabled: 'Y' | 'N' }
interface FakePlacement { placement: string, handler: string, title: string, langAll: Record<string, { TITLE: string }> }

const time = () => ({ start: Date.now() / 1000, finish: Date.now() / 1000, duration: 0, processing: 0, date_start: new Date().toISOString(), date_finish: new Date().toISOString() })
const ok = (result: unknown, extra: Record<string, unknown> = {}): WireReply => ({ status: 200, body: { result, ...extra, time: time() } })
const fail = (status: number, error: string, description = ''): WireReply => ({ status, body: { error, error_description: description } })

/** A fake portal handle plus `tokenUser` to resolve tokens for a test REST route. */
export interface FakePortal extends PortalHandle {
  tokenUser: (accessToken: string) => number | 'expired' | null
}

export function createFakePortal(appUrl: string): FakePortal {
  const types: FakeType[] = [{ id: 1, entityTypeId: 128, title: 'Projects <b>&co</b>', isObserversEnabled: 'N' }, { id: 2, entityTypeId: 130, title: 'Contracts', isObserversEnabled: 'N' }]
  const items = new Map<number, Record<string, unknown>[]>([
    [128, [{ id: 1, title: 'Launch <script>alert(1)</script>', stageId: 'DT128_1:NEW', opportunity: 1200 }, { id: 2, title: 'Website', stageId: 'DT128_1:NEW', opportunity: 0 }]],
    [130, [{ id: 1, title: 'Supply 2025', stageId: 'DT130_2:NEW', opportunity: 500 }]],
  ])
  const placements: FakePlacement[] = []
  const tokens = new Map<string, { userId: number, expires: number }>()
  const refresh = new Map<string, number>()
  let installed = false
  const faults: Faults = { latencyMs: 0, errorRate: 0, rateLimit: false, dropRelationsTo: [] }

  const methods: Record<string, (p: Record<string, unknown>, ctx: CallContext) => WireReply> = {
    'crm.type.list': () => ok({ types }, { total: types.length }),
    'crm.type.getByEntityTypeId': (p) => {
      const type = types.find(x => x.entityTypeId === Number(p.entityTypeId))
      return type ? ok({ type }) : fail(400, 'NOT_FOUND', 'SPA not found')
    },
    'crm.item.list': p => ok({ items: items.get(Number(p.entityTypeId)) ?? [] }, { total: (items.get(Number(p.entityTypeId)) ?? []).length }),
    'crm.item.get': (p) => {
      const item = items.get(Number(p.entityTypeId))?.find(x => x.id === Number(p.id))
      return item ? ok({ item }) : fail(400, 'NOT_FOUND', 'Element not found')
    },
    'placement.get': () => ok(placements.map(x => ({ ...x, userId: 0, options: [], description: '' }))),
    'placement.bind': (p, ctx) => {
      if (ctx.userId === 2)
        return fail(403, 'ACCESS_DENIED', 'Access denied')
      if (placements.some(x => x.placement === p.PLACEMENT && x.handler === p.HANDLER))
        return fail(400, 'ERROR_CORE', 'Handler already binded')
      placements.push({ placement: String(p.PLACEMENT), handler: String(p.HANDLER), title: String(p.TITLE ?? ''), langAll: (p.LANG_ALL ?? {}) as FakePlacement['langAll'] })
      return ok(true)
    },
    'user.admin': (_p, ctx) => ok(ctx.userId !== 2),
    'user.current': (_p, ctx) => ok({ ID: String(ctx.userId), NAME: `User ${ctx.userId}` }),
  }

  function issue(userId: number): IssuedTokens {
    const accessToken = randomBytes(16).toString('hex')
    const refreshToken = randomBytes(16).toString('hex')
    tokens.set(accessToken, { userId, expires: Date.now() + 3600_000 })
    refresh.set(refreshToken, userId)
    return { accessToken, refreshToken, expiresIn: 3600, memberId: 'fake-member' }
  }

  return {
    appUrl,
    faults,
    call: (method, params, ctx) => methods[method]?.(params, ctx) ?? fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
    issueTokens: issue,
    refreshTokens: (rt) => {
      const userId = refresh.get(rt)
      if (userId === undefined)
        return null
      refresh.delete(rt)
      return issue(userId)
    },
    expireAllTokens: () => tokens.forEach(t => (t.expires = 0)),
    isInstalled: () => installed,
    markInstalled: () => { installed = true },
    simulateOtherAdminEdit: (entityTypeId) => {
      const type = types.find(x => x.entityTypeId === entityTypeId)
      if (type)
        type.isObserversEnabled = type.isObserversEnabled === 'Y' ? 'N' : 'Y'
      return { flag: 'isObserversEnabled', relationTo: 2 }
    },
    tokenUser: (token) => {
      const t = tokens.get(token)
      return !t ? null : t.expires < Date.now() ? 'expired' : t.userId
    },
  }
}
