/** Building the request from a config: the URL with its query, and the body with its content type. */
import type { AxiosRequestConfig, Headers } from './types'

/** The config's URL under its `baseURL`, with `params` as the query, as axios' buildFullPath and buildURL. */
export function fullUrl(config: AxiosRequestConfig): string {
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

/** The request body and its content type (set in `headers`), as axios' default transformRequest makes them. */
export function body(data: unknown, headers: Headers): BodyInit | undefined {
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
