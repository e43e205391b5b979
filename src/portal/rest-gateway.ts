/**
 * SmartProcessGateway over portal REST (PLATFORM.md §1, §2, §4): crm.type.*,
 * crm.item.list, placement.*, user.*. Booleans in and out; the Y/N wire lives
 * in rest-wire.ts; every failure is an AppError (errors.ts). A placement's
 * first screen costs one batch request (DESIGN.md "Fast").
 */
import type { BindProgress, PlacementSnapshot, SmartProcessGateway } from './gateway'
import type { BatchRow, RestCall, RestClient } from './rest-client'
import type { BindOutcome, CrmTypeName, CurrentUser, PlacementBinding, PlacementBindRequest, SmartProcessType } from '@/domain/types'
import { AppError } from '@/domain/errors'
import { standardTypeNames } from '@/domain/entity-type-id'
import { BATCH_LIMIT, batchByChunk } from './rest-client'
import { parseRestType, parseRestTypeList, toRestChanges, toRestNewType } from './rest-wire'
import { isRecord, pick, readBool, readInt, readStringOrNull } from './wire-common'

/** crm.type.list pages by 50 rows (PLATFORM.md §1). */
const PAGE = 50

// Names of the standard CRM types (1, 2, 3, 4, 7, 31): crm.type.list lists only smart processes.
export { standardTypeNames }

function typeNamesOf(types: SmartProcessType[]): CrmTypeName[] {
  const seen = new Set<number>()
  const out = standardTypeNames()
  for (const t of out)
    seen.add(t.entityTypeId)
  for (const t of types) {
    if (seen.has(t.entityTypeId))
      continue
    seen.add(t.entityTypeId)
    out.push({ entityTypeId: t.entityTypeId, title: t.title, isStandard: false })
  }
  return out
}

function malformed(detail: string): never {
  throw new AppError({ code: 'malformed_response', detail })
}

/** The answer of a batch row, or its error thrown. */
function rowResult(rows: Record<string, BatchRow>, key: string): BatchRow & { ok: true } {
  const row = rows[key]
  if (!row)
    malformed(`batch row ${key} missing`)
  if (!row.ok)
    throw row.error
  return row
}

/** user.current + user.admin → CurrentUser. */
export function parseCurrentUser(user: unknown, admin: unknown): CurrentUser {
  if (!isRecord(user))
    malformed('user.current is not an object')
  const id = readInt(pick(user, 'ID'))
  if (id === undefined)
    malformed('user.current without ID')
  const name = [readStringOrNull(pick(user, 'NAME')), readStringOrNull(pick(user, 'LAST_NAME'))]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join(' ')
    .trim()
  const isAdmin = readBool(admin)
  if (isAdmin === undefined)
    malformed('user.admin is not a boolean')
  return { id, name: name || readStringOrNull(pick(user, 'EMAIL')) || `#${id}`, isAdmin }
}

/** placement.get rows → bindings (key case varies between portals). */
export function parsePlacementBindings(raw: unknown): PlacementBinding[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : malformed('placement.get is not a list')
  const out: PlacementBinding[] = []
  for (const row of rows) {
    if (!isRecord(row))
      continue
    const placement = readStringOrNull(pick(row, 'placement'))
    const handler = readStringOrNull(pick(row, 'handler'))
    if (!placement || !handler)
      continue
    out.push({ placement, handler, title: readStringOrNull(pick(row, 'title')) ?? '' })
  }
  return out
}

/** The params of one placement.bind (PLATFORM.md §4): TITLE plus LANG_ALL titles. */
export function bindParams(req: PlacementBindRequest): Record<string, unknown> {
  const langs = Object.entries(req.titles).filter(([, title]) => title.trim() !== '')
  const title = req.titles.en ?? langs[0]?.[1] ?? req.placement
  return {
    PLACEMENT: req.placement,
    HANDLER: req.handler,
    TITLE: title,
    LANG_ALL: Object.fromEntries(langs.map(([lang, t]) => [lang, { TITLE: t }])),
  }
}

const LIST_PARAMS = { order: { id: 'ASC' } }

/**
 * The REST adapter of the gateway over a RestClient (createSdkRestClient in
 * the portal, testing.ts in tests).
 */
