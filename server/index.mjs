import { buildServer } from './app.mjs'

const port = Number(process.env.PORT ?? 8080)
const host = process.env.HOST ?? '0.0.0.0'
const app = await buildServer({ logger: true })
await app.listen({ port, host })
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => app.close().then(() => process.exit(0)))
