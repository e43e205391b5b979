/**
 * The pages' own JSON endpoints, called by the page script: the frame's
 * refreshAuth, installFinish and option writes, and the fault switches
 * (with "Refresh does not answer", which only the page knows). Token expiry
 * and "another admin edits" go to the control API (/emulator/api).
 */
import type { FastifyInstance } from 'fastify'
import type { PortalHandle } from '../contract'
import { applyFaults } from '../model/faults'
import { isAdmin } from './portal-data'
import { pagesState, storeOption } from './state'

type Body = Record<string, unknown>

/** Registers /emulator/pages/{refresh,install-finish,options,faults}. */
export function registerPagesApi(app: FastifyInstance, portal: PortalHandle): void {
  const base = '/emulator/pages'

  // refreshAuth answers with new tokens in the RefreshAuthData shape b24jssdk reads (AUTH_EXPIRES a string).
  app.post(`${base}/refresh`, async (req, reply) => {
    const tokens = portal.refreshTokens(String((req.body as Body | null)?.refreshToken ?? ''))
    if (!tokens)
      return reply.code(401).send({ error: 'invalid_grant', error_description: 'Refresh token is unknown or used' })
    return { AUTH_ID: tokens.accessToken, REFRESH_ID: tokens.refreshToken, AUTH_EXPIRES: String(tokens.expiresIn), MEMBER_ID: tokens.memberId }
  })

  app.post(`${base}/install-finish`, async (req, reply) => {
    const userId = Number((req.body as Body | null)?.userId)
    if (!isAdmin(portal, userId))
      return reply.code(403).send({ error: 'ACCESS_DENIED' })
    portal.markInstalled()
    return { installed: true }
  })

  app.post(`${base}/options`, async (req, reply) => {
    const body = (req.body ?? {}) as Body
    const scope = body.scope === 'user' ? 'user' : 'app'
    const error = storeOption(portal, scope, Number(body.userId), String(body.name ?? ''), body.value)
    return error ? reply.code(400).send({ error }) : { stored: true }
  })

  // Faults live on the portal (applied in place, as the control API does); "Refresh does not answer" is the page's own.
  const faultState = () => ({ ...portal.faults, refreshSilent: pagesState(portal).refreshSilent })
  app.get(`${base}/faults`, async () => faultState())
  app.post(`${base}/faults`, async (req) => {
    const body = (req.body ?? {}) as Body
    applyFaults(portal.faults, body)
    if ('refreshSilent' in body)
      pagesState(portal).refreshSilent = body.refreshSilent === true
    return faultState()
  })
}
