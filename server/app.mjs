import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import formbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'

/**
 * The production handler server: answers Bitrix24's form POST to the handler
 * with the built index.html (PLATFORM.md §4) and serves dist/.
 * @param {{ distDir?: string, logger?: boolean }} options
 */
export async function buildServer(options = {}) {
  const distDir = resolve(options.distDir ?? 'dist')
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 })
  await app.register(formbody)
  await app.register(fastifyStatic, { root: distDir, index: false, wildcard: false })
  const indexHtml = await readFile(join(distDir, 'index.html'), 'utf8')
  const sendIndex = (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(indexHtml)
  app.get('/healthz', async () => ({ ok: true }))
  app.get('/', sendIndex)
  app.post('/', sendIndex)
  return app
}
