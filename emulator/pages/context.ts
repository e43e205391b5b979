import type { FastifyRequest } from 'fastify'
import type { PortalLang } from './strings'
import { PORTAL_LANGS } from './strings'

/** Who looks at a portal page and how: `?user=` (1 admin, 2 employee, 3 second admin, 4 CRM admin, 5 employee without type 1034), `?lang=`, and the host the browser used. */
export interface PageContext {
  userId: number
  lang: PortalLang
  /** host:port as the browser sees it: becomes DOMAIN for the app (docs/platform.md "Frame"). */
  host: string
  /** `IFRAME=Y`: the page is shown inside a slider, without the portal chrome (as Bitrix24 does). */
  inSlider: boolean
  /** The request path, without the query. */
  path: string
}

/** The users of model/users.ts, in the "Acting as" row. */
export const KNOWN_USERS = [1, 2, 3, 4, 5] as const

/** Reads the page context from a request; unknown values fall back to user 1 and English. */
export function pageContext(req: FastifyRequest): PageContext {
  const query = req.query as Record<string, string | undefined>
  const user = Number(query.user)
  const lang = PORTAL_LANGS.find(l => l === query.lang) ?? 'en'
  return {
    userId: Number.isInteger(user) && user > 0 ? user : 1,
    lang,
    host: req.headers.host ?? req.hostname,
    inSlider: query.IFRAME === 'Y',
    path: req.url.split('?')[0] ?? '/',
  }
}

/** A portal link that keeps `?user` and `?lang` (only when they differ from the defaults). */
export function href(ctx: Pick<PageContext, 'userId' | 'lang'>, path: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  if (ctx.userId !== 1)
    params.set('user', String(ctx.userId))
  if (ctx.lang !== 'en')
    params.set('lang', ctx.lang)
  for (const [k, v] of Object.entries(extra))
    params.set(k, v)
  const q = params.toString()
  return q ? `${path}?${q}` : path
}
