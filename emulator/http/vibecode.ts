/**
 * The vibecode gateway of seeds 000, 001 and 004 on the same model:
 * `/v1/smart-processes` (POST, GET list, GET one, PATCH, DELETE → 204),
 * `GET /v1/smart-processes/fields`, `POST /v1/items/:entityTypeId/aggregate`.
 * `X-Api-Key` auth; envelope `{success: true, data}` or
 * `{success: false, error: {code, message}}`. Booleans on this wire; relation
 * records and linkedUserFields keep "Y"/"N" as seed 000 shows them.
 *
 * Choices the seeds leave open: POST answers 201; the list answers
 * `data: [rows]` (rows without relations, as crm.type.list) and `total`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Portal } from '../model/portal'
import type { TypeRecord } from '../model/state'
import { LINKED_USER_FIELD_KEYS, readableFlags } from '../../src/domain/flags'
import { formatPortalTime } from '../model/clock'
import { RestError } from '../model/errors'
import { countItems } from '../model/items'
import { relationsOf } from '../model/relations'
import { typeExists } from '../model/state'
import { relationsToWire, typeFieldsDescription } from '../model/type-wire'
import { vibecodeTypeInput } from '../model/type-input'
import { addType, deleteType, touchInitialized, updateType } from '../model/types'
import { isCrmAdmin } from '../model/users'
import { isRecord } from '../model/wire'
import { sleep } from './body'

/** Seed 000: the gateway takes and returns 17 flags (the REST 14, isRecurringEnabled, isPaymentsEnabled, isCountersEnabled). */
const V1_FLAGS = readableFlags('vibecode')

class GatewayError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** A type as the gateway prints it (seed 000 "Response example"). */
export function typeToV1(portal: Portal, rec: TypeRecord, full: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: rec.id,
    entityTypeId: rec.entityTypeId,
    title: rec.title,
    code: rec.code === '' ? null : rec.code,
    createdBy: rec.createdBy,
    createdTime: formatPortalTime(rec.createdTime),
    updatedTime: formatPortalTime(rec.updatedTime),
    updatedBy: rec.updatedBy,
    customSectionId: rec.customSectionId,
  }
  for (const key of V1_FLAGS)
    data[key] = rec.flags[key]
  data.isInitialized = rec.isInitialized
  if (full) {
    data.relations = relationsToWire(relationsOf(portal.ctx.state, rec.entityTypeId))
    data.linkedUserFields = Object.fromEntries(LINKED_USER_FIELD_KEYS.map(k => [k, rec.linkedUserFields[k] ? 'Y' : 'N']))
  }
  return data
}

/** Bitrix24's error, passed through as 422 BITRIX_ERROR; the range message as seed 000 prints it. */
function bitrixError(e: RestError): GatewayError {
  const message = e.code === 'INVALID_ARG_VALUE' && /out of allowed range/.test(e.message)
    ? 'EntityTypeId should be more or equal than 128 and less than 192'
    : e.message
  return new GatewayError(422, 'BITRIX_ERROR', message)
}

const notFound = (id: string | number) =>
  new GatewayError(404, 'SMART_PROCESS_NOT_FOUND', `Smart process with entityTypeId=${id} not found`)

