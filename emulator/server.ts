import Fastify from 'fastify'

export interface EmulatorOptions {
  port: number
  host?: string
  /** Where the app is served; the portal pages iframe and POST this URL. */
  appUrl: string
}

/** The portal emulator's HTTP server (skeleton: REST, pages and /v1 come from emulator/http and emulator/pages). */
export async function startEmulator(options: EmulatorOptions) {
  const app = Fastify({ logger: false })
  app.get('/healthz', async () => ({ ok: true }))
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' })
  return app
}
