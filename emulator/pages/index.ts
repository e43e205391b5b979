import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PortalHandle } from '../contract'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pageContext } from './context'
import { registerPagesApi } from './routes-api'
import { appPage } from './views/app-page'
import { cardPage } from './views/card'
import { listPage } from './views/list'
import { probePage } from './views/probe'
import { registerRecycleBinPage } from './views/recyclebin-routes'
import { startPage } from './views/start'

/**
 * This folder on disk. Under vitest's DOM environment import.meta.url is not a
 * file URL, so fall back to the repository layout (tests run from the root).
 */
const HERE = import.meta.url.startsWith('file:') ? dirname(fileURLToPath(import.meta.url)) : resolve('emulator/pages')

const js = (file: string) => ({ path: join(HERE, 'client', file), type: 'text/javascript' })

/** Static files of the pages: the plain-JS page script and styles, and the SDK's UMD build for the frame probe. */
const ASSET_FILES: Record<string, { path: string, type: string }> = {
  ...Object.fromEntries(['page.js', 'protocol.js', 'frame-host.js', 'commands.js', 'launch.js', 'slider.js', 'dialogs.js', 'faults.js', 'probe.js'].map(f => [f, js(f)])),
  'portal.css': { path: join(HERE, 'client', 'portal.css'), type: 'text/css' },
  'b24jssdk.js': { path: join(HERE, '../../node_modules/@bitrix24/b24jssdk/dist/umd/index.min.js'), type: 'text/javascript' },
}

function sendPage(reply: FastifyReply, result: { status: number, body: string }) {
  return reply.code(result.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(result.body)
}

/** Both `/path/` and `/path`, as Bitrix24 answers both. */
function paths(path: string): string[] {
  return [path, path.replace(/\/$/, '')]
}

/** Registers the portal pages (card, list, app page, start page, frame probe), their script and their JSON endpoints. */
export async function registerPages(app: FastifyInstance, portal: PortalHandle): Promise<void> {
  await app.register(async (scope) => {
    // The frame probe receives Bitrix24's form POST; its body is read in the browser, not here.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded'))
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body))

    scope.get('/emulator/pages/assets/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
      const asset = ASSET_FILES[req.params.file]
      if (!asset)
        return reply.code(404).send({ error: 'NOT_FOUND' })
      return reply.type(`${asset.type}; charset=utf-8`).header('cache-control', 'no-cache').send(await readFile(asset.path))
    })

    scope.get('/', async (req, reply) => sendPage(reply, startPage(portal, pageContext(req))))
    for (const path of paths('/marketplace/app/'))
      scope.get(path, async (req, reply) => sendPage(reply, appPage(portal, pageContext(req))))
    for (const path of paths('/crm/type/:entityTypeId/list/')) {
      scope.get(path, async (req: FastifyRequest<{ Params: { entityTypeId: string } }>, reply) =>
        sendPage(reply, listPage(portal, pageContext(req), Number(req.params.entityTypeId), req.url)))
    }
    for (const path of paths('/crm/type/:entityTypeId/details/:itemId/')) {
      scope.get(path, async (req: FastifyRequest<{ Params: { entityTypeId: string, itemId: string } }>, reply) =>
        sendPage(reply, cardPage(portal, pageContext(req), Number(req.params.entityTypeId), Number(req.params.itemId), req.url)))
    }
    for (const path of paths('/emulator/pages/probe/'))
      scope.route({ method: ['GET', 'POST'], url: path, handler: async (_req, reply) => sendPage(reply, probePage()) })

    registerRecycleBinPage(scope, portal, pageContext, sendPage)
    registerPagesApi(scope, portal)
  })
}
