/**
 * Errors of the emulated portal, as the wire carries them: HTTP status plus
 * `{error, error_description}` (PLATFORM.md §2).
 */
export class RestError extends Error {
  readonly status: number
  /** Bitrix24 sends numeric 0 for some controller errors ("SPA not found"): crm-type-get.md. */
  readonly code: string | number

  constructor(status: number, code: string | number, description: string) {
    super(description)
    this.name = 'RestError'
    this.status = status
    this.code = code
  }

  /** The wire body of this error. */
  toBody(): { error: string | number, error_description: string } {
    return { error: this.code, error_description: this.message }
  }
}

/** crm.type.* controller errors (REST docs crm-type-*.md, PLATFORM.md §1). */
export const errors = {
  accessDenied: () => new RestError(400, 'ACCESS_DENIED', 'Access denied'),
  /** rest module methods (placement.*, app.option.set) answer 403 for non-admins. */
  restAccessDenied: () => new RestError(403, 'ACCESS_DENIED', 'Access denied! Admin permissions required'),
  // crm-type-get.md: HTTP 400 {"error": 0, "error_description": "..."}
  typeNotFound: () => new RestError(400, 0, 'Smart process not found'),
  itemTypeNotFound: () => new RestError(400, 'NOT_FOUND', 'Smart process not found'),
  itemNotFound: () => new RestError(400, 'NOT_FOUND', 'Element not found'),
  titleRequired: () => new RestError(400, 'BX_ERROR', 'Required field "Title" is not filled in'),
  outOfRange: () => new RestError(400, 'INVALID_ARG_VALUE', 'entityTypeId is out of allowed range'),
  entityTypeIdTaken: () => new RestError(400, 'INVALID_ARG_VALUE', 'entityTypeId is already in use'),
  maxTypes: () => new RestError(400, 'CREATE_DYNAMIC_TYPE_RESTRICTED', 'Maximum number of smart processes exceeded'),
  hasItems: () => new RestError(400, 'BX_ERROR', 'You cannot delete an entity type that has items'),
  missingParam: (name: string) => new RestError(400, 100, `Could not find value for parameter {${name}}`),
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired.'),
  invalidToken: () => new RestError(401, 'invalid_token', 'The access token provided is invalid.'),
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  invalidCredentials: () => new RestError(401, 'INVALID_CREDENTIALS', 'Invalid request credentials'),
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  internal: () => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
  batchTooLarge: () => new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
  invalidRequest: (text: string) => new RestError(400, 'INVALID_REQUEST', text),
}
