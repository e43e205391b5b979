/** axios' default adapter in a browser: XMLHttpRequest. */
import type { Exchange, Raw } from './types'
import { AxiosError, CanceledError, timeoutError } from './errors'

/**
 * The browser's path, as axios' default XHR adapter: Chromium reports a
 * connection that timed out (net::ERR_TIMED_OUT) to XHR as a timeout, to
 * fetch as a plain failure, and the app tells the user which one it was.
 */
export function viaXhr({ url, method, headers, body, config }: Exchange): Promise<Raw> {
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
