/**
 * `npm run dev`: the app (Vite, APP_PORT, default 5173) and the portal
 * emulator (PORTAL_PORT, default 5174, on 127.0.0.1) in one process. Prints
 * the portal URL to open: the app page, where the admin installs the app.
 * `npm run dev -- --prod` builds the app and serves dist/ through the
 * production server (server/app.mjs) instead of Vite, as a portal would load it.
 */
import { build, createServer } from 'vite'
import { startEmulator } from '../emulator/server'
import { buildServer } from '../server/app.mjs'

const appPort = Number(process.env.APP_PORT ?? 5173)
const portalPort = Number(process.env.PORTAL_PORT ?? 5174)
const appUrl = `http://localhost:${appPort}/`

process.env.VITE_PORTAL_PORT = String(portalPort)
if (process.argv.includes('--prod')) {
  await build()
  // DEV_PORTAL_ORIGIN: the emulator may frame the app and receive its REST calls (server/csp.mjs).
  const server = await buildServer({ distDir: 'dist', logger: true, devPortalOrigins: [process.env.DEV_PORTAL_ORIGIN ?? `http://127.0.0.1:${portalPort}`] })
  await server.listen({ port: appPort, host: 'localhost' })
}
else {
  const vite = await createServer({ server: { port: appPort, strictPort: true, host: 'localhost' } })
  await vite.listen()
}
// --reset (or PORTAL_RESET=1) starts the portal from the seed again.
await startEmulator({ port: portalPort, appUrl, reset: process.argv.includes('--reset') || undefined })

console.info(`\n  Smart Process Studio (app)   ${appUrl}`)
console.info(`  Emulated Bitrix24 portal     http://127.0.0.1:${portalPort}/marketplace/app/   ← open this\n`)
