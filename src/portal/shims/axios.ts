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
 * global fetch (axios' fetch adapter options; test/support/emulator-gateway.ts passes them). Not supported:
 * interceptors, transformRequest/Response, progress events, auth,
 * xsrf cookies, proxies, maxContentLength.
 * axios.test.ts runs the SDK over it and over real axios and compares.
 */

import { AxiosError, CanceledError, isAxiosError, isCancel } from './axios/errors'
import { createInstance, DEFAULTS } from './axios/instance'

export type { AxiosRequestConfig, AxiosResponse } from './axios/types'
export type { AxiosInstance } from './axios/instance'
export { AxiosError, CanceledError, isAxiosError, isCancel }

const axios = Object.assign(createInstance(DEFAULTS), { AxiosError, CanceledError, isAxiosError, isCancel })

export default axios
