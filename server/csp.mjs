// @ts-check
import { createHash } from 'node:crypto'

/**
 * Content-Security-Policy of the widget. Bitrix24 iframes the app from the
 * portal page and the SDK calls REST on that same portal origin
 * (docs/platform.md "Frame"), so the portal origins appear twice: in
 * frame-ancestors (who may embed us) and in connect-src (where REST goes).
 */

/**
 * Top-level domains of Bitrix24 cloud portals (`<name>.bitrix24.<zone>`).
 * A CSP host wildcard covers subdomains only, never the zone, so each zone is
 * listed. Portals on their own domain (self-hosted, or a cloud portal with a
 * custom domain) come from ALLOWED_PORTALS.
 */
export const BITRIX24_CLOUD_ZONES = Object.freeze([
  'ru', 'com', 'de', 'by', 'kz', 'ua', 'eu', 'es', 'fr', 'it', 'pl', 'com.br',
  'in', 'co', 'id', 'uk', 'jp', 'tr', 'vn', 'cn',
])

/** `https://*.bitrix24.<zone>` for every cloud zone. */
export const BITRIX24_CLOUD_SOURCES = Object.freeze(BITRIX24_CLOUD_ZONES.map(zone => `https://*.bitrix24.${zone}`))

/**
 * The vibecode gateway of the seeds (000, 001, 004), which the app may call
 * from the browser when it runs outside a portal.
 */
export const VIBECODE_ORIGIN = 'https://vibecode.bitrix24.tech'

/**
 * Inline stylesheets the UI kit writes at run time, allowed by hash and by
 * nothing wider:
 * - @bitrix24/b24ui-nuxt's colors plugin (dist/runtime/plugins/colors.js)
 *   adds `<style id="bitrix24-ui-colors">` through useHead; with no custom
 *   colours configured its text is constant;
 * - its color-mode plugin calls @vueuse/core's useDark, which adds a
 *   `<style>` for a moment to stop transitions while the theme switches
 *   (CSS_DISABLE_TRANS).
 * server/config.test.ts re-derives both from the installed packages, so an
 * upgrade that changes them fails there, and e2e/prod-server.spec.ts fails
 * on any violation in Chromium.
 */
export const UI_KIT_INLINE_STYLES = Object.freeze([
  '@layer theme {\n  :root, :host {\n    \n  }\n  :root, :host, .light {\n    \n  }\n  .dark {\n    \n  }\n}',
  '*,*::before,*::after{-webkit-transition:none!important;-moz-transition:none!important;-o-transition:none!important;-ms-transition:none!important;transition:none!important}',
])

/**
 * A CSP hash source for an inline `<style>` or `<script>` text.
 * @param {string} text
 */
export function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/**
 * Builds the header value. Only 'self' may run scripts (the built
 * index.html has no inline script); styles come from the built CSS and the
 * UI kit's known inline stylesheets (by hash); element styles set through the
 * CSSOM, as Vue and the kit do, are not subject to CSP.
 * @param {{ portalOrigins?: readonly string[], devPortalOrigins?: readonly string[] }} [options]
 *   portalOrigins: ALLOWED_PORTALS, as origins; devPortalOrigins: the emulator (dev and tests only)
 * @returns {string}
 */
export function buildCsp(options = {}) {
  const portals = [...BITRIX24_CLOUD_SOURCES, ...(options.portalOrigins ?? []), ...(options.devPortalOrigins ?? [])]
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...UI_KIT_INLINE_STYLES.map(cspHash)],
    'img-src': ["'self'", 'data:', 'blob:', ...portals],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...portals, VIBECODE_ORIGIN],
    'frame-ancestors': portals,
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  }
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}
