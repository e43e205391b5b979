/**
 * The emulated Bitrix24 page shell: header, left menu with the CRM smart processes, main area, fault panel, page script.
 * A portal with a name (several side by side, `npm run dev -- --portals 2`) shows it in the header and the window title.
 */
import type { PortalHandle } from '../contract'
import type { PageContext } from './context'
import type { SafeHtml } from './html'
import type { StringKey } from './strings'
import { href, KNOWN_USERS } from './context'
import { faultPanel } from './fault-panel'
import { html, jsonScript } from './html'
import { listTypes, userName } from './portal-data'
import { pagesState } from './state'
import { PORTAL_LANGS, t } from './strings'
import { slider } from './views/slider'

export const ASSETS = '/emulator/pages/assets'

export interface PageOptions {
  ctx: PageContext
  portal: PortalHandle
  title: string
  main: SafeHtml
  /** Which menu entry is current: a path. */
  current?: string
  /** The smart process this page is about (enables "Another admin edits this type"). */
  entityTypeId?: number
  /** Data for the page script (launches). */
  data?: Record<string, unknown>
}

const CLIENT_STRINGS: StringKey[] = ['fault_saved', 'fault_expired', 'fault_other_admin_done', 'fault_other_admin_relation', 'slider_close', 'pick_user']

function link(ctx: PageContext, path: string, label: string, current?: string): SafeHtml {
  return html`<a href="${href(ctx, path)}"${path === current ? html` aria-current="page"` : ''}>${label}</a>`
}

/** "Alex Morgan (administrator)" for the user switcher and the user picker. */
function userLabel(portal: PortalHandle, ctx: PageContext, id: number): string {
  return `${userName(portal, id)} (${t(ctx.lang, `role_${id}` as StringKey)})`
}

function header(ctx: PageContext, portal: PortalHandle): SafeHtml {
  const switchUser = KNOWN_USERS.map(id => html`<li><a href="${href({ ...ctx, userId: id }, ctx.path)}"${id === ctx.userId ? html` aria-current="true"` : ''}>${userLabel(portal, ctx, id)}</a></li>`)
  const switchLang = PORTAL_LANGS.map(l => html`<li><a href="${href({ ...ctx, lang: l }, ctx.path)}" lang="${l}"${l === ctx.lang ? html` aria-current="true"` : ''}>${l.toUpperCase()}</a></li>`)
  return html`<header class="portal-header">
  <a class="portal-logo" href="${href(ctx, '/')}">${t(ctx.lang, 'portal_name')}${portal.portalName ? html` <span class="portal-name">${portal.portalName}</span>` : ''}</a>
  <nav class="portal-switch" aria-label="${t(ctx.lang, 'user_label')}"><span aria-hidden="true">${t(ctx.lang, 'user_label')}:</span><ul>${switchUser}</ul></nav>
  <nav class="portal-switch" aria-label="${t(ctx.lang, 'lang_label')}"><ul>${switchLang}</ul></nav>
</header>`
}

function menu(ctx: PageContext, portal: PortalHandle, current?: string): SafeHtml {
  const types = listTypes(portal).map(type => html`<li>${link(ctx, `/crm/type/${type.entityTypeId}/list/`, type.title, current)}</li>`)
  return html`<nav class="portal-menu" aria-label="${t(ctx.lang, 'menu_label')}">
  <ul>
    <li>${link(ctx, '/', t(ctx.lang, 'menu_start'), current)}</li>
    <li><span class="portal-menu-group" id="menu-crm">${t(ctx.lang, 'menu_crm')}: ${t(ctx.lang, 'menu_smart_processes')}</span>
      <ul aria-labelledby="menu-crm">${types}</ul></li>
    <li>${link(ctx, '/marketplace/app/', t(ctx.lang, 'menu_app'), current)}</li>
    <li>${link(ctx, '/recyclebin/', t(ctx.lang, 'menu_recyclebin'), current)}</li>
  </ul>
</nav>`
}

/** A whole portal page. Inside a slider (`IFRAME=Y`) the header and menu are left out, as Bitrix24 does. */
export function page(opts: PageOptions): string {
  const { ctx } = opts
  const strings = Object.fromEntries(CLIENT_STRINGS.map(k => [k, t(ctx.lang, k)]))
  const data = {
    ...opts.data,
    userId: ctx.userId,
    lang: ctx.lang,
    domain: ctx.host,
    appUrl: opts.portal.appUrl,
    entityTypeId: opts.entityTypeId ?? null,
    users: KNOWN_USERS.map(id => ({ id, name: userName(opts.portal, id) })),
    faults: { refreshSilent: pagesState(opts.portal).refreshSilent },
    strings,
  }
  const body = html`<main id="main" class="portal-main">
  <h1 id="page-title">${opts.title}</h1>
  ${opts.main}
</main>
${slider(ctx)}`
  return `<!doctype html>${html`<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.portal.portalName ? `${opts.portal.portalName} · ${opts.title}` : opts.title}</title>
<link rel="stylesheet" href="${ASSETS}/portal.css">
</head>
<body class="${ctx.inSlider ? 'in-slider' : ''}">
${ctx.inSlider ? body : html`${header(ctx, opts.portal)}<div class="portal-body">${menu(ctx, opts.portal, opts.current)}<div class="portal-content">${body}${faultPanel(ctx, opts.portal, opts.entityTypeId)}</div></div>`}
${jsonScript('page-data', data)}
<script type="module" src="${ASSETS}/page.js"></script>
</body>
</html>`.value}`
}
