/**
 * The recycle bin on the control API (loopback only, like the rest of
 * /emulator/api): `GET /emulator/api/recyclebin` → `{entries}`,
 * `POST /emulator/api/recyclebin/empty {entityTypeId?}` → `{erased}`,
 * `POST /emulator/api/recyclebin/restore {entityTypeId, id}` → `{item}`.
 * Items get into the bin by crm.item.delete (model/recycle-bin.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Portal } from '../model/portal'
import { RestError } from '../model/errors'
import { itemToWire } from '../model/items'
import { binEntries, binEntryToJson, emptyBin, restoreFromBin } from '../model/recycle-bin'
import { isRecord, parseIntLoose } from '../model/wire'

export function registerRecycleBinControl(app: FastifyInstance, portal: Portal, base: string): void {
  const body = (req: FastifyRequest) => (isRecord(req.body) ? req.body : {})

  app.get(`${base}/recyclebin`, async () => ({ entries: binEntries(portal.ctx.state).map(binEntryToJson) }))
  app.post(`${base}/recyclebin/empty`, async (req) => {
    const erased = emptyBin(portal.ctx.state, parseIntLoose(body(req).entityTypeId))
    portal.changed()
    return { erased }
  })
  app.post(`${base}/recyclebin/restore`, async (req, reply) => {
    try {
      const item = restoreFromBin(portal.ctx, parseIntLoose(body(req).entityTypeId) ?? -1, parseIntLoose(body(req).id) ?? -1)
      portal.changed()
      return { item: itemToWire(item) }
    }
    catch (e) {
      if (e instanceof RestError)
        return reply.code(404).send(e.toBody())
      throw e
    }
  })
}
