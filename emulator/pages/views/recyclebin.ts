/**
 * `/recyclebin/`: the portal's recycle bin, items grouped by type, each with
 * "Restore" and "Delete permanently", and "Empty" per type and for all.
 * Plain HTML forms: POST, then back to this page (303), as the portal does.
 */
import type { PortalHandle, RecycleBinView } from '../../contract'
import type { PageContext } from '../context'
import { href } from '../context'
import { html } from '../html'
import { page } from '../layout'
import { listTypes, userName } from '../portal-data'
import { t } from '../strings'

export const RECYCLEBIN_PATH = '/recyclebin/'

function hidden(entityTypeId: number, id?: number) {
  return html`<input type="hidden" name="entityTypeId" value="${entityTypeId}">${id === undefined ? '' : html`<input type="hidden" name="id" value="${id}">`}`
}

export function recycleBinPage(portal: PortalHandle, ctx: PageContext): { status: number, body: string } {
  const l = ctx.lang
  const entries = portal.recycleBin.entries()
  const titles = new Map(listTypes(portal).map(type => [type.entityTypeId, type.title]))
  const typeIds = [...new Set(entries.map(e => e.entityTypeId))]
  const row = (e: RecycleBinView) => html`<tr>
    <td>${e.id}</td><td>${e.title}</td><td>${userName(portal, e.deletedBy)}</td><td><time datetime="${e.deletedAt}">${e.deletedAt.replace('T', ' ').slice(0, 19)}</time></td>
    <td class="bin-actions">
      <form method="post" action="${href(ctx, `${RECYCLEBIN_PATH}restore`)}">${hidden(e.entityTypeId, e.id)}<button type="submit" class="btn" aria-label="${t(l, 'bin_restore_item', { title: e.title })}">${t(l, 'bin_restore')}</button></form>
      <form method="post" action="${href(ctx, `${RECYCLEBIN_PATH}erase`)}">${hidden(e.entityTypeId, e.id)}<button type="submit" class="btn" aria-label="${t(l, 'bin_erase_item', { title: e.title })}">${t(l, 'bin_erase')}</button></form>
    </td>
  </tr>`
  const sections = typeIds.map((id) => {
    const name = titles.get(id) ?? t(l, 'bin_type_gone', { id })
    const rows = entries.filter(e => e.entityTypeId === id).map(row)
    return html`<section class="card" aria-labelledby="bin-${id}">
  <h2 id="bin-${id}">${name}</h2>
  <table class="items"><thead><tr><th scope="col">ID</th><th scope="col">${t(l, 'list_item')}</th><th scope="col">${t(l, 'bin_deleted_by')}</th><th scope="col">${t(l, 'bin_deleted_at')}</th><th scope="col">${t(l, 'bin_actions')}</th></tr></thead><tbody>${rows}</tbody></table>
  <form method="post" action="${href(ctx, `${RECYCLEBIN_PATH}empty`)}">${hidden(id)}<button type="submit" class="btn" aria-label="${t(l, 'bin_empty_type', { type: name })}">${t(l, 'bin_empty')}</button></form>
</section>`
  })
  const main = entries.length
    ? html`<form method="post" action="${href(ctx, `${RECYCLEBIN_PATH}empty`)}"><button type="submit" class="btn">${t(l, 'bin_empty_all')}</button></form>${sections}`
    : html`<div class="card"><p>${t(l, 'bin_none')}</p></div>`
  return { status: 200, body: page({ ctx, portal, title: t(l, 'bin_title'), main, current: RECYCLEBIN_PATH }) }
}
