/** axios' error classes and predicates. */
import type { AxiosRequestConfig, AxiosResponse } from './types'

/** axios' error: `code` names the failure, `response` is there when the server answered. */
export class AxiosError<T = unknown> extends Error {
  static readonly ERR_BAD_OPTION_VALUE = 'ERR_BAD_OPTION_VALUE'
  static readonly ERR_BAD_OPTION = 'ERR_BAD_OPTION'
  static readonly ECONNABORTED = 'ECONNABORTED'
  static readonly ETIMEDOUT = 'ETIMEDOUT'
  static readonly ERR_NETWORK = 'ERR_NETWORK'
  static readonly ERR_FR_TOO_MANY_REDIRECTS = 'ERR_FR_TOO_MANY_REDIRECTS'
  static readonly ERR_DEPRECATED = 'ERR_DEPRECATED'
  static readonly ERR_BAD_RESPONSE = 'ERR_BAD_RESPONSE'
  static readonly ERR_BAD_REQUEST = 'ERR_BAD_REQUEST'
  static readonly ERR_CANCELED = 'ERR_CANCELED'
  static readonly ERR_NOT_SUPPORT = 'ERR_NOT_SUPPORT'
  static readonly ERR_INVALID_URL = 'ERR_INVALID_URL'

  readonly isAxiosError = true
  code?: string
  config?: AxiosRequestConfig
  request?: unknown
  response?: AxiosResponse<T>
  status?: number

  constructor(message?: string, code?: string, config?: AxiosRequestConfig, request?: unknown, response?: AxiosResponse<T>) {
    super(message)
    this.name = 'AxiosError'
    if (code)
      this.code = code
    if (config)
      this.config = config
    if (request)
      this.request = request
    if (response) {
      this.response = response
      this.status = response.status
    }
  }

  toJSON(): Record<string, unknown> {
    return { message: this.message, name: this.name, stack: this.stack, config: this.config, code: this.code, status: this.status }
  }
}

/** What a cancelled request (its `signal` aborted) rejects with. */
export class CanceledError extends AxiosError {
  readonly __CANCEL__ = true

  constructor(message?: string, config?: AxiosRequestConfig, request?: unknown) {
    super(message ?? 'canceled', AxiosError.ERR_CANCELED, config, request)
    this.name = 'CanceledError'
  }
}

/** axios' `isAxiosError`: true for its errors, whatever their class. */
export function isAxiosError(e: unknown): e is AxiosError {
  return typeof e === 'object' && e !== null && (e as { isAxiosError?: unknown }).isAxiosError === true
}

/** axios' `isCancel`: true for what a cancelled request rejects with. */
export function isCancel(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { __CANCEL__?: unknown }).__CANCEL__ === true
}

/** What a request rejects with after `timeout` ms. */
export const timeoutError = (config: AxiosRequestConfig) =>
  new AxiosError(config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`, AxiosError.ECONNABORTED, config)
