/**
 * The control API for the pages and tests, under `/emulator/api/`, answered
 * only on loopback: faults, token expiry, "another admin edits", reset, the
 * request log, extra types, and tokens for tests that call `/rest` directly.
 * `GET|PUT /emulator/api/faults` reads and changes every `Faults` switch
 * (appScopes, planForbidsUpdate, planForbidsCreate, bindRefusedInBatch,
 * placementMaxCount, appUsers, ...): see model/faults.ts applyFaults.
 * The recycle bin: control-recyclebin.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Portal } from '../model/portal'
import { RestError } from '../model/errors'
import { applyFaults } from '../model/faults'
import { isRecord } from '../model/wire'
import { registerRecycleBinControl } from './control-recyclebin'

/** Kept here too: the pages imported it from this file. */
export { applyFaults }

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function registerControl(app: FastifyInstance, portal: Portal): void {
  const base = '/emulator/api'
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith(`${base}/`) && !LOOPBACK.has(req.ip))
      return reply.code(403).send({ error: 'FORBIDDEN', error_description: 'The control API answers loopback only' })
  })
  const body = (req: FastifyRequest) => (isRecord(req.body) ? req.body : {})

  app.get(`${base}/faults`, async () => portal.faults)
  app.put(`${base}/faults`, async req => applyFaults(portal.faults, body(req)))
  app.post(`${base}/expire-tokens`, async () => {
    portal.expireAllTokens()
    return { ok: true }
  })
  app.post(`${base}/other-admin-edit`, async (req, reply) => {
    try {
      return portal.simulateOtherAdminEdit(Number(body(req).entityTypeId))
    }
    catch (e) {
      if (e instanceof RestError)
        return reply.code(404).send(e.toBody())
      throw e
    }
  })
  app.post(`${base}/reset`, async () => {
    portal.reset()
    return { ok: true }
  })
  app.get(`${base}/requests`, async () => ({ requests: portal.log.list() }))
  app.delete(`${base}/requests`, async (_req, reply) => {
    portal.log.clear()
    return reply.code(204).send()
  })
  app.post(`${base}/add-types`, async (req, reply) => {
    const count = Number(body(req).count)
    if (!Number.isInteger(count) || count < 1 || count > 5000)
      return reply.code(400).send({ error: 'INVALID_COUNT', error_description: 'count must be an integer 1..5000' })
    return { entityTypeIds: portal.addTypes(count) }
  })
  // Tokens for tests that call /rest without a page (the pages issue their own); `lang: 'ru'` for Russian error texts.
  app.post(`${base}/tokens`, async req => portal.issueTokens(Number(body(req).userId ?? 1), body(req).lang === 'ru' ? 'ru' : 'en'))
  app.post(`${base}/refresh`, async (req, reply) => {
    const tokens = portal.refreshTokens(String(body(req).refreshToken ?? ''))
    return tokens ?? reply.code(401).send({ error: 'invalid_grant', error_description: 'Unknown refresh token' })
  })
  registerRecycleBinControl(app, portal, base)
  app.get(`${base}/info`, async () => ({
    memberId: portal.ctx.state.memberId,
    tokenTtlSeconds: portal.tokenTtlSeconds,
    installed: portal.isInstalled(),
    types: portal.ctx.state.types.length,
  }))
}
