/** axios' fetch adapter. */
import type { Exchange, FetchLike, Raw } from './types'
import { AxiosError, CanceledError, timeoutError } from './errors'

/** axios' fetch adapter path (`adapter: 'fetch'`, `env.fetch`), and anywhere without XHR. */
export async function viaFetch({ url, method, headers, body, config }: Exchange): Promise<Raw> {
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
