/**
 * Starts what the e2e suite needs: the built widget behind the production
 * server, and the portal emulator (fresh seed, fast token expiry off by default).
 */
import { buildServer } from '../server/app.mjs'
import { startEmulator } from '../emulator/server'
import { E2E_APP_PORT, E2E_APP_URL, E2E_PORTAL_PORT, E2E_PORTAL_URL } from '../e2e/ports'

// The CSP lets the emulator frame the app and receive its REST calls, as a portal would.
const app = await buildServer({ distDir: 'dist', devPortalOrigins: [E2E_PORTAL_URL] })
await app.listen({ port: E2E_APP_PORT, host: 'localhost' })
await startEmulator({ port: E2E_PORTAL_PORT, appUrl: E2E_APP_URL })
console.info(`e2e: app ${E2E_APP_URL}, portal http://127.0.0.1:${E2E_PORTAL_PORT}`)
