/**
 * `/marketplace/app/`: the app's own page (placement DEFAULT). Until
 * installFinish the admin gets the app in install mode (INSTALL, FIRST_RUN)
 * and finishes the install there; others are told to wait (REST docs,
 * settings/app-installation/local-apps/installation-master.md).
 */
import type { PortalHandle } from '../../contract'
import type { PageContext } from '../context'
import { html } from '../html'
import { buildLaunch } from '../launch'
import { page } from '../layout'
import { isAdmin } from '../portal-data'
import { t } from '../strings'

export function appPage(portal: PortalHandle, ctx: PageContext): { status: number, body: string } {
  const installed = portal.isInstalled()
  const canInstall = isAdmin(portal, ctx.userId)
  const title = t(ctx.lang, 'app_page_title')
  if (!installed && !canInstall)
    return { status: 200, body: page({ ctx, portal, title, main: html`<p class="notice">${t(ctx.lang, 'app_not_installed_employee')}</p>`, current: '/marketplace/app/' }) }
  const launch = buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: portal.appUrl, install: !installed })
  const main = html`${installed ? '' : html`<p class="notice">${t(ctx.lang, 'app_install_notice')}</p>`}
<div class="card app-panel"><div class="app-frame" data-launch="app" data-autoload></div></div>`
  return { status: 200, body: page({ ctx, portal, title, main, current: '/marketplace/app/', data: { launches: { app: launch } } }) }
}
