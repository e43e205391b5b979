/** An axios instance: merged defaults, one request through an adapter, the answer parsed and checked. */
import type { AxiosRequestConfig, AxiosResponse, Headers } from './types'
import { AxiosError } from './errors'
import { viaFetch } from './fetch-adapter'
import { body, fullUrl } from './request'
import { viaXhr } from './xhr-adapter'

/** axios' own defaults. */
export const DEFAULTS: AxiosRequestConfig = {
  timeout: 0,
  headers: { Accept: 'application/json, text/plain, */*' },
  validateStatus: status => status >= 200 && status < 300,
}

function mergeConfig(a: AxiosRequestConfig, b: AxiosRequestConfig = {}): AxiosRequestConfig {
  return { ...a, ...b, headers: { ...a.headers, ...b.headers } }
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

/** An instance over `defaults`; its `create` makes one over these merged with more. */
export function createInstance(defaults: AxiosRequestConfig): AxiosInstance {
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
