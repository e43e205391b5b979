/** The recycle bin page's routes: GET the page, POST restore / erase / empty from its forms, then 303 back to it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import { href } from '../context'
import { RECYCLEBIN_PATH, recycleBinPage } from './recyclebin'

type Send = (reply: FastifyReply, result: { status: number, body: string }) => FastifyReply

/** A form field as a whole number; the body is parsed already, or a raw form string (the pages' own parser). */
function numberField(req: FastifyRequest, name: string): number | undefined {
  const value = typeof req.body === 'string' ? new URLSearchParams(req.body).get(name) ?? undefined : (req.body as Record<string, unknown> | null)?.[name]
  const n = Number(value)
  return value === undefined || value === '' || !Number.isInteger(n) ? undefined : n
}

export function registerRecycleBinPage(app: FastifyInstance, portal: PortalHandle, context: (req: FastifyRequest) => PageContext, send: Send): void {
  for (const path of [RECYCLEBIN_PATH, RECYCLEBIN_PATH.replace(/\/$/, '')])
    app.get(path, async (req, reply) => send(reply, recycleBinPage(portal, context(req))))
  const back = (req: FastifyRequest, reply: FastifyReply) => reply.code(303).header('location', href(context(req), RECYCLEBIN_PATH)).send()
  app.post(`${RECYCLEBIN_PATH}restore`, async (req, reply) => {
    portal.recycleBin.restore(numberField(req, 'entityTypeId') ?? -1, numberField(req, 'id') ?? -1)
    return back(req, reply)
  })
  app.post(`${RECYCLEBIN_PATH}erase`, async (req, reply) => {
    portal.recycleBin.erase(numberField(req, 'entityTypeId') ?? -1, numberField(req, 'id') ?? -1)
    return back(req, reply)
  })
  app.post(`${RECYCLEBIN_PATH}empty`, async (req, reply) => {
    portal.recycleBin.empty(numberField(req, 'entityTypeId'))
    return back(req, reply)
  })
}
