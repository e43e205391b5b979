// @ts-check
/**
 * `npm start`: the production handler server. Configuration from the
 * environment (server/config.mjs): PORT, HOST, ALLOWED_PORTALS, BODY_LIMIT,
 * DIST_DIR, and DEV_PORTAL_ORIGIN for the emulator in dev only.
 * On SIGTERM/SIGINT it stops accepting, lets requests in flight finish and
 * exits; a hard deadline keeps a stuck socket from holding a rolling deploy.
 */
import { buildServer } from './app.mjs'
import { readConfig } from './config.mjs'

const SHUTDOWN_DEADLINE_MS = 10_000

let config
try {
  config = readConfig(process.env)
}
catch (error) {
  console.error(`Configuration: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}

const app = await buildServer({ ...config, logger: true })
if (config.devPortalOrigins.length > 0 && process.env.NODE_ENV === 'production')
  app.log.warn('DEV_PORTAL_ORIGIN is set in production: the emulator origin may embed the app')

await app.listen({ port: config.port, host: config.host })

let closing = false
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (closing)
      return
    closing = true
    app.log.info({ signal }, 'shutting down')
    setTimeout(() => {
      app.log.error('shutdown deadline passed, exiting')
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS).unref()
    app.close().then(() => process.exit(0), (error) => {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    })
  })
}
