/** What went wrong, in terms the app can act on. Each has `errors.<code>` in every locale. */
export const APP_ERROR_CODES = [
  'outside_portal', // opened with no Bitrix24 frame around it
  'bad_context', // malformed init data, placement or options
  'unknown_placement',
  'expired_token', // refresh failed too
  'invalid_token',
  'access_denied', // the user lacks the right (ACCESS_DENIED, INVALID_CREDENTIALS)
  'insufficient_scope', // the app is not registered with the method's scope; params: { scope }
  'app_access_denied', // the portal's admin opened the app to some users only (user_access_error)
  'plan_restricted', // the portal's plan forbids changing smart processes (UPDATE_DYNAMIC_TYPE_RESTRICTED)
  'not_found',
  'rate_limited',
  'validation', // the portal refused a value (title missing, entityTypeId out of range, ...)
  'limit_exceeded', // the plan forbids creating, or the portal's limit of smart processes is reached (CREATE_DYNAMIC_TYPE_RESTRICTED)
  'has_items', // delete refused while items exist; params: { count }
  'already_bound',
  'batch_not_allowed', // the portal refuses the method inside a batch (ERROR_BATCH_METHOD_NOT_ALLOWED)
  'placement_limit', // the placement takes one handler of the app only (ERROR_PLACEMENT_MAX_COUNT)
  'not_saved', // the write went through but some fields did not stick; params: { names }
  'conflict', // changed elsewhere since it was loaded
  'relations_dropped', // the portal silently dropped some relations; params: { names }
  'not_supported', // the connection has no way to do this (placements over the vibecode gateway)
  'network',
  'timeout',
  'malformed_response',
  'unknown',
] as const

export type AppErrorCode = (typeof APP_ERROR_CODES)[number]

export interface AppErrorInit {
  code: AppErrorCode
  /** i18n key of the message shown to the user (`errors.<code>` when not given). */
  messageKey?: string
  /** Parameters of the message. */
  params?: Record<string, string | number>
  /** HTTP status of the answer, when there was one. */
  status?: number
  /** Whether trying the same request again can help. */
  retryable?: boolean
  /** The original error text from the portal (never holds a token). */
  detail?: string
  /** The portal's own error code (`BX_ERROR`, `ERROR_CORE`, `0`, ...), for callers that must tell two refusals apart by code. */
  wireCode?: string
}

/** The one error type that leaves the portal layer. */
export class AppError extends Error {
  readonly code: AppErrorCode
  readonly messageKey: string
  readonly params: Record<string, string | number>
  readonly status: number | null
  readonly retryable: boolean
  readonly detail: string
  readonly wireCode: string

  constructor(init: AppErrorInit) {
    super(init.detail ? `${init.code}: ${init.detail}` : init.code)
    this.name = 'AppError'
    this.code = init.code
    this.messageKey = init.messageKey ?? `errors.${init.code}`
    this.params = init.params ?? {}
    this.status = init.status ?? null
    this.retryable = init.retryable ?? false
    this.detail = init.detail ?? ''
    this.wireCode = init.wireCode ?? ''
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

/** Any thrown value as an AppError: AppErrors pass through, anything else becomes `unknown` (its text kept as detail). */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError)
    return e
  const detail = e instanceof Error ? e.message : typeof e === 'string' ? e : ''
  return new AppError({ code: 'unknown', detail: detail.slice(0, 500) })
}

/** The i18n key to show for any thrown value: an AppError's own key, `errors.unknown` otherwise. */
export function errorMessageKey(e: unknown): string {
  return e instanceof AppError ? e.messageKey : 'errors.unknown'
}
