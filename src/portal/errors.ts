/**
 * Every way a portal call can fail, turned into one AppError (DESIGN.md
 * "Portal"). Knows the wire's error codes and texts (PLATFORM.md §1–§3) and
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
/** The SDK's own codes for an answer it could not read (PLATFORM.md §2: a body without `time`). */
const MALFORMED_CODES = new Set(['JSSDK_UNKNOWN_ERROR', 'JSSDK_RESPONSE_ERROR', 'ERROR_UNEXPECTED_ANSWER', 'JSSDK_INTERNAL_AJAX_ERROR', 'JSSDK_FRAME_BAD_PAYLOAD', 'JSSDK_INTERACTION_BATCH_STRATEGY_V2_EMPTY_COMMAND_RESPONSE'])
const ACCESS_CODES = new Set(['ACCESS_DENIED', 'allowed_only_intranet_user', 'insufficient_scope', 'user_access_error', 'AUTHORIZE_ERROR', 'WRONG_AUTH_TYPE', 'INVALID_CREDENTIALS', 'SCOPE_DENIED'])
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'ERROR_ENTITY_NOT_FOUND', 'ERROR_NOT_FOUND', 'ERROR_PLACEMENT_NOT_FOUND', 'ERROR_METHOD_NOT_FOUND', 'SMART_PROCESS_NOT_FOUND'])
const VALIDATION_CODES = new Set(['INVALID_ARG_VALUE', 'ERROR_ARGUMENT', 'ERROR_WRONG_HANDLER_URL', 'INVALID_REQUEST', 'ERROR_REQUIRED_PARAMETERS_MISSING', 'JSSDK_INVALID_PARAMS', 'JSSDK_BATCH_TOO_LARGE', 'JSSDK_BATCH_EMPTY'])
/** The refresh through the parent frame failed or timed out (PLATFORM.md §6). */
const REFRESH_FAILED_CODES = new Set(['JSSDK_FRAME_REFRESH_AUTH_TIMEOUT', 'JSSDK_FRAME_DISPOSED', 'NO_AUTH_FOUND'])

/** Drops anything that looks like a credential from a text before it is kept (it never should hold one). */
export function scrubDetail(text: string): string {
  const clean = text
    .replace(/\b(auth|access_token|refresh_token|AUTH_ID|REFRESH_ID|token|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1$2***')
    .trim()
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}…` : clean
}

function make(code: AppErrorCode, w: WireError, retryable: boolean): AppError {
  return new AppError({ code, status: w.status || undefined, retryable, detail: scrubDetail(w.description || w.code) })
}

/**
 * Maps one wire error to the app's error. Order matters: texts the portal
 * sends under generic codes (ERROR_CORE, 400, error "0") are checked first.
 */
export function wireErrorToAppError(w: WireError): AppError {
  const code = w.code
  const text = w.description ?? ''
  const status = w.status

  // Tokens (PLATFORM.md §2): the SDK refreshed once already when we see these.
  if (code === 'expired_token' || REFRESH_FAILED_CODES.has(code))
    return make('expired_token', w, true)
  if (code === 'invalid_token')
    return make('invalid_token', w, false)

  // Limits (PLATFORM.md §2): 503 QUERY_LIMIT_EXCEEDED, 429 OPERATION_TIME_LIMIT.
  if (code === 'QUERY_LIMIT_EXCEEDED' || code === 'OPERATION_TIME_LIMIT' || code === 'OVERLOAD_LIMIT' || status === 503 || status === 429)
    return make('rate_limited', w, true)

  // Texts seen on the portal (PLATFORM.md §1, §4), whatever code carries them.
  if (/maximum number of smart processes/i.test(text) || code === 'CREATE_DYNAMIC_TYPE_RESTRICTED')
    return make('limit_exceeded', w, false)
  if (/cannot delete an entity type that has items|has items/i.test(text))
    return make('has_items', w, false)
  if (/already\s+bind/i.test(text))
    return make('already_bound', w, false)

  if (ACCESS_CODES.has(code) || status === 403)
    return make('access_denied', w, false)
  if (NOT_FOUND_CODES.has(code) || status === 404 || /\bnot found\b/i.test(text))
    return make('not_found', w, false)
  if (VALIDATION_CODES.has(code) || /required field|is not filled|out of (allowed )?range|invalid value|wrong value/i.test(text))
    return make('validation', w, false)

  if (TIMEOUT_CODES.has(code) || status === 408)
    return make('timeout', w, true)
  if (NETWORK_CODES.has(code))
    return make('network', w, true)
  if (MALFORMED_CODES.has(code))
    return make('malformed_response', w, false)

  // Anything else the portal refused with a 4xx is a refusal of the input.
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
    // 400 {"error": 0, "error_description": "... not found"}, PLATFORM.md §1)
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
