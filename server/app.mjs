// @ts-check
import { readFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { DEFAULT_BODY_LIMIT, toPortalOrigin } from './config.mjs'
import { buildCsp } from './csp.mjs'
import { loggerOptions } from './logger.mjs'

/** Hashed build output (Vite's `assets/`): cached for a year, never revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Unhashed files from public/ (favicon): short cache, then revalidate by ETag. */
const SHORT = 'public, max-age=300'
const PAGE_METHODS = 'GET, HEAD, POST'
const FILE_METHODS = 'GET, HEAD'

/**
 * Scripts the browser would run: no `type`, or a JavaScript/module type.
 * The CSP allows only 'self' scripts, so an inline one would be blocked.
 * @param {string} html
 */
export function inlineScripts(html) {
  return [...html.matchAll(/<script\b([^>]*)>/gi)]
    .map(m => m[1] ?? '')
    .filter(attrs => !/\bsrc\s*=/i.test(attrs))
    .filter((attrs) => {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase()
      return type === undefined || type === 'module' || type.includes('javascript')
    })
}

/** The last path segment has an extension: a file, not a page. */
const looksLikeFile = (/** @type {string} */ path) => /\.[^/]*$/.test(path)

/** The path a `/*` route matched, without the leading slash. */
const wildcard = (/** @type {import('fastify').FastifyRequest} */ req) => /** @type {{ '*'?: string }} */ (req.params)['*'] ?? ''

/**
 * @typedef {object} BuildServerOptions
 * @property {string} [distDir] the built app, default `dist`
 * @property {boolean | { level?: string, stream?: { write: (line: string) => void } }} [logger]
 *   false (default): silent; true: stdout; an object: level and a stream (tests capture lines).
 *   Only method, path without query and status are ever logged.
 * @property {readonly string[]} [portalOrigins] ALLOWED_PORTALS: hosts or origins of
 *   self-hosted portals and custom domains, allowed to embed the app and to receive its REST calls
 * @property {readonly string[]} [devPortalOrigins] the emulator's origin (dev and tests only)
 * @property {number} [bodyLimit] bytes of the handler POST body; past it the answer is 413
 */

/**
 * The production handler server. Bitrix24 opens the handler with an HTML form
 * POST (docs/platform.md "Placements"): GET and POST to any page path answer the built
 * index.html; the POST body (AUTH_ID, REFRESH_ID, PLACEMENT_OPTIONS) is read
 * up to `bodyLimit` and dropped, since the SDK takes its context from the
 * parent frame (docs/platform.md "Frame"). Files from `dist/` are served precompressed
 * when the build made .br/.gz copies.
 * @param {BuildServerOptions} [options]
 */
export async function buildServer(options = {}) {
  const distDir = resolve(options.distDir ?? 'dist')
  const assetsDir = join(distDir, 'assets') + sep
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const logger = options.logger === true ? loggerOptions() : options.logger ? loggerOptions(options.logger) : false

  const indexHtml = await readFile(join(distDir, 'index.html'), 'utf8')
  if (inlineScripts(indexHtml).length > 0)
    throw new Error(`${join(distDir, 'index.html')} has an inline script, which the Content-Security-Policy blocks; load it from a file`)

  const csp = buildCsp({
    portalOrigins: (options.portalOrigins ?? []).map(toPortalOrigin),
    devPortalOrigins: (options.devPortalOrigins ?? []).map(toPortalOrigin),
  })

  const app = Fastify({ logger, bodyLimit, return503OnClosing: true })

  // The body is never parsed: read (so the limit holds and the socket stays usable) and dropped.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, undefined))

  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', csp)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  })

  await app.register(fastifyStatic, {
    root: distDir,
    index: false,
    wildcard: false,
    preCompressed: true,
    // Compressed copies are chosen by Accept-Encoding, not addressed; index.html is the page route's.
    globIgnore: ['**/*.gz', '**/*.br', 'index.html'],
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : SHORT)
    },
  })

  /** @param {import('fastify').FastifyReply} reply */
  const sendIndex = reply => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(indexHtml)
  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {string} allow
   */
  const notAllowed = (reply, allow) => reply.code(405).header('allow', allow).send({ statusCode: 405, error: 'Method Not Allowed' })

  app.get('/healthz', (_req, reply) => {
    reply.header('cache-control', 'no-store').send({ ok: true })
  })

  app.get('/*', (req, reply) => {
    const path = wildcard(req)
    if (path === 'index.html' || !looksLikeFile(path))
      return sendIndex(reply)
    return reply.callNotFound()
  })

  app.post('/*', { bodyLimit }, (req, reply) => {
    const path = wildcard(req)
    if (path !== 'index.html' && looksLikeFile(path))
      return notAllowed(reply, FILE_METHODS)
    return sendIndex(reply)
  })

  app.route({
    method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/*',
    handler: (req, reply) => notAllowed(reply, looksLikeFile(wildcard(req)) ? FILE_METHODS : PAGE_METHODS),
  })

  // The default 404 logs the URL with its query; this one logs nothing of the request.
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ statusCode: 404, error: 'Not Found' })
  })

  return app
}
