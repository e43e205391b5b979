/**
 * A fetch-based stand-in for axios, aliased over `axios` (vite.config.ts).
 * b24jssdk uses axios only in `core/http/abstract-http.mjs` (REST calls) and
 * `oauth/auth.mjs` (token refresh): `axios.create({timeout,
 * timeoutErrorMessage, headers, ...options})`, `.post(url, data, config)`,
 * `response.status` / `response.data`, `instanceof AxiosError` and the
 * error's `code`, `message`, `status`, `response.{status,data}`. axios itself
 * is ~20 KB gzip of the card tab.
 *
 * Behaves as axios 1.x for those, over XHR as axios does in a browser and
 * over fetch with `adapter: 'fetch'` (or where there is no XHR): JSON bodies
 * (URLSearchParams as a form), the answer's text parsed as JSON when it is
 * JSON, `Request failed with status code N` with ERR_BAD_REQUEST (4xx) or
 * ERR_BAD_RESPONSE (5xx), `Network Error` / ERR_NETWORK when fetch fails,
 * ECONNABORTED with `timeoutErrorMessage` after `timeout` ms, ERR_CANCELED
 * when `signal` aborts. With `adapter: 'fetch'`, `env.fetch` replaces the
 * global fetch (axios' fetch adapter options; src/portal/testing.ts passes them). Not supported:
 * interceptors, transformRequest/Response, progress events, auth,
 * xsrf cookies, proxies, maxContentLength.
 * axios.test.ts runs the SDK over it and over real axios and compares.
 */

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
type Headers = Record<string, string | number | boolean | undefined | null>

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

export function isAxiosError(e: unknown): e is AxiosError {
  return typeof e === 'object' && e !== null && (e as { isAxiosError?: unknown }).isAxiosError === true
}

export function isCancel(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { __CANCEL__?: unknown }).__CANCEL__ === true
}

const DEFAULTS: AxiosRequestConfig = {
  timeout: 0,
  headers: { Accept: 'application/json, text/plain, */*' },
  validateStatus: status => status >= 200 && status < 300,
}

function mergeConfig(a: AxiosRequestConfig, b: AxiosRequestConfig = {}): AxiosRequestConfig {
  return { ...a, ...b, headers: { ...a.headers, ...b.headers } }
}

function fullUrl(config: AxiosRequestConfig): string {
  let url = config.url ?? ''
  if (config.baseURL && !/^(?:[a-z][a-z\d+\-.]*:)?\/\//i.test(url))
    url = url ? `${config.baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : config.baseURL
  const params = config.params
  if (params) {
    const query = params instanceof URLSearchParams ? params : new URLSearchParams()
    if (!(params instanceof URLSearchParams)) {
      for (const [key, value] of Object.entries(params)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          if (v !== undefined && v !== null)
            query.append(Array.isArray(value) ? `${key}[]` : key, v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v))
        }
      }
    }
    const text = query.toString()
    if (text)
      url = `${url.split('#')[0]}${url.includes('?') ? '&' : '?'}${text}`
  }
  return url
}

function hasHeader(headers: Headers, name: string): boolean {
  return Object.keys(headers).some(k => k.toLowerCase() === name && headers[k] !== undefined && headers[k] !== null)
}

/** The request body and its content type, as axios' default transformRequest makes them. */
function body(data: unknown, headers: Headers): BodyInit | undefined {
  if (data === undefined || data === null)
    return undefined
  if (data instanceof URLSearchParams) {
    if (!hasHeader(headers, 'content-type'))
      headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=utf-8'
    return data.toString()
  }
  if (typeof data === 'string' || data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)
    || data instanceof FormData || data instanceof ReadableStream)
    return data as BodyInit
  if (!hasHeader(headers, 'content-type'))
    headers['Content-Type'] = 'application/json'
  return JSON.stringify(data)
}

/** An answer before axios' parsing and status check. */
interface Raw {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string | ArrayBuffer | Blob
}

interface Exchange {
  url: string
  method: string
  headers: Record<string, string>
  body: BodyInit | undefined
  config: AxiosRequestConfig
}

const timeoutError = (config: AxiosRequestConfig) =>
  new AxiosError(config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`, AxiosError.ECONNABORTED, config)

/**
 * The browser's path, as axios' default XHR adapter: Chromium reports a
 * connection that timed out (net::ERR_TIMED_OUT) to XHR as a timeout, to
 * fetch as a plain failure, and the app tells the user which one it was.
 */
function viaXhr({ url, method, headers, body, config }: Exchange): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url, true)
    xhr.timeout = config.timeout ?? 0
    for (const [k, v] of Object.entries(headers))
      xhr.setRequestHeader(k, v)
    if (config.withCredentials !== undefined)
      xhr.withCredentials = config.withCredentials
    if (config.responseType === 'arraybuffer' || config.responseType === 'blob')
      xhr.responseType = config.responseType
    const cancel = () => {
      reject(new CanceledError(undefined, config))
      xhr.abort()
    }
    const done = () => config.signal?.removeEventListener('abort', cancel)
    xhr.onload = () => {
      done()
      const all = xhr.getAllResponseHeaders().trim()
      const list = all ? all.split(/[\r\n]+/).map(line => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]) : []
      resolve({ status: xhr.status, statusText: xhr.statusText, headers: Object.fromEntries(list), body: xhr.responseType && xhr.responseType !== 'text' ? xhr.response as ArrayBuffer | Blob : xhr.responseText })
    }
    xhr.onerror = (event) => {
      done()
      // A browser's ProgressEvent has no message; some XHR implementations give one, and axios passes it on.
      const message = (event as ProgressEvent & { message?: string }).message
      reject(new AxiosError(message || 'Network Error', AxiosError.ERR_NETWORK, config))
    }
    xhr.ontimeout = () => {
      done()
      reject(timeoutError(config))
    }
    xhr.onabort = () => {
      done()
      reject(new AxiosError('Request aborted', AxiosError.ECONNABORTED, config))
    }
    if (config.signal?.aborted)
      return cancel()
    config.signal?.addEventListener('abort', cancel)
    xhr.send(body as XMLHttpRequestBodyInit | undefined ?? null)
  })
}

