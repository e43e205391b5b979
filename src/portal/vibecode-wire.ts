/**
 * The vibecode gateway's wire (seeds 000, 001, 004; docs/platform.md "Vibecode gateway"): JSON
 * booleans for flags, but relations' isChildrenListEnabled and
 * linkedUserFields values as "Y"/"N" (seed 000, "Relations and user
 * fields"); every answer in an envelope `{success, data}` or
 * `{success: false, error: {code, message}}`. Pure; vibecode-gateway.ts does
 * the I/O.
 */
import type { AppErrorCode } from '@/domain/errors'
import type { NewType, RelationSet, SmartProcessType, TypeChanges } from '@/domain/types'
import { AppError } from '@/domain/errors'
import type { OutgoingSpelling } from './wire-common'
import { isRecord, malformed, newTypeToWire, parseTypeRecord, pick, readInt, typeChangesToWire, yn } from './wire-common'

/** A type from a /v1/smart-processes answer's `data`. Throws `malformed_response` on garbage. */
export function parseVibecodeType(data: unknown): SmartProcessType {
  return parseTypeRecord(data)
}

/** One page of GET /v1/smart-processes. */
export interface VibecodeTypePage {
  types: SmartProcessType[]
  /** Where the next page starts, when the answer says there is one. */
  next: number | null
}

const LIST_KEYS = ['items', 'types', 'smartProcesses', 'result'] as const

/**
 * A list answer's `data`: a bare array, or an object holding the rows under
 * `items` / `types` / `smartProcesses` / `result`, with an optional `next`.
 * The seeds do not show the list's shape, so all of these are read.
 */
export function parseVibecodeTypePage(data: unknown): VibecodeTypePage {
  if (Array.isArray(data))
    return { types: data.map(parseTypeRecord), next: null }
  if (isRecord(data)) {
    for (const key of LIST_KEYS) {
      const rows = pick(data, key)
      if (Array.isArray(rows))
        return { types: rows.map(parseTypeRecord), next: readInt(pick(data, 'next')) ?? null }
    }
  }
  malformed('type list is not an array')
}

/** The item count of an aggregate answer's `data`: `{count}`, `{total}` or a bare number. */
export function parseVibecodeCount(data: unknown): number {
  const direct = readInt(data)
  if (direct !== undefined && direct >= 0)
    return direct
  if (isRecord(data)) {
    const n = readInt(pick(data, 'count')) ?? readInt(pick(data, 'total'))
    if (n !== undefined && n >= 0)
      return n
    const nested = pick(data, 'result') ?? pick(data, 'aggregate')
    if (nested !== undefined && nested !== data)
      return parseVibecodeCount(nested)
  }
  malformed('no item count in the answer')
}

function relationsToWire(relations: RelationSet) {
  const side = (list: RelationSet['parent']) => list.map(r => ({ entityTypeId: r.entityTypeId, isChildrenListEnabled: yn(r.isChildrenListEnabled) }))
  return { parent: side(relations.parent), child: side(relations.child) }
}

// Flags as JSON booleans; relations and linkedUserFields whole, as full overwrites (seed 001).
// linkedUserFields as "Y"/"N" (seed 000).
const VIBECODE: OutgoingSpelling = { kind: 'vibecode', flag: v => v, relations: relationsToWire, linkedField: yn }

/** PATCH /v1/smart-processes/:entityTypeId body: only the keys given (`{}` changes nothing, seed 001). */
export function toVibecodeChanges(changes: TypeChanges): Record<string, unknown> {
  return typeChangesToWire(changes, VIBECODE)
}

/** POST /v1/smart-processes body. */
export function toVibecodeNewType(input: NewType): Record<string, unknown> {
  return newTypeToWire(input, VIBECODE)
}

/** The envelope of a successful answer, or null when the body is not one. */
export function unwrapSuccess(body: unknown): { data: unknown } | null {
  if (isRecord(body) && body.success === true)
    return { data: body.data }
  return null
}

/**
 * The AppError for a failed /v1 answer: the envelope's error code first
 * (docs/platform.md "Vibecode gateway"), the HTTP status when the body
 * says nothing usable. Texts are never matched.
 */
export function vibecodeError(status: number, body: unknown): AppError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null
  const wireCode = err && typeof err.code === 'string' ? err.code : ''
  const message = err && typeof err.message === 'string' ? err.message.slice(0, 500) : ''
  const make = (code: AppErrorCode, retryable = false) => new AppError({ code, status, retryable, detail: message || wireCode, wireCode })

  switch (wireCode) {
    case 'MISSING_API_KEY':
    case 'INVALID_API_KEY':
    case 'TOKEN_MISSING':
      return make('invalid_token')
    case 'SCOPE_DENIED':
      return make('access_denied')
    case 'SMART_PROCESS_NOT_FOUND':
      return make('not_found')
    // The portal's own refusal, in its language: told by the caller from facts (items counted), never by its text.
    case 'BITRIX_ERROR':
      return make('validation')
  }
  // 300 requests a minute (docs/platform.md "Vibecode gateway"): waiting helps.
  if (status === 429 || /RATE_LIMIT|TOO_MANY/i.test(wireCode))
    return make('rate_limited', true)
  if (status === 401)
    return make('invalid_token')
  if (status === 403)
    return make('access_denied')
  if (status === 404)
    return make('not_found')
  if (status === 422 || status === 400)
    return make('validation')
  if (status >= 500)
    return make('unknown', true)
  return make(err ? 'unknown' : 'malformed_response')
}
