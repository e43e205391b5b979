import type { AppErrorCode } from '@/domain/errors'
import type { WireError } from './errors'
import { AjaxError, SdkError } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { AppError } from '@/domain/errors'
import { mapPortalError, scrubDetail, wireErrorFromBody, wireErrorToAppError } from './errors'

const cases: [string, WireError, AppErrorCode, boolean][] = [
  ['expired token after the refresh', { code: 'expired_token', description: 'The access token provided has expired.', status: 401 }, 'expired_token', true],
  ['invalid token', { code: 'invalid_token', description: 'The access token provided is invalid.', status: 401 }, 'invalid_token', false],
  ['503 QUERY_LIMIT_EXCEEDED', { code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests', status: 503 }, 'rate_limited', true],
  ['429 OPERATION_TIME_LIMIT', { code: 'OPERATION_TIME_LIMIT', description: 'Method is blocked', status: 429 }, 'rate_limited', true],
  ['ACCESS_DENIED (crm answers 400)', { code: 'ACCESS_DENIED', description: 'Access denied', status: 400 }, 'access_denied', false],
  ['allowed_only_intranet_user', { code: 'allowed_only_intranet_user', description: 'Method is allowed only for intranet users', status: 403 }, 'access_denied', false],
  ['not found under error 0', { code: '0', description: 'Smart process not found', status: 400 }, 'not_found', false],
  ['NOT_FOUND', { code: 'NOT_FOUND', description: 'Element not found', status: 400 }, 'not_found', false],
  ['INVALID_ARG_VALUE out of range', { code: 'INVALID_ARG_VALUE', description: 'entityTypeId is out of allowed range', status: 400 }, 'validation', false],
  ['Required field', { code: 'BX_ERROR', description: 'Required field "Title" is not filled in', status: 400 }, 'validation', false],
  ['maximum number of smart processes', { code: 'CREATE_DYNAMIC_TYPE_RESTRICTED', description: 'Maximum number of smart processes exceeded', status: 400 }, 'limit_exceeded', false],
  // The delete with items and the handler already bound come under generic codes: told apart by facts (delete-refusal.ts, rest-placements.ts).
  ['delete with items (BX_ERROR, crm-type-delete.md)', { code: 'BX_ERROR', description: 'Вы не можете удалить тип сущности, у которого есть элементы', status: 400 }, 'validation', false],
  ['ERROR_CORE', { code: 'ERROR_CORE', description: 'Unable to set placement handler: Handler already binded', status: 400 }, 'validation', false],
  // _includes/system-errors.md
  ['403 insufficient_scope', { code: 'insufficient_scope', description: 'The request requires higher privileges than provided by the access token', status: 403 }, 'insufficient_scope', false],
  ['403 INVALID_CREDENTIALS', { code: 'INVALID_CREDENTIALS', description: 'Invalid request credentials', status: 403 }, 'access_denied', false],
  ['403 user_access_error', { code: 'user_access_error', description: 'The user does not have access to the application', status: 403 }, 'app_access_denied', false],
  ['405 ERROR_BATCH_METHOD_NOT_ALLOWED', { code: 'ERROR_BATCH_METHOD_NOT_ALLOWED', description: 'Method is not allowed for batch usage', status: 405 }, 'batch_not_allowed', false],
  // crm-type-update.md, crm-type-add.md
  ['UPDATE_DYNAMIC_TYPE_RESTRICTED', { code: 'UPDATE_DYNAMIC_TYPE_RESTRICTED', description: 'Вы не можете изменить настройки смарт-процесса из-за ограничений вашего тарифа', status: 400 }, 'plan_restricted', false],
  ['CREATE_DYNAMIC_TYPE_RESTRICTED in Russian', { code: 'CREATE_DYNAMIC_TYPE_RESTRICTED', description: 'Превышено максимальное количество смарт-процессов', status: 400 }, 'limit_exceeded', false],
  ['not found in Russian (error 0, crm-type-get.md)', { code: '0', description: 'Смарт-процесс не найден', status: 400 }, 'not_found', false],
  // placement-bind.md
  ['ERROR_PLACEMENT_MAX_COUNT', { code: 'ERROR_PLACEMENT_MAX_COUNT', description: 'Placement max count exceeded', status: 400 }, 'placement_limit', false],
  ['network', { code: 'NETWORK_ERROR', description: 'Network connection failed', status: 0 }, 'network', true],
  ['socket reset in Node', { code: 'ECONNRESET', description: 'socket hang up', status: 0 }, 'network', true],
  ['axios timeout', { code: 'REQUEST_TIMEOUT', description: 'Request timeout exceeded', status: 408 }, 'timeout', true],
  ['an answer the SDK could not read', { code: 'JSSDK_UNKNOWN_ERROR', description: 'Cannot destructure property \'operating\' of undefined', status: 0 }, 'malformed_response', false],
  ['500 INTERNAL_SERVER_ERROR', { code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error', status: 500 }, 'unknown', true],
  ['an unknown 400', { code: 'ERROR_SOMETHING', description: 'Odd value', status: 400 }, 'validation', false],
]

describe('wireErrorToAppError', () => {
  it.each(cases)('maps %s', (_, wire, code, retryable) => {
    const e = wireErrorToAppError(wire)
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe(code)
    expect(e.retryable).toBe(retryable)
    expect(e.messageKey).toBe(`errors.${code}`)
  })

  it('reads the code, never the text: an English text under a code that says otherwise changes nothing', () => {
    expect(wireErrorToAppError({ code: 'BX_ERROR', description: 'Smart process not found; Access denied; has items', status: 400 }).code).toBe('validation')
    expect(wireErrorToAppError({ code: 'BX_ERROR', description: 'x', status: 400 }).wireCode).toBe('BX_ERROR')
  })

  it('keeps the portal\'s text as detail', () => {
    expect(wireErrorToAppError({ code: 'BX_ERROR', description: 'Required field "Title" is not filled in', status: 400 }).detail).toBe('Required field "Title" is not filled in')
  })
})

describe('mapPortalError', () => {
  it('passes AppErrors through', () => {
    const a = new AppError({ code: 'conflict' })
    expect(mapPortalError(a)).toBe(a)
  })

  it('reads a thrown AjaxError', () => {
    const e = mapPortalError(new AjaxError({ code: 'ACCESS_DENIED', description: 'Access denied', status: 400, requestInfo: { method: 'crm.type.update', params: { auth: 'secret-token' } } }))
    expect(e).toMatchObject({ code: 'access_denied', status: 400 })
    expect(JSON.stringify(e)).not.toContain('secret-token')
    expect(e.detail).not.toContain('secret-token')
  })

  it('turns a failed frame refresh wrapped by the SDK into expired_token', () => {
    const cause = new SdkError({ code: 'JSSDK_FRAME_REFRESH_AUTH_TIMEOUT', description: 'refreshAuth: the parent window did not answer within 10000ms', status: 408 })
    const wrapped = new AjaxError({ code: 'JSSDK_UNKNOWN_ERROR', description: cause.message, status: 0, originalError: cause })
    expect(mapPortalError(wrapped).code).toBe('expired_token')
  })

  it('reads the body of an error whose code the SDK could not read (error: 0)', () => {
    const axiosLike = { response: { status: 400, data: { error: 0, error_description: 'Smart process not found' } } }
    const wrapped = new AjaxError({ code: 'ERR_BAD_REQUEST', description: 'Request failed with status code 400', status: 400, originalError: axiosLike })
    const e = mapPortalError(wrapped)
    expect(e).toMatchObject({ code: 'not_found', detail: 'Smart process not found' })
  })

  it('calls a TypeError while reading an answer malformed_response', () => {
    expect(mapPortalError(new TypeError('x is undefined')).code).toBe('malformed_response')
  })

  it('calls anything else unknown', () => {
    expect(mapPortalError('boom')).toMatchObject({ code: 'unknown', detail: 'boom' })
  })
})

describe('wireErrorFromBody', () => {
  it('reads string, numeric and object error codes', () => {
    expect(wireErrorFromBody({ error: 'expired_token', error_description: 'x' }, 401)).toEqual({ code: 'expired_token', description: 'x', status: 401 })
    expect(wireErrorFromBody({ error: 0, error_description: 'not found' }, 400)).toEqual({ code: '0', description: 'not found', status: 400 })
    expect(wireErrorFromBody({ error: { code: 'X', message: 'm' } }, 400)).toEqual({ code: 'X', description: 'm', status: 400 })
    expect(wireErrorFromBody({ result: 1 }, 200)).toBeNull()
  })
})

describe('scrubDetail', () => {
  it('never keeps something that looks like a token', () => {
    expect(scrubDetail('failed with auth=abc123def&x=1')).not.toContain('abc123def')
    expect(scrubDetail('{"access_token":"abc123def"}')).not.toContain('abc123def')
  })

  it('keeps details short', () => {
    expect(scrubDetail('x'.repeat(2000)).length).toBeLessThanOrEqual(501)
  })
})
