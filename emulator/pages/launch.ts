/**
 * How the emulated portal opens the app, as Bitrix24 does (docs/platform.md "Frame", "Placements";
 * REST docs widgets/_includes/widget_data.md): an iframe on the handler's
 * origin named "DOMAIN|PROTOCOL|APP_SID", loaded by a form POST whose query
 * carries DOMAIN, PROTOCOL, LANG, APP_SID and whose body carries the tokens
 * and the placement; the same facts answer the frame's getInitData.
 */
import { randomBytes } from 'node:crypto'
import type { PortalHandle } from '../contract'
import type { PageContext } from './context'
import { isAdmin } from './portal-data'
import { appOptions, userOptions } from './state'
import { t } from './strings'

/** getInitData's answer, with the types b24jssdk 2.2 declares (MessageInitData in its index.d.ts). */
export interface InitData {
  LANG: string
  DOMAIN: string
  /** "0" http, "1" https; the SDK parses it with parseInt. */
  PROTOCOL: string
  PATH: string
  AUTH_ID: string
  /** Seconds as a string; the SDK parses it with parseInt. */
  AUTH_EXPIRES: string
  REFRESH_ID: string
  MEMBER_ID: string
  FIRST_RUN: boolean
  IS_ADMIN: boolean
  INSTALL: boolean
  USER_OPTIONS: Record<string, unknown>
  APP_OPTIONS: Record<string, unknown>
  PLACEMENT: string
  /** An object here; a JSON string in the form POST. */
  PLACEMENT_OPTIONS: Record<string, unknown>
}

/** Everything the page script needs to open the app once. Rendered into the page, never into a URL. */
export interface Launch {
  appSid: string
  /** The iframe's name, which becomes the app's window.name. */
  windowName: string
  /** The handler with DOMAIN, PROTOCOL, LANG, APP_SID in its query: the form's action. */
  action: string
  /** Messages are accepted only from this origin. */
  appOrigin: string
  /** What the frame area says until the app's first message, in the page's language. */
  loadingText: string
  /** The form body. */
  post: Record<string, string>
  init: InitData
  userId: number
}

export interface LaunchOptions {
  placement: string
  /** PLACEMENT_OPTIONS; omitted from the POST when undefined (the app page). */
  options?: Record<string, unknown>
  /** The bound handler; the app page uses portal.appUrl. */
  handler: string
  /** Install mode: the app page while installFinish has not been called. */
  install?: boolean
}

/** PLACEMENT_OPTIONS of CRM_DYNAMIC_<id>_DETAIL_TAB: the item id as a string, and the page URI (REST docs widgets/crm/detail-tab.md). */
export function detailTabOptions(itemId: number, uri: string): Record<string, string> {
  return { ID: String(itemId), URI: uri }
}

/** PLACEMENT_OPTIONS of CRM_DYNAMIC_<id>_LIST_TOOLBAR: only the page URI (REST docs widgets/crm/list-toolbar.md). */
export function listToolbarOptions(uri: string): Record<string, string> {
  return { URI: uri }
}

/** The OAuth server's REST endpoint a cloud portal names in the handler POST. */
export const SERVER_ENDPOINT = 'https://oauth.bitrix.info/rest/'

/** A fresh application session id, as Bitrix24 makes one per widget render (32 hex chars). */
export function newAppSid(): string {
  return randomBytes(16).toString('hex')
}

/** Builds one launch of the app for the page's user, with tokens issued now. */
export function buildLaunch(portal: PortalHandle, ctx: PageContext, opts: LaunchOptions): Launch {
  const tokens = portal.issueTokens(ctx.userId, ctx.lang)
  const appSid = newAppSid()
  const protocol = '0' // the emulator serves http only
  const url = new URL(opts.handler)
  url.searchParams.set('DOMAIN', ctx.host)
  url.searchParams.set('PROTOCOL', protocol)
  url.searchParams.set('LANG', ctx.lang)
  url.searchParams.set('APP_SID', appSid)
  // The order and fields of widgets/crm/detail-tab.md "Что получает обработчик".
  const post: Record<string, string> = {
    AUTH_ID: tokens.accessToken,
    AUTH_EXPIRES: String(tokens.expiresIn),
    REFRESH_ID: tokens.refreshToken,
    SERVER_ENDPOINT,
    APPLICATION_TOKEN: portal.applicationToken(),
    APPLICATION_SCOPE: portal.faults.appScopes.join(','),
    member_id: tokens.memberId,
    status: 'L',
    PLACEMENT: opts.placement,
  }
  if (opts.options)
    post.PLACEMENT_OPTIONS = JSON.stringify(opts.options)
  const install = opts.install ?? false
  return {
    appSid,
    windowName: `${ctx.host}|${protocol}|${appSid}`,
    action: url.toString(),
    appOrigin: url.origin,
    loadingText: t(ctx.lang, 'app_loading'),
    post,
    userId: ctx.userId,
    init: {
      LANG: ctx.lang,
      DOMAIN: ctx.host,
      PROTOCOL: protocol,
      PATH: ctx.path,
      AUTH_ID: tokens.accessToken,
      AUTH_EXPIRES: String(tokens.expiresIn),
      REFRESH_ID: tokens.refreshToken,
      MEMBER_ID: tokens.memberId,
      FIRST_RUN: install,
      IS_ADMIN: isAdmin(portal, ctx.userId),
      INSTALL: install,
      USER_OPTIONS: userOptions(portal, ctx.userId),
      APP_OPTIONS: appOptions(portal, ctx.userId),
      PLACEMENT: opts.placement,
      PLACEMENT_OPTIONS: opts.options ?? {},
    },
  }
}
