/**
 * Every way a portal call can fail, turned into one AppError (DESIGN.md
 * "Portal"). Knows the wire's error codes and texts (docs/platform.md "Errors", "Frame") and
 * the shapes b24jssdk reports them in: a thrown `AjaxError`/`SdkError`
 * (`code`, `status`, `message`) or a failed `AjaxResult` (same error inside).
 * Duck-typed on purpose: no SDK import, so the vibecode adapter and the
 * test clients can use it too.
 */
import type { AppErrorCode } from '@/domain/errors'
import { AppError, isAppError } from '@/domain/errors'

/** An error as the wire or the SDK tells it. */
export interface WireError {
  /** The portal's `error` (`ACCESS_DENIED`, `expired_token`, ...) or the SDK's code. */
  code: string
  /** The portal's `error_description`, or the SDK's message. */
  description: string
  /** HTTP status; 0 when there was no answer. */
  status: number
}

/** Longest `detail` kept: enough for a portal message, not for a dumped body. */
const MAX_DETAIL = 500

/** Codes that mean "no answer reached us". */
const NETWORK_CODES = new Set(['NETWORK_ERROR', 'ERR_NETWORK', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET'])
const TIMEOUT_CODES = new Set(['REQUEST_TIMEOUT', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED'])
/** The SDK's own codes for an answer it could not read (docs/platform.md "Frame": a body without `time`). */
const MALFORMED_CODES = new Set(['JSSDK_UNKNOWN_ERROR', 'JSSDK_RESPONSE_ERROR', 'ERROR_UNEXPECTED_ANSWER', 'JSSDK_INTERNAL_AJAX_ERROR', 'JSSDK_FRAME_BAD_PAYLOAD', 'JSSDK_INTERACTION_BATCH_STRATEGY_V2_EMPTY_COMMAND_RESPONSE'])
/** The user lacks the right (docs/platform.md "Errors", "Rights"). */
const ACCESS_CODES = new Set(['ACCESS_DENIED', 'allowed_only_intranet_user', 'AUTHORIZE_ERROR', 'WRONG_AUTH_TYPE', 'INVALID_CREDENTIALS'])
/** Not found: crm.type.* answer error `0` (docs/platform.md "Errors"); the app never sends isExternal, the other use of `0`. */
const NOT_FOUND_CODES = new Set(['0', 'NOT_FOUND', 'ERROR_ENTITY_NOT_FOUND', 'ERROR_NOT_FOUND', 'ERROR_PLACEMENT_NOT_FOUND', 'ERROR_METHOD_NOT_FOUND'])
/** The refresh through the parent frame failed or timed out (docs/platform.md "Frame"). */
const REFRESH_FAILED_CODES = new Set(['JSSDK_FRAME_REFRESH_AUTH_TIMEOUT', 'JSSDK_FRAME_DISPOSED', 'NO_AUTH_FOUND'])

/** One wire code, one app error (docs/platform.md "Errors"). Codes not here fall to the status. */
const BY_CODE: Record<string, [AppErrorCode, boolean]> = {
  expired_token: ['expired_token', true],
  invalid_token: ['invalid_token', false],
  QUERY_LIMIT_EXCEEDED: ['rate_limited', true],
  OPERATION_TIME_LIMIT: ['rate_limited', true],
  OVERLOAD_LIMIT: ['rate_limited', true],
  insufficient_scope: ['insufficient_scope', false],
  user_access_error: ['app_access_denied', false],
  UPDATE_DYNAMIC_TYPE_RESTRICTED: ['plan_restricted', false],
  CREATE_DYNAMIC_TYPE_RESTRICTED: ['limit_exceeded', false],
  ERROR_BATCH_METHOD_NOT_ALLOWED: ['batch_not_allowed', false],
  ERROR_PLACEMENT_MAX_COUNT: ['placement_limit', false],
}

/** Drops anything that looks like a credential from a text before it is kept (it never should hold one). */
export function scrubDetail(text: string): string {
  const clean = text
    .replace(/\b(auth|access_token|refresh_token|AUTH_ID|REFRESH_ID|token|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1$2***')
    .trim()
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}…` : clean
}

function make(code: AppErrorCode, w: WireError, retryable: boolean): AppError {
  return new AppError({ code, status: w.status || undefined, retryable, detail: scrubDetail(w.description || w.code), wireCode: w.code })
}

/**
 * Maps one wire error to the app's error, by its code and HTTP status only:
 * the texts come in the portal's language (docs/platform.md "Errors"), so
 * they are kept as `detail` for the user to read, never matched. Refusals
 * that share a generic code (`BX_ERROR` for a delete with items, `ERROR_CORE`
 * for a handler already bound) are told apart by the caller, which can check
 * the facts (items counted, placement.get).
 */
export function wireErrorToAppError(w: WireError): AppError {
  const { code, status } = w
  if (REFRESH_FAILED_CODES.has(code))
    return make('expired_token', w, true)
  const known = BY_CODE[code]
  if (known)
    return make(known[0], w, known[1])
  if (status === 503 || status === 429)
    return make('rate_limited', w, true)
  if (ACCESS_CODES.has(code) || status === 403)
    return make('access_denied', w, false)
  if (NOT_FOUND_CODES.has(code) || status === 404)
    return make('not_found', w, false)
  if (TIMEOUT_CODES.has(code) || status === 408)
    return make('timeout', w, true)
  if (NETWORK_CODES.has(code))
    return make('network', w, true)
  if (MALFORMED_CODES.has(code))
    return make('malformed_response', w, false)
  // Anything else the portal refused with a 4xx (BX_ERROR, INVALID_ARG_VALUE, 100, ...) is a refusal of the input.
  if (status >= 400 && status < 500)
    return make('validation', w, false)
  return make('unknown', w, status >= 500 || status === 0)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

/** Reads `code`/`status`/`message` off an SDK error (AjaxError, SdkError) without importing the SDK; null for anything else. */
export function readSdkError(e: unknown): WireError | null {
  if (!(e instanceof Error) || isAppError(e) || !isRecord(e) || typeof e.code !== 'string')
    return null
  const statusRaw = (e as { status?: unknown }).status
  return { code: e.code, description: e.message, status: typeof statusRaw === 'number' ? statusRaw : 0 }
}

/** `response.data` and `status` of an axios error, when it has them. */
function readResponseBody(e: unknown): { data: unknown, status: number } | null {
  if (!isRecord(e) || !isRecord(e.response))
    return null
  const status = e.response.status
  return { data: e.response.data, status: typeof status === 'number' ? status : 0 }
}

/**
 * Any failure to an AppError: AppErrors pass through; SDK errors are mapped
 * by code and text; an SDK error that wraps a failed frame refresh becomes
 * `expired_token`; a TypeError or other bug while reading an answer becomes
 * `malformed_response`.
 */
export function mapPortalError(e: unknown): AppError {
  if (isAppError(e))
    return e
  const sdk = readSdkError(e)
  if (sdk) {
    // The SDK wraps a failed refreshAuth as JSSDK_UNKNOWN_ERROR; the real cause is kept (non-enumerable).
    const cause = (e as { originalError?: unknown }).originalError
    const inner = readSdkError(cause)
    if (inner && REFRESH_FAILED_CODES.has(inner.code))
      return wireErrorToAppError(inner)
    if (sdk.code === 'JSSDK_UNKNOWN_ERROR' && /refreshAuth/i.test(sdk.description))
      return wireErrorToAppError({ ...sdk, code: 'JSSDK_FRAME_REFRESH_AUTH_TIMEOUT' })
    // The SDK drops an error body whose code is a number (crm.type.get answers
    // 400 {"error": 0, "error_description": "... not found"}, docs/platform.md "Errors")
    // and keeps only axios' "Request failed with status code 400": read the body.
    if (sdk.code.startsWith('ERR_BAD_')) {
      const body = readResponseBody(cause)
      const fromBody = body && wireErrorFromBody(body.data, body.status)
      if (fromBody)
        return wireErrorToAppError(fromBody)
    }
    return wireErrorToAppError(sdk)
  }
  if (e instanceof TypeError || e instanceof SyntaxError)
    return new AppError({ code: 'malformed_response', detail: scrubDetail(e.message) })
  const message = e instanceof Error ? e.message : String(e)
  return new AppError({ code: 'unknown', detail: scrubDetail(message), retryable: false })
}

/** A wire error from a REST error body `{error, error_description}`; null when the body is not one. */
export function wireErrorFromBody(body: unknown, status: number): WireError | null {
  if (!isRecord(body) || !('error' in body))
    return null
  const err = body.error
  if (isRecord(err) && typeof err.code === 'string')
    return { code: err.code, description: typeof err.message === 'string' ? err.message : '', status }
  if (typeof err === 'string' || typeof err === 'number') {
    const description = typeof body.error_description === 'string' ? body.error_description : ''
    return { code: String(err), description, status }
  }
  return null
}
