// @ts-check
/**
 * Configuration of the production server, read from the environment once at
 * start. Invalid values stop the start with a message, not a half-working
 * server.
 */

/** The default limit of the handler POST body (bytes): Bitrix24 sends a few hundred (docs/platform.md "Placements"). */
export const DEFAULT_BODY_LIMIT = 64 * 1024

// A host, optionally `*.` in front and `:port` after; nothing a CSP could be bent with (spaces, `;`, quotes).
const HOST = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i

/**
 * Turns one portal entry into a CSP source: `portal.example.com` →
 * `https://portal.example.com`; `http://b24.local:8080/` → `http://b24.local:8080`.
 * @param {string} entry
 * @returns {string}
 */
export function toPortalOrigin(entry) {
  const trimmed = entry.trim().replace(/\/+$/, '')
  const match = /^(https?):\/\/(.+)$/i.exec(trimmed)
  const scheme = (match?.[1] ?? 'https').toLowerCase()
  const host = match?.[2] ?? trimmed
  if (!HOST.test(host))
    throw new Error(`Not a portal address: "${entry}" (expected a host such as portal.example.com or https://portal.example.com:8443)`)
  return `${scheme}://${host.toLowerCase()}`
}

/**
 * Parses a list of portals separated by commas or spaces (ALLOWED_PORTALS).
 * @param {string | undefined} value
 * @returns {string[]} origins
 */
export function parsePortalList(value) {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean).map(toPortalOrigin))]
}

/**
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {string} name
 */
function positiveInt(value, fallback, name) {
  if (value === undefined || value === '')
    return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`)
  return n
}

/**
 * @typedef {object} ServerConfig
 * @property {number} port PORT, default 8080
 * @property {string} host HOST, default 0.0.0.0
 * @property {string} distDir DIST_DIR, default dist
 * @property {string[]} portalOrigins ALLOWED_PORTALS: self-hosted portals and custom domains
 * @property {string[]} devPortalOrigins DEV_PORTAL_ORIGIN: the emulator's origin, in dev and tests only
 * @property {number} bodyLimit BODY_LIMIT (bytes) of the handler POST
 */

/**
 * Reads the configuration from an environment.
 * @param {Record<string, string | undefined>} env
 * @returns {ServerConfig}
 */
export function readConfig(env) {
  const port = positiveInt(env.PORT, 8080, 'PORT')
  if (port > 65535)
    throw new Error(`PORT must be at most 65535, got ${port}`)
  return {
    port,
    host: env.HOST || '0.0.0.0',
    distDir: env.DIST_DIR || 'dist',
    portalOrigins: parsePortalList(env.ALLOWED_PORTALS),
    devPortalOrigins: parsePortalList(env.DEV_PORTAL_ORIGIN),
    bodyLimit: positiveInt(env.BODY_LIMIT, DEFAULT_BODY_LIMIT, 'BODY_LIMIT'),
  }
}
