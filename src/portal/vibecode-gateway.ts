/**
 * SmartProcessGateway over the vibecode HTTP gateway (`/v1/...`, seeds 000,
 * 001, 004; docs/platform.md "Vibecode gateway"), for use outside a portal frame. The API key goes
 * in the `X-Api-Key` header only: never in a URL, a log or an error.
 */
import type { BindOutcome, CrmTypeName, CurrentUser, NewType, PlacementBinding, SmartProcessType, TypeChanges, TypeRef } from '@/domain/types'
import type { PlacementSnapshot, SmartProcessGateway } from './gateway'
import { standardTypeNames } from '@/domain/entity-type-id'
import { AppError } from '@/domain/errors'
import { explainDeleteRefusal } from './delete-refusal'
import { isRecord, pick, readBool, readInt, readStringOrNull } from './wire-common'
import {
  parseVibecodeCount,
  parseVibecodeType,
  parseVibecodeTypePage,
  toVibecodeChanges,
  toVibecodeNewType,
  unwrapSuccess,
  vibecodeError,
} from './vibecode-wire'

export interface VibecodeGatewayOptions {
  /** e.g. `https://vibecode.bitrix24.tech` or the emulator's origin; `/v1/...` is appended. */
  baseUrl: string
  apiKey: string
  /** The user's session token for OAuth apps (`Authorization: Bearer`); a function is asked before each request. */
  bearer?: string | (() => string | Promise<string>)
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Per request. @default 15000 */
  timeoutMs?: number
  /** Where the current user is read. @default '/v1/users/current' */
  currentUserPath?: string
}


const MAX_PAGES = 200

function noPlacements(method: string): never {
  // The /v1 gateway has no placement.* equivalent (seeds 000–004 list none):
  // binding widgets needs the portal REST inside a frame.
  throw new AppError({ code: 'not_supported', detail: `${method}: no /v1 equivalent; placements need the portal REST API` })
}

function isAbortLike(e: unknown, name: string): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === name
}

