/**
 * Starts what the e2e suite needs: the built widget behind the production
 * server, and the portal emulator: a fresh seed in a new temporary data file
 * every run. E2E_PORTAL_TOKEN_TTL (seconds) shortens the token lifetime,
 * E2E_PORTAL_EXTRA_TYPES adds smart processes, E2E_PORTAL_RATE_LIMIT=0 turns
 * the leaky bucket off; the webhook secret and API key are fixed
 * (E2E_PORTAL_WEBHOOK, E2E_PORTAL_API_KEY) so specs can use them.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildServer } from '../server/app.mjs'
import { startEmulator } from '../emulator/server'
import { E2E_APP_PORT, E2E_APP_URL, E2E_PORTAL_B_PORT, E2E_PORTAL_B_URL, E2E_PORTAL_PORT, E2E_PORTAL_URL } from '../e2e/ports'

// The CSP lets the emulator frame the app and receive its REST calls, as a portal would.
const app = await buildServer({ distDir: process.env.E2E_DIST_DIR ?? 'dist', devPortalOrigins: [E2E_PORTAL_URL, E2E_PORTAL_B_URL] })
await app.listen({ port: E2E_APP_PORT, host: 'localhost' })
const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined)
await startEmulator({
  port: E2E_PORTAL_PORT,
  appUrl: E2E_APP_URL,
  dataFile: join(mkdtempSync(join(tmpdir(), 'sps-e2e-portal-')), 'portal.json'),
  reset: true,
  tokenTtlSeconds: env('E2E_PORTAL_TOKEN_TTL'),
  extraTypes: env('E2E_PORTAL_EXTRA_TYPES'),
  webhookSecret: process.env.E2E_PORTAL_WEBHOOK ?? 'e2e-webhook-secret',
  apiKey: process.env.E2E_PORTAL_API_KEY ?? 'e2e-api-key',
  faults: process.env.E2E_PORTAL_RATE_LIMIT === '0' ? { rateLimit: false } : {},
  quiet: true,
})
// Portal B: the standard CRM types and no smart processes, for importing a setup made on the first.
await startEmulator({
  port: E2E_PORTAL_B_PORT,
  appUrl: E2E_APP_URL,
  dataFile: join(mkdtempSync(join(tmpdir(), 'sps-e2e-portal-b-')), 'portal.json'),
  reset: true,
  seed: 'standard',
  portalName: 'Portal B',
  webhookSecret: process.env.E2E_PORTAL_WEBHOOK ?? 'e2e-webhook-secret',
  apiKey: process.env.E2E_PORTAL_API_KEY ?? 'e2e-api-key',
  quiet: true,
})
console.info(`e2e: app ${E2E_APP_URL}, portal http://127.0.0.1:${E2E_PORTAL_PORT}, portal B ${E2E_PORTAL_B_URL}`)
