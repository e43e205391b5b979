import type { FastifyInstance } from 'fastify'

/** Options of {@link buildServer}; see server/app.mjs. */
export interface BuildServerOptions {
  /** The built app. @default 'dist' */
  distDir?: string
  /**
   * false: silent; true: stdout; an object: level and a stream (tests capture lines).
   * Only method, path without query and status are ever logged.
   * @default false
   */
  logger?: boolean | { level?: string, stream?: { write: (line: string) => void } }
  /** ALLOWED_PORTALS: hosts or origins of self-hosted portals and custom domains. */
  portalOrigins?: readonly string[]
  /** The emulator's origin (dev and tests only), e.g. `http://127.0.0.1:5174`. */
  devPortalOrigins?: readonly string[]
  /** Bytes of the handler POST body; past it the answer is 413. @default 65536 */
  bodyLimit?: number
}

/** The production handler server (not yet listening). */
export function buildServer(options?: BuildServerOptions): Promise<FastifyInstance>

/** The executable inline `<script>` tags of a page (the CSP would block them). */
export function inlineScripts(html: string): string[]
