/**
 * CORS as a portal answers an app served from another origin: the app's
 * iframe calls `/rest/...` cross-origin with a JSON body, so the browser
 * sends a preflight first. No credentials are involved (the token is in the
 * body), so `*` is enough.
 */
import type { FastifyInstance } from 'fastify'

export function registerCors(app: FastifyInstance, prefixes: string[]): void {
  const applies = (url: string) => prefixes.some(p => url.startsWith(p))
  app.addHook('onRequest', async (req, reply) => {
    if (!applies(req.url))
      return
    reply.header('Access-Control-Allow-Origin', '*')
    if (req.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS')
      reply.header('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Content-Type, X-Api-Key, Authorization')
      reply.header('Access-Control-Max-Age', '86400')
      return reply.code(204).send()
    }
  })
}