export function registerVibecode(app: FastifyInstance, portal: Portal): void {
  /** The key owner (user 1), or the user of an OAuth app's `Authorization: Bearer` session token. */
  const authorize = (req: FastifyRequest): number => {
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || key === '')
      throw new GatewayError(401, 'MISSING_API_KEY', 'The X-Api-Key header was not passed')
    const restricted = portal.restrictedApiKeys[key]
    if (restricted === 'no_scope')
      throw new GatewayError(403, 'SCOPE_DENIED', 'The API key does not have the crm scope')
    if (restricted === 'no_tokens')
      throw new GatewayError(401, 'TOKEN_MISSING', 'The API key has no configured tokens')
    if (key !== portal.apiKey)
      throw new GatewayError(401, 'INVALID_API_KEY', 'The key was not found or was revoked')
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]
    if (bearer) {
      try {
        return portal.authenticate(bearer)
      }
      catch {
        // Not one of this portal's session tokens: act as the key owner.
      }
    }
    return 1
  }

  const findByEntityTypeId = (raw: string): TypeRecord => {
    const rec = portal.ctx.state.types.find(t => String(t.entityTypeId) === raw)
    if (!rec)
      throw notFound(raw)
    return rec
  }

  const requireAdmin = (userId: number) => {
    // The gateway calls crm.type.* as the user: CRM admin rights (crm-type-add.md).
    if (!isCrmAdmin(userId))
      throw new GatewayError(422, 'BITRIX_ERROR', 'Access denied')
  }

  type Handler = (req: FastifyRequest, userId: number) => { status: number, data?: unknown, extra?: Record<string, unknown>, write?: boolean }
  const route = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, handler: Handler) => {
    app.route({
      method,
      url,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const start = Date.now()
        let status: number
        let payload: unknown
        let userId: number | null = null
        try {
          userId = authorize(req)
          const out = handler(req, userId)
          if (out.write)
            portal.changed()
          status = out.status
          payload = status === 204 ? undefined : { success: true, data: out.data, ...out.extra }
        }
        catch (e) {
          const err = e instanceof GatewayError ? e : e instanceof RestError ? bitrixError(e) : null
          if (!err)
            throw e
          status = err.status
          payload = { success: false, error: { code: err.code, message: err.message } }
        }
        portal.log.add({ at: new Date(start).toISOString(), via: 'v1', method: `${method} ${url}`, userId, status, durationMs: Date.now() - start })
        await sleep(portal.faults.latencyMs)
        reply.code(status)
        return status === 204 ? reply.send() : reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(payload))
      },
    })
  }

  const body = (req: FastifyRequest): Record<string, unknown> => (isRecord(req.body) ? { ...req.body } : {})
  type P = { entityTypeId: string }

  route('GET', '/v1/smart-processes/fields', () => {
    return { status: 200, data: typeFieldsDescription(V1_FLAGS) }
  })
  route('GET', '/v1/smart-processes', () => {
    const rows = portal.ctx.state.types.map(t => typeToV1(portal, t, false))
    return { status: 200, data: rows, extra: { total: rows.length } }
  })
  route('POST', '/v1/smart-processes', (req, userId) => {
    requireAdmin(userId)
    const rec = addType(portal.ctx, userId, vibecodeTypeInput(body(req), V1_FLAGS))
    return { status: 201, data: typeToV1(portal, rec, true), write: true }
  })
  route('GET', '/v1/smart-processes/:entityTypeId', (req) => {
    const rec = findByEntityTypeId((req.params as P).entityTypeId)
    touchInitialized(rec)
    return { status: 200, data: typeToV1(portal, rec, true) }
  })
  route('PATCH', '/v1/smart-processes/:entityTypeId', (req, userId) => {
    const rec = findByEntityTypeId((req.params as P).entityTypeId)
    const changes = body(req)
    // entityTypeId is immutable (seed 001).
    delete changes.entityTypeId
    delete changes.id
    // An empty body answers 200 with the current state and changes nothing (seed 001).
    if (Object.keys(changes).length === 0) {
      touchInitialized(rec)
      return { status: 200, data: typeToV1(portal, rec, true) }
    }
    requireAdmin(userId)
    return { status: 200, data: typeToV1(portal, updateType(portal.ctx, userId, rec.id, vibecodeTypeInput(changes, V1_FLAGS)), true), write: true }
  })
  route('DELETE', '/v1/smart-processes/:entityTypeId', (req, userId) => {
    const rec = findByEntityTypeId((req.params as P).entityTypeId)
    requireAdmin(userId)
    deleteType(portal.ctx, rec.id)
    return { status: 204, write: true }
  })
  route('POST', '/v1/items/:entityTypeId/aggregate', (req) => {
    const raw = (req.params as P).entityTypeId
    const id = Number(raw)
    if (!Number.isInteger(id) || !typeExists(portal.ctx.state, id))
      throw notFound(raw)
    return { status: 200, data: { count: countItems(portal.ctx, id) } }
  })
}
