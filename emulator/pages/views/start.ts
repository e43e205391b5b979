/** `/`: the start page linking to every emulated page. */
import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import { href } from '../context'
import { html } from '../html'
import { page } from '../layout'
import { listItems, listTypes } from '../portal-data'
import { t } from '../strings'

export function startPage(portal: PortalHandle, ctx: PageContext): { status: number, body: string } {
  const rows = listTypes(portal).map((type) => {
    const first = listItems(portal, type.entityTypeId, ctx.userId, 3)
    const cards = first.map(item => html` · <a href="${href(ctx, `/crm/type/${type.entityTypeId}/details/${item.id}/`)}">${t(ctx.lang, 'open_card', { id: item.id })}</a>`)
    return html`<li><a href="${href(ctx, `/crm/type/${type.entityTypeId}/list/`)}">${type.title} (${type.entityTypeId}): ${t(ctx.lang, 'open_list')}</a>${cards}</li>`
  })
  const main = html`<p>${t(ctx.lang, 'start_intro')}</p>
<div class="card">
  <p><a class="btn btn-primary" href="${href(ctx, '/marketplace/app/')}">${t(ctx.lang, 'menu_app')}</a></p>
  <h2>${t(ctx.lang, 'menu_smart_processes')}</h2>
  <ul class="start-list">${rows}</ul>
</div>`
  return { status: 200, body: page({ ctx, portal, title: t(ctx.lang, 'start_title'), main, current: '/' }) }
}
