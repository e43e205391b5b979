import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import { html } from '../html'
import { page } from '../layout'
import { t } from '../strings'

/** A portal 404 page with the reason. */
export function notFoundPage(portal: PortalHandle, ctx: PageContext, reason: string): { status: number, body: string } {
  return { status: 404, body: page({ ctx, portal, title: t(ctx.lang, 'not_found'), main: html`<p>${reason}</p>` }) }
}