/** axios' fetch adapter path (`adapter: 'fetch'`, `env.fetch`), and anywhere without XHR. */
async function viaFetch({ url, method, headers, body, config }: Exchange): Promise<Raw> {
  const send: FetchLike = config.env?.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeout = config.timeout ?? 0
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort = () => {}
  // As with XHR, the timeout and a cancel end the request even when the fetch in use ignores its signal.
  const stopped = new Promise<never>((_, reject) => {
    const stop = (error: AxiosError) => {
      controller.abort()
      reject(error)
    }
    if (timeout > 0)
      timer = setTimeout(() => stop(timeoutError(config)), timeout)
    onAbort = () => stop(new CanceledError(undefined, config))
    if (config.signal?.aborted)
      onAbort()
    config.signal?.addEventListener('abort', onAbort)
  })
  const exchange = async (): Promise<Raw> => {
    let response: Response
    try {
      response = await send(url, { method, headers, body, signal: controller.signal, credentials: config.withCredentials ? 'include' : 'same-origin' })
    }
    catch (e) {
      // fetch rejects with a TypeError when the connection fails (axios' fetch adapter reads it the same way).
      if (e instanceof TypeError)
        throw Object.assign(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config), { cause: e })
      const err = e as { message?: string, code?: string }
      throw Object.assign(new AxiosError(err?.message ?? String(e), err?.code, config), { cause: e })
    }
    const type = config.responseType
    const data = type === 'arraybuffer' ? await response.arrayBuffer() : type === 'blob' ? await response.blob() : await response.text()
    return { status: response.status, statusText: response.statusText, headers: Object.fromEntries(response.headers), body: data }
  }
  try {
    return await Promise.race([stopped, exchange()])
  }
  finally {
    clearTimeout(timer)
    config.signal?.removeEventListener('abort', onAbort)
    stopped.catch(() => {})
  }
}

/** Sends one request with a config already merged with the instance's defaults. */
async function dispatch<T>(config: AxiosRequestConfig): Promise<AxiosResponse<T>> {
  const headers: Headers = { ...config.headers }
  const method = (config.method ?? 'get').toUpperCase()
  const payload = method === 'GET' || method === 'HEAD' ? undefined : body(config.data, headers)
  const sendHeaders: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined && v !== null)
      sendHeaders[k] = String(v)
  }
  // axios' default adapter list puts XHR first; `adapter: 'fetch'` asks for its fetch adapter.
  const transport = config.adapter !== 'fetch' && typeof XMLHttpRequest !== 'undefined' ? viaXhr : viaFetch
  const raw = await transport({ url: fullUrl(config), method, headers: sendHeaders, body: payload, config })
  const response: AxiosResponse<T> = { data: raw.body as T, status: raw.status, statusText: raw.statusText, headers: raw.headers, config }
  if (typeof raw.body === 'string' && raw.body && config.responseType !== 'text') {
    try {
      response.data = JSON.parse(raw.body) as T
    }
    catch (e) {
      // axios keeps a non-JSON answer as text unless JSON was asked for.
      if (config.responseType === 'json')
        throw new AxiosError((e as Error).message, AxiosError.ERR_BAD_RESPONSE, config, undefined, response)
    }
  }
  const valid = config.validateStatus
  if (!response.status || !valid || valid(response.status))
    return response
  throw new AxiosError(`Request failed with status code ${response.status}`, response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE, config, undefined, response)
}

/** An axios instance: defaults plus the request helpers. */
export interface AxiosInstance {
  <T = unknown>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>
  defaults: AxiosRequestConfig
  request: <T = unknown>(config: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  get: <T = unknown>(url: string, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  delete: <T = unknown>(url: string, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  head: <T = unknown>(url: string, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  post: <T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  put: <T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  patch: <T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig) => Promise<AxiosResponse<T>>
  create: (config?: AxiosRequestConfig) => AxiosInstance
}

function createInstance(defaults: AxiosRequestConfig): AxiosInstance {
  const request = <T>(config: AxiosRequestConfig) => dispatch<T>(mergeConfig(instance.defaults, config))
  const instance = Object.assign(request, {
    defaults,
    request,
    create: (config?: AxiosRequestConfig) => createInstance(mergeConfig(instance.defaults, config)),
  }) as AxiosInstance
  for (const method of ['get', 'delete', 'head'] as const)
    instance[method] = (url, config) => request({ ...config, method, url })
  for (const method of ['post', 'put', 'patch'] as const)
    instance[method] = (url, data, config) => request({ ...config, method, url, data })
  return instance
}

const axios = Object.assign(createInstance(DEFAULTS), { AxiosError, CanceledError, isAxiosError, isCancel })

export default axios
