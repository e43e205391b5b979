/** `/crm/type/<entityTypeId>/list/`: the items with a toolbar; a bound LIST_TOOLBAR placement opens the app in a slider. */
import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import { href } from '../context'
import { html } from '../html'
import { buildLaunch, listToolbarOptions } from '../launch'
import { page } from '../layout'
import { getType, listItems, placementTitle, visiblePlacement } from '../portal-data'
import { t } from '../strings'
import { notFoundPage } from './not-found'

/** The list page, or a 404 page for an unknown type. */
export function listPage(portal: PortalHandle, ctx: PageContext, entityTypeId: number, uri: string): { status: number, body: string } {
  const type = getType(portal, entityTypeId)
  if (!type)
    return notFoundPage(portal, ctx, t(ctx.lang, 'not_found_type', { id: entityTypeId }))
  const code = `CRM_DYNAMIC_${entityTypeId}_LIST_TOOLBAR`
  const bound = visiblePlacement(portal, code)
  const launch = bound ? buildLaunch(portal, ctx, { placement: code, options: listToolbarOptions(uri), handler: bound.handler }) : null
  const items = listItems(portal, entityTypeId, ctx.userId)
  const rows = items.map(item => html`<tr><td>${item.id}</td><td><a href="${href(ctx, `/crm/type/${entityTypeId}/details/${item.id}/`)}">${String(item.title ?? `#${item.id}`)}</a></td></tr>`)
  const appsMenu = bound
    ? html`<div class="menu-wrap">
    <button type="button" class="btn" id="apps-button" aria-haspopup="menu" aria-expanded="false" aria-controls="apps-menu">${t(ctx.lang, 'toolbar_apps')}</button>
    <div role="menu" id="apps-menu" aria-labelledby="apps-button" hidden>
      <button type="button" role="menuitem" tabindex="-1" data-open-slider="toolbar">${placementTitle(bound, ctx.lang)}</button>
    </div>
  </div>`
    : ''
  const main = html`<div role="toolbar" aria-label="${t(ctx.lang, 'toolbar_label')}" class="toolbar">
  <button type="button" class="btn btn-primary" disabled>${t(ctx.lang, 'toolbar_add')}</button>
  ${appsMenu}
</div>
${bound ? '' : html`<p class="hint">${t(ctx.lang, 'tab_hint_unbound', { code })}</p>`}
<div class="card">
${items.length
  ? html`<table class="items"><caption class="visually-hidden">${t(ctx.lang, 'list_title', { type: type.title })}</caption><thead><tr><th scope="col">ID</th><th scope="col">${t(ctx.lang, 'list_item')}</th></tr></thead><tbody>${rows}</tbody></table>`
  : html`<p>${t(ctx.lang, 'list_empty')}</p>`}
</div>`
  return { status: 200, body: page({ ctx, portal, title: t(ctx.lang, 'list_title', { type: type.title }), main, current: `/crm/type/${entityTypeId}/list/`, entityTypeId, data: { launches: launch ? { toolbar: launch } : {} } }) }
}
