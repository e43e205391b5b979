/**
 * Portal REST over HTTP (docs/platform.md "Frame"): `POST|GET /rest/<method>[.json]`
 * with `auth` in the body or query, and inbound webhooks
 * `/rest/<userId>/<secret>/<method>`. Answers `{result, time, ...}` or an
 * HTTP error with `{error, error_description}`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Portal } from '../model/portal'
import { requestParams, sleep } from './body'

export function registerRest(app: FastifyInstance, portal: Portal): void {
  const send = async (reply: FastifyReply, status: number, body: unknown) => {
    await sleep(portal.faults.latencyMs)
    return reply.code(status).header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(body))
  }

  const oauth = async (req: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
    const params = requestParams(req)
    const auth = typeof params.auth === 'string' ? params.auth : undefined
    delete params.auth
    const out = portal.rest({ method: req.params.method, params, auth })
    return send(reply, out.status, out.body)
  }

  const webhook = async (req: FastifyRequest<{ Params: { userId: string, secret: string, method: string } }>, reply: FastifyReply) => {
    const params = requestParams(req)
    delete params.auth
    const out = portal.rest({
      method: req.params.method,
      params,
      webhook: { userId: Number(req.params.userId), secret: req.params.secret },
    })
    return send(reply, out.status, out.body)
  }

  app.route({ method: ['GET', 'POST'], url: '/rest/:method', handler: oauth })
  app.route({ method: ['GET', 'POST'], url: '/rest/:userId/:secret/:method', handler: webhook })
}
