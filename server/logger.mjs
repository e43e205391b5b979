// @ts-check
/**
 * Logging that cannot leak a token. Bitrix24 puts AUTH_ID and REFRESH_ID in
 * the handler POST body and DOMAIN, APP_SID in its query (docs/platform.md "Placements"), so
 * a request is logged as method, path without query and status, nothing else:
 * no body, no headers, no query, no client address.
 */

/**
 * The path of a request URL, without query or fragment.
 * @param {string | undefined} url
 * @returns {string}
 */
export function pathOnly(url) {
  const raw = url ?? '/'
  const cut = raw.search(/[?#]/)
  return cut === -1 ? raw : raw.slice(0, cut)
}

/** pino serializers that keep only what is safe to log. */
export const safeSerializers = {
  /** @param {{ method?: string, url?: string }} req */
  req: req => ({ method: req.method, path: pathOnly(req.url) }),
  /** @param {{ statusCode?: number }} res */
  res: res => ({ statusCode: res.statusCode }),
  // Error messages of our own and of fastify carry no request data; the stack stays out of info logs.
  /** @param {{ name?: string, code?: string, statusCode?: number, message?: string }} err */
  err: err => ({ type: err.name, code: err.code, statusCode: err.statusCode, message: err.message }),
}

/**
 * Fastify `logger` options.
 * @param {{ level?: string, stream?: { write: (line: string) => void } }} [options]
 *   stream: where lines go (tests capture them); default stdout
 * @returns {Record<string, unknown>} not fastify's logger type, which wants a stack from the err
 *   serializer: it is left out on purpose
 */
export function loggerOptions(options = {}) {
  return {
    level: options.level ?? 'info',
    serializers: safeSerializers,
    ...(options.stream ? { stream: options.stream } : {}),
  }
}