export function createRestGateway(client: RestClient): SmartProcessGateway {
  async function getType(entityTypeId: number): Promise<SmartProcessType> {
    const { result } = await client.call('crm.type.getByEntityTypeId', { entityTypeId })
    return parseRestType(result)
  }

  async function countItems(entityTypeId: number): Promise<number> {
    const { result, total } = await client.call('crm.item.list', { entityTypeId, select: ['id'] })
    if (!isRecord(result) && !Array.isArray(result))
      malformed('crm.item.list without result')
    return total
  }

  async function currentUser(): Promise<CurrentUser> {
    const rows = await client.batch({ user: { method: 'user.current' }, admin: { method: 'user.admin' } })
    return parseCurrentUser(rowResult(rows, 'user').result, rowResult(rows, 'admin').result)
  }

  /** Pages of crm.type.list after the first, by `start`, 50 to a batch request. */
  async function restOfTypes(total: number): Promise<SmartProcessType[]> {
    const calls: Record<string, RestCall> = {}
    for (let start = PAGE; start < total; start += PAGE)
      calls[`page_${start}`] = { method: 'crm.type.list', params: { ...LIST_PARAMS, start } }
    const out: SmartProcessType[] = []
    const keys = Object.keys(calls)
    for (let i = 0; i < keys.length; i += BATCH_LIMIT) {
      const chunk = Object.fromEntries(keys.slice(i, i + BATCH_LIMIT).map(k => [k, calls[k]!]))
      const rows = await client.batch(chunk)
      for (const key of Object.keys(chunk))
        out.push(...parseRestTypeList(rowResult(rows, key).result))
    }
    return out
  }

  return {
    async listTypes() {
      // Cursor paging by id: offset paging can stop after 50 rows (PLATFORM.md §6).
      const rows = await client.callList('crm.type.list', {}, { idKey: 'id', customKeyForResult: 'types' })
      return parseRestTypeList(rows)
    },

    getType,

    async createType(input) {
      const { result } = await client.call('crm.type.add', { fields: toRestNewType(input) })
      return parseRestType(result)
    },

    async updateType(ref, changes) {
      // Only the keys present: relations and linkedUserFields overwrite whole (PLATFORM.md §1).
      const { result } = await client.call('crm.type.update', { id: ref.id, fields: toRestChanges(changes) })
      return parseRestType(result)
    },

    async deleteType(ref) {
      try {
        await client.call('crm.type.delete', { id: ref.id })
      }
      catch (e) {
        // The message says how many items block the delete (errors.has_items takes {count}).
        if (e instanceof AppError && e.code === 'has_items') {
          const count = await countItems(ref.entityTypeId).catch(() => null)
          if (count !== null)
            throw new AppError({ code: 'has_items', status: e.status ?? undefined, detail: e.detail, params: { count } })
        }
        throw e
      }
    },

    countItems,

    async listPlacements() {
      const { result } = await client.call('placement.get')
      return parsePlacementBindings(result)
    },

    async bindPlacements(requests, onProgress) {
      const calls: Record<string, RestCall> = {}
      const keyOf = new Map<string, string>()
      requests.forEach((req, i) => {
        const key = `bind_${i}`
        calls[key] = { method: 'placement.bind', params: bindParams(req) }
        keyOf.set(key, req.placement)
      })
      const report = (p: BindProgress) => onProgress?.(p)
      report({ done: 0, total: requests.length })
      const rows = await batchByChunk(client, calls, { halt: false, onChunk: report })
      const outcomes = new Map<string, BindOutcome>()
      for (const [key, placement] of keyOf) {
        const row = rows[key]
        const outcome: BindOutcome = row?.ok ? 'bound' : row?.error.code === 'already_bound' ? 'already_bound' : 'failed'
        outcomes.set(placement, outcome)
      }
      return outcomes
    },

    async unbindPlacements(bindings) {
      const calls: Record<string, RestCall> = {}
      bindings.forEach((b, i) => {
        calls[`unbind_${i}`] = { method: 'placement.unbind', params: { PLACEMENT: b.placement, HANDLER: b.handler } }
      })
      const rows = await batchByChunk(client, calls, { halt: false })
      const failed = Object.values(rows).find(r => !r.ok)
      if (failed && !failed.ok)
        throw failed.error
    },

    currentUser,

    async loadPlacement(entityTypeId): Promise<PlacementSnapshot> {
      // The first screen in one request (DESIGN.md "Fast"): the type with its
      // relations, the first page of all types, and the user.
      const rows = await client.batch({
        type: { method: 'crm.type.getByEntityTypeId', params: { entityTypeId } },
        types: { method: 'crm.type.list', params: { ...LIST_PARAMS, start: 0 } },
        user: { method: 'user.current' },
        admin: { method: 'user.admin' },
      })
      const type = parseRestType(rowResult(rows, 'type').result)
      const first = rowResult(rows, 'types')
      const user = parseCurrentUser(rowResult(rows, 'user').result, rowResult(rows, 'admin').result)
      let types = parseRestTypeList(first.result)
      // More than 50 types: the other pages in one more request per 2500 types.
      if (first.total > PAGE)
        types = types.concat(await restOfTypes(first.total))
      return { type, typeNames: typeNamesOf([...types, type]), user }
    },
  }
}
