/**
 * `npm run dev`: the app (Vite, APP_PORT, default 5173) and the portal
 * emulator (PORTAL_PORT, default 5174, on 127.0.0.1) in one process. Prints
 * the portal URL to open: the app page, where the admin installs the app.
 * `npm run dev -- --prod` builds the app and serves dist/ through the
 * production server (server/app.mjs) instead of Vite, as a portal would load it.
 *
 * `npm run dev -- --portals 2` starts a second portal beside the first, for
 * trying a setup copied from one portal to another: Portal A is the usual one
 * (demo seed, PORTAL_PORT, PORTAL_DATA or .data/portal.json); Portal B has the
 * standard CRM types and their items but no smart process yet, so everything
 * copied over is new there and easy to see (PORTAL_B_PORT, default
 * PORTAL_PORT + 1; PORTAL_B_DATA, default .data/portal-b.json). Each keeps its
 * own data file and shows its name on its pages; one app serves both.
 */
import { build, createServer } from 'vite'
import { startEmulator } from '../emulator/server'
import { buildServer } from '../server/app.mjs'

/** `--portals 2` or `--portals=2`; 1 when absent. */
function portalCount(argv: string[]): number {
  const i = argv.findIndex(a => a === '--portals' || a.startsWith('--portals='))
  if (i < 0)
    return 1
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]
  const n = Number(raw)
  if (n !== 1 && n !== 2) {
    console.error(`--portals takes 1 or 2 (got ${raw ?? 'nothing'})`)
    process.exit(1)
  }
  return n
}

const portals = portalCount(process.argv)
const appPort = Number(process.env.APP_PORT ?? 5173)
const portalPort = Number(process.env.PORTAL_PORT ?? 5174)
const portalBPort = Number(process.env.PORTAL_B_PORT ?? portalPort + 1)
const appUrl = `http://localhost:${appPort}/`
const portalOrigins = [`http://127.0.0.1:${portalPort}`, ...(portals === 2 ? [`http://127.0.0.1:${portalBPort}`] : [])]

process.env.VITE_PORTAL_PORT = String(portalPort)
if (process.argv.includes('--prod')) {
  await build()
  // DEV_PORTAL_ORIGIN: the emulator may frame the app and receive its REST calls (server/csp.mjs).
  const server = await buildServer({ distDir: 'dist', logger: true, devPortalOrigins: process.env.DEV_PORTAL_ORIGIN ? [process.env.DEV_PORTAL_ORIGIN] : portalOrigins })
  await server.listen({ port: appPort, host: 'localhost' })
}
else {
  const vite = await createServer({ server: { port: appPort, strictPort: true, host: 'localhost' } })
  await vite.listen()
}
// --reset (or PORTAL_RESET=1) starts the portal(s) from the seed again.
const reset = process.argv.includes('--reset') || undefined
const names = { a: 'Portal A — demo', b: 'Portal B — no smart processes yet' }
await startEmulator({ port: portalPort, appUrl, reset, ...(portals === 2 ? { portalName: names.a } : {}) })
if (portals === 2)
  await startEmulator({ port: portalBPort, appUrl, reset, portalName: names.b, seed: 'standard', dataFile: process.env.PORTAL_B_DATA ?? '.data/portal-b.json' })

console.info(`\n  Smart Process Studio (app)   ${appUrl}`)
if (portals === 2) {
  console.info(`  ${names.a.padEnd(34)} http://127.0.0.1:${portalPort}/marketplace/app/   ← open this`)
  console.info(`  ${names.b.padEnd(34)} http://127.0.0.1:${portalBPort}/marketplace/app/   ← and this, to copy a setup over\n`)
}
else {
  console.info(`  Emulated Bitrix24 portal     http://127.0.0.1:${portalPort}/marketplace/app/   ← open this\n`)
}
