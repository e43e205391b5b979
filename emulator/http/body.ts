/**
 * Request bodies as a portal reads them: JSON (what b24jssdk sends), PHP
 * form encoding (`fields[title]=X`, what BX24.js and curl -d send), and an
 * empty body. Query parameters join the body, as PHP's $_REQUEST does.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parsePhpQuery } from '../model/php-query'
import { isRecord } from '../model/wire'

/** Installs parsers for JSON (empty allowed), form-urlencoded and anything else (tried as JSON, then as a query string). */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  const parse = (text: string, json: boolean): unknown => {
    if (text.trim() === '')
      return {}
    if (json) {
      try {
        return JSON.parse(text)
      }
      catch {
        throw Object.assign(new Error('Invalid JSON body'), { statusCode: 400, code: 'INVALID_JSON' })
      }
    }
    return parsePhpQuery(text)
  }
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parse(String(body), true))
    }
    catch (e) {
      done(e as Error, undefined)
    }
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parse(String(body), false))
  })
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body)
    const trimmed = text.trim()
    done(null, trimmed.startsWith('{') || trimmed.startsWith('[') ? parse(text, true) : parse(text, false))
  })
}

/** Query parameters the SDK adds for tracing (docs/platform.md "Frame"): not method parameters. */
const TRACE_PARAMS = new Set(['bx24_request_id', 'bx24_sdk_ver', 'bx24_sdk_type'])

/** Method parameters: the query string (PHP-parsed) under the body. */
export function requestParams(req: FastifyRequest): Record<string, unknown> {
  const q = req.url.indexOf('?')
  const query = q < 0 ? {} : parsePhpQuery(req.url.slice(q + 1))
  for (const key of TRACE_PARAMS)
    delete query[key]
  const body = isRecord(req.body) ? req.body : {}
  return { ...query, ...body }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise(resolve => setTimeout(resolve, ms)) : Promise.resolve()
}