/** Builds the gateway. Nothing is requested until a method is called. */
export function createVibecodeGateway(options: VibecodeGatewayOptions): SmartProcessGateway {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeoutMs = options.timeoutMs ?? 15000
  const currentUserPath = options.currentUserPath ?? '/v1/users/current'

  async function headers(hasBody: boolean): Promise<Record<string, string>> {
    const h: Record<string, string> = { 'X-Api-Key': options.apiKey, 'Accept': 'application/json' }
    if (hasBody)
      h['Content-Type'] = 'application/json'
    const bearer = typeof options.bearer === 'function' ? await options.bearer() : options.bearer
    if (bearer)
      h.Authorization = `Bearer ${bearer}`
    return h
  }

  /** One request; resolves to the envelope's `data` (undefined for 204), throws AppError otherwise. */
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: await headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    }
    catch (e) {
      if (isAbortLike(e, 'TimeoutError') || isAbortLike(e, 'AbortError'))
        throw new AppError({ code: 'timeout', retryable: true, detail: `${method} ${path}` })
      throw new AppError({ code: 'network', retryable: true, detail: `${method} ${path}` })
    }
    if (res.status === 204)
      return undefined
    let parsed: unknown
    try {
      const text = await res.text()
      parsed = text === '' ? undefined : JSON.parse(text)
    }
    catch (e) {
      if (isAbortLike(e, 'TimeoutError') || isAbortLike(e, 'AbortError'))
        throw new AppError({ code: 'timeout', retryable: true, detail: `${method} ${path}` })
      if (!res.ok)
        throw vibecodeError(res.status, null)
      throw new AppError({ code: 'malformed_response', status: res.status, detail: `${method} ${path}: body is not JSON` })
    }
    const ok = res.ok ? unwrapSuccess(parsed) : null
    if (ok)
      return ok.data
    if (res.ok && !(isRecord(parsed) && parsed.success === false))
      throw new AppError({ code: 'malformed_response', status: res.status, detail: `${method} ${path}: no success envelope` })
    throw vibecodeError(res.status, parsed)
  }

  async function getType(entityTypeId: number): Promise<SmartProcessType> {
    return parseVibecodeType(await request('GET', `/v1/smart-processes/${entityTypeId}`))
  }

  /** Create and update answers may omit relations and linkedUserFields (seed 001's example): read them. */
  async function complete(type: SmartProcessType): Promise<SmartProcessType> {
    if (type.relations && type.linkedUserFields)
      return type
    return getType(type.entityTypeId)
  }

  async function listTypes(): Promise<SmartProcessType[]> {
    const out: SmartProcessType[] = []
    let start: number | null = 0
    for (let page = 0; start !== null && page < MAX_PAGES; page++) {
      const query: string = start > 0 ? `?start=${start}` : ''
      const { types, next }: { types: SmartProcessType[], next: number | null } = parseVibecodeTypePage(await request('GET', `/v1/smart-processes${query}`))
      out.push(...types)
      start = types.length > 0 && next !== null && next > start ? next : null
    }
    // Rows omit relations and linkedUserFields (docs/platform.md "linkedUserFields"), whatever a gateway adds.
    return out.map(({ relations: _r, linkedUserFields: _l, ...row }) => row)
  }

  async function currentUser(): Promise<CurrentUser> {
    try {
      const data = await request('GET', currentUserPath)
      if (!isRecord(data))
        throw new AppError({ code: 'malformed_response', detail: 'user is not an object' })
      const id = readInt(pick(data, 'id'))
      if (id === undefined)
        throw new AppError({ code: 'malformed_response', detail: 'user without id' })
      const name = [readStringOrNull(pick(data, 'name')), readStringOrNull(pick(data, 'lastName') ?? pick(data, 'last_name'))].filter(Boolean).join(' ')
      const isAdmin = readBool(pick(data, 'isAdmin') ?? pick(data, 'admin')) ?? false
      return { id, name, isAdmin, canEditTypes: isAdmin }
    }
    catch (e) {
      // The seeds document no user endpoint. With a personal key the user is
      // the key's holder, who passed crm.type.* (admin-only, crm.type.* docs);
      // with an OAuth session we cannot tell, so read-only is the safe answer.
      // The portal enforces every write either way.
      if (e instanceof AppError && e.code === 'not_found')
        return { id: 0, name: '', isAdmin: options.bearer === undefined, canEditTypes: options.bearer === undefined }
      throw e
    }
  }

  async function listTypeNames(): Promise<CrmTypeName[]> {
    const types = await listTypes()
    return [
      ...standardTypeNames(),
      ...types.map(t => ({ entityTypeId: t.entityTypeId, title: t.title, isStandard: false })),
    ]
  }

  async function countItems(entityTypeId: number): Promise<number> {
    // seed 004: POST /v1/items/:entityTypeId/aggregate {"count": true}
    return parseVibecodeCount(await request('POST', `/v1/items/${entityTypeId}/aggregate`, { count: true }))
  }

  async function createType(input: NewType): Promise<SmartProcessType> {
    const created = parseVibecodeType(await request('POST', '/v1/smart-processes', toVibecodeNewType(input)))
    return complete(created)
  }

  async function updateType(ref: TypeRef, changes: TypeChanges): Promise<SmartProcessType> {
    const updated = parseVibecodeType(await request('PATCH', `/v1/smart-processes/${ref.entityTypeId}`, toVibecodeChanges(changes)))
    return complete(updated)
  }

  return {
    kind: 'vibecode',
    listTypes,
    getType,

    createType,

    updateType,

    async deleteType(ref: TypeRef) {
      try {
        await request('DELETE', `/v1/smart-processes/${ref.entityTypeId}`)
      }
      catch (e) {
        throw await explainDeleteRefusal(e, () => countItems(ref.entityTypeId))
      }
    },

    countItems,

    async listPlacements(): Promise<PlacementBinding[]> {
      return noPlacements('listPlacements')
    },
    async bindPlacements(): Promise<Map<string, BindOutcome>> {
      return noPlacements('bindPlacements')
    },
    async unbindPlacements(): Promise<void> {
      return noPlacements('unbindPlacements')
    },

    currentUser,

    listTypeNames,

    async loadPlacement(entityTypeId: number): Promise<PlacementSnapshot> {
      // No batch on /v1: three requests in parallel, well inside 300/min.
      const [type, typeNames, user] = await Promise.all([getType(entityTypeId), listTypeNames(), currentUser()])
      // No pipelines on /v1 (seeds 000–004): the portal's own refusal tells instead.
      return { type, typeNames, user, pipelines: null }
    },

    // No pipelines or stages on /v1 (seeds 000–004): read as null, written as not_supported.
    readTarget: entityTypeIds => import('./vibecode-setup').then(m => m.readVibecodeTarget({ listTypes, getType }, entityTypeIds)),

    readTypes: (entityTypeIds, read) => import('./vibecode-setup').then(m => m.readVibecodeTypes({ listTypes, getType }, entityTypeIds, read)),

    applyWrites: (writes, onProgress) => import('./vibecode-setup').then(m => m.applyVibecodeWrites({ createType, updateType }, writes, onProgress)),

    // No storage on /v1 (seeds 000–004): the history needs the portal's entity.* (docs/platform.md "App storages").
    openJournal: async () => {
      throw new AppError({ code: 'not_supported', detail: 'history: no /v1 equivalent; it lives in the portal\'s app storage' })
    },
  }
}
