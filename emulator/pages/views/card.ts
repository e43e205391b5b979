/** `/crm/type/<entityTypeId>/details/<itemId>/`: the item card with the General tab and, when bound and installed, the app's tab. */
import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import type { SafeHtml } from '../html'
import { href } from '../context'
import { html } from '../html'
import { buildLaunch, detailTabOptions } from '../launch'
import { page } from '../layout'
import { getItem, getType, placementTitle, visiblePlacement } from '../portal-data'
import { t } from '../strings'
import { notFoundPage } from './not-found'

function fieldValue(value: unknown): string {
  if (value === null || value === undefined)
    return '—'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function fieldsTable(ctx: PageContext, item: Record<string, unknown>): SafeHtml {
  const rows = Object.entries(item).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${fieldValue(v)}</td></tr>`)
  return html`<table class="fields"><thead><tr><th scope="col">${t(ctx.lang, 'field')}</th><th scope="col">${t(ctx.lang, 'value')}</th></tr></thead><tbody>${rows}</tbody></table>`
}

/** The card page, or a 404 page for an unknown type or item. */
export function cardPage(portal: PortalHandle, ctx: PageContext, entityTypeId: number, itemId: number, uri: string): { status: number, body: string } {
  const type = getType(portal, entityTypeId)
  if (!type)
    return notFoundPage(portal, ctx, t(ctx.lang, 'not_found_type', { id: entityTypeId }))
  const item = getItem(portal, entityTypeId, itemId, ctx.userId)
  if (!item)
    return notFoundPage(portal, ctx, t(ctx.lang, 'not_found_item', { id: itemId }))
  const code = `CRM_DYNAMIC_${entityTypeId}_DETAIL_TAB`
  const bound = visiblePlacement(portal, code)
  const launch = bound ? buildLaunch(portal, ctx, { placement: code, options: detailTabOptions(itemId, uri), handler: bound.handler }) : null
  const appTab = bound
    ? html`<button type="button" role="tab" id="tab-app" aria-selected="false" aria-controls="panel-app" tabindex="-1">${placementTitle(bound, ctx.lang)}</button>`
    : ''
  const main = html`<p class="breadcrumbs"><a href="${href(ctx, `/crm/type/${entityTypeId}/list/`)}">${type.title}</a></p>
<div role="tablist" aria-label="${t(ctx.lang, 'tabs_label')}" class="tabs">
  <button type="button" role="tab" id="tab-general" aria-selected="true" aria-controls="panel-general">${t(ctx.lang, 'tab_general')}</button>
  ${appTab}
</div>
<div role="tabpanel" id="panel-general" aria-labelledby="tab-general" class="card">${fieldsTable(ctx, item)}</div>
${bound ? html`<div role="tabpanel" id="panel-app" aria-labelledby="tab-app" class="card app-panel" hidden><div class="app-frame" data-launch="tab"></div></div>` : html`<p class="hint">${t(ctx.lang, 'tab_hint_unbound', { code })}</p>`}`
  const title = t(ctx.lang, 'item_title', { type: type.title, title: String(item.title ?? `#${itemId}`) })
  return { status: 200, body: page({ ctx, portal, title, main, current: `/crm/type/${entityTypeId}/list/`, entityTypeId, data: { launches: launch ? { tab: launch } : {} } }) }
}
