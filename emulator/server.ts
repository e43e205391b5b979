/**
 * The portal emulator's HTTP server: portal REST and webhooks (/rest), the
 * vibecode gateway (/v1), the control API (/emulator/api), the portal pages
 * and /healthz, over one in-process portal (model/portal.ts).
 *
 * Environment (options win): PORTAL_DATA (data file; default .data/portal.json,
 * in-memory under vitest), PORTAL_RESET=1, PORTAL_TOKEN_TTL (seconds),
 * PORTAL_MAX_TYPES, PORTAL_EXTRA_TYPES, PORTAL_WEBHOOK, PORTAL_API_KEY,
 * PORTAL_RATE_LIMIT=0, PORTAL_SCOPES (the app's scopes, comma-separated;
 * default crm,placement,entity).
 */
import type { FastifyInstance } from 'fastify'
import type { Faults } from './contract'
import type { Portal, PortalOptions } from './model/portal'
import type { SeedKind } from './model/seed'
import Fastify from 'fastify'
import { registerBodyParsers } from './http/body'
import { registerControl } from './http/control'
import { registerCors } from './http/cors'
import { registerRest } from './http/rest'
import { registerVibecode } from './http/vibecode'
import { createPortal } from './model/portal'
import { parseScopes } from './model/scopes'
import { registerPages } from './pages/index'
import { createSaver, loadState } from './persist'

export interface EmulatorOptions {
  port: number
  host?: string
  /** Where the app is served; the portal pages iframe and POST this URL. */
  appUrl: string
  /** The data file; `null` keeps the portal in memory. @default PORTAL_DATA, else in memory under vitest, else .data/portal.json */
  dataFile?: string | null
  /** Start from the seed, ignoring the data file. @default PORTAL_RESET === '1' */
  reset?: boolean
  /** Which seed a fresh portal gets (model/seed.ts). @default 'demo' */
  seed?: SeedKind
  /** Shown on every portal page and in the startup line when several portals run side by side. */
  portalName?: string
  tokenTtlSeconds?: number
  maxTypes?: number
  /** Smart processes added to a fresh seed. @default PORTAL_EXTRA_TYPES */
  extraTypes?: number
  webhookSecret?: string
  apiKey?: string
  restrictedApiKeys?: PortalOptions['restrictedApiKeys']
  /** The app's scopes. @default PORTAL_SCOPES, else ['crm', 'placement', 'entity'] */
  scopes?: string[]
  faults?: Partial<Faults>
  /** No startup lines on the console. */
  quiet?: boolean
}

export interface RunningEmulator {
  app: FastifyInstance
  portal: Portal
  /** `http://host:port` (no trailing slash). */
  url: string
  port: number
  /** Saves pending data and stops listening. */
  close: () => Promise<void>
}

function envNumber(name: string): number | undefined {
  const v = process.env[name]
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v)
}

function defaultDataFile(): string | null {
  if (process.env.PORTAL_DATA)
    return process.env.PORTAL_DATA
  return process.env.VITEST ? null : '.data/portal.json'
}

/** Builds the server without listening (tests can use `app.inject`). */
export async function buildEmulator(options: Omit<EmulatorOptions, 'port' | 'host'>) {
  const dataFile = options.dataFile === undefined ? defaultDataFile() : options.dataFile
  const reset = options.reset ?? process.env.PORTAL_RESET === '1'
  const initialState = dataFile && !reset ? loadState(dataFile) ?? undefined : undefined
  const saver = dataFile ? createSaver(dataFile) : null
  const webhookFromEnv = options.webhookSecret ?? process.env.PORTAL_WEBHOOK
  const apiKeyFromEnv = options.apiKey ?? process.env.PORTAL_API_KEY
  const portal = createPortal({
    appUrl: options.appUrl,
    initialState,
    seed: options.seed,
    portalName: options.portalName,
    extraTypes: options.extraTypes ?? envNumber('PORTAL_EXTRA_TYPES'),
    tokenTtlSeconds: options.tokenTtlSeconds ?? envNumber('PORTAL_TOKEN_TTL'),
    maxTypes: options.maxTypes ?? envNumber('PORTAL_MAX_TYPES'),
    webhookSecret: webhookFromEnv || undefined,
    apiKey: apiKeyFromEnv || undefined,
    restrictedApiKeys: options.restrictedApiKeys,
    scopes: options.scopes ?? (process.env.PORTAL_SCOPES ? parseScopes(process.env.PORTAL_SCOPES) : undefined),
    faults: { ...(process.env.PORTAL_RATE_LIMIT === '0' ? { rateLimit: false } : {}), ...options.faults },
    onChange: state => saver?.schedule(state),
  })
  // A fresh start writes the seed at once, so the file exists from the first run.
  if (saver && !initialState)
    saver.schedule(portal.ctx.state)

  // Real portals accept `/rest//method`: b24jssdk joins a clientEndpoint ending in `/rest/` with `/method`.
  const app = Fastify({ logger: false, routerOptions: { ignoreDuplicateSlashes: true } })
  registerBodyParsers(app)
  registerCors(app, ['/rest/', '/v1/'])
  app.setErrorHandler((error: { statusCode?: number, message: string }, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    // Unreadable requests answer in each API's own error shape.
    if (req.url.startsWith('/v1/'))
      return reply.code(status).send({ success: false, error: { code: status === 400 ? 'INVALID_REQUEST' : 'INTERNAL_ERROR', message: error.message } })
    return reply.code(status).send({ error: status === 400 ? 'INVALID_REQUEST' : 'INTERNAL_SERVER_ERROR', error_description: error.message })
  })
  app.get('/healthz', async () => ({ ok: true }))
  registerRest(app, portal)
  registerVibecode(app, portal)
  registerControl(app, portal)
  await registerPages(app, portal)
  app.addHook('onClose', async () => saver?.flush())
  return { app, portal, generated: { webhook: !webhookFromEnv, apiKey: !apiKeyFromEnv }, dataFile }
}

/** Starts the emulator; `port: 0` picks a free port (see `url`). */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { app, portal, generated, dataFile } = await buildEmulator(options)
  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${host}:${port}`
  if (!options.quiet) {
    const label = options.portalName ? `Portal emulator: ${options.portalName}` : 'Portal emulator'
    console.info(`  ${label.padEnd(28)} ${url}  (data: ${dataFile ?? 'in memory'})`)
    // Printed because they were generated: set PORTAL_WEBHOOK / PORTAL_API_KEY to keep them fixed.
    if (generated.webhook)
      console.info(`  Inbound webhook (user 1)     ${url}/rest/1/${portal.webhookSecret}/`)
    if (generated.apiKey)
      console.info(`  Vibecode gateway X-Api-Key   ${portal.apiKey}`)
  }
  return { app, portal, url, port, close: () => app.close() }
}
