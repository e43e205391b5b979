/** The shapes of axios' config and answer that b24jssdk reads, and the adapters' exchange. */

/** The signature of `fetch`, for `env.fetch`. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/** Request headers as a config holds them; undefined and null ones are not sent. */
export type Headers = Record<string, string | number | boolean | undefined | null>

/** The part of axios' request config this module reads. */
export interface AxiosRequestConfig {
  url?: string
  method?: string
  baseURL?: string
  headers?: Headers
  params?: URLSearchParams | Record<string, unknown>
  data?: unknown
  /** Milliseconds; 0 waits for ever. @default 0 */
  timeout?: number
  timeoutErrorMessage?: string
  responseType?: 'json' | 'text' | 'arraybuffer' | 'blob'
  validateStatus?: ((status: number) => boolean) | null
  withCredentials?: boolean
  signal?: AbortSignal
  /** `'fetch'` sends through fetch (and `env.fetch`); anything else through XHR where there is one, as axios' default. */
  adapter?: unknown
  env?: { fetch?: FetchLike }
  [key: string]: unknown
}

/** An answer, as axios gives it. */
export interface AxiosResponse<T = unknown> {
  data: T
  status: number
  statusText: string
  headers: Record<string, string>
  config: AxiosRequestConfig
  request?: unknown
}

/** An answer before axios' parsing and status check. */
export interface Raw {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string | ArrayBuffer | Blob
}

/** What an adapter sends: the request as built from the config, and the config for timeout, signal and credentials. */
export interface Exchange {
  url: string
  method: string
  headers: Record<string, string>
  body: BodyInit | undefined
  config: AxiosRequestConfig
}
