/**
 * The Bitrix24 frame: b24jssdk started once per page (docs/platform.md "Frame"),
 * held outside Vue reactivity, behind a small typed facade. Opened outside a
 * portal it fails at once with `outside_portal`; a parent that never answers
 * ends in `timeout`; garbled init data in `bad_context`. Never a hang.
 * Tokens stay inside the SDK: nothing here returns, stores or logs them.
 */
import type { B24Frame } from '@bitrix24/b24jssdk'
import type { PlacementOptions } from '@/domain/placement'
import { initializeB24Frame } from '@bitrix24/b24jssdk'
import { markRaw } from 'vue'
import { AppError, isAppError } from '@/domain/errors'
import { parsePlacementOptions } from '@/domain/placement'
import { readSdkError, scrubDetail, mapPortalError } from './errors'
import { SDK_WRITE_SAFETY, withTimeout } from './rest-client'
import { readBool } from './wire-common'

/** What the portal told the app when it opened it (getInitData), tokens left out. */
export interface FrameInit {
  /** The portal's language (LANG): en, ru, de, ua, ... */
  lang: string
  /** The placement code; `DEFAULT` on the app's own page. */
  placement: string
  /** PLACEMENT_OPTIONS read defensively (object or JSON string, any key case). */
  placementOptions: PlacementOptions
  /** IS_ADMIN: whether the user may change the portal's settings. */
  isAdmin: boolean
  /** `http(s)://host[:port]` of the portal. */
  portalOrigin: string
  /** The portal's host (DOMAIN). */
  domain: string
  /** MEMBER_ID: the portal's id for this app. */
  memberId: string
  /** INSTALL: the app is opened to finish its installation. */
  isInstallMode: boolean
  /** FIRST_RUN. */
  isFirstRun: boolean
  /** Opened in a slider (PLACEMENT_OPTIONS.IFRAME = 'Y'). */
  isSliderMode: boolean
}

/** The frame facade the app uses. */
export interface PortalFrame {
  readonly init: Readonly<FrameInit>
  /** The SDK instance, for the REST client only (createSdkRestClient). Marked raw: never put it in reactive state. */
  readonly b24: B24Frame
  /** Asks the parent for a fresh token (the SDK also does this by itself on a 401). Rejects with AppError `expired_token`. */
  refreshAuth: () => Promise<void>
  resizeWindow: (width: number, height: number) => Promise<void>
  /** Sets only the frame's height; the width stays "100%" as fitWindow sends it (b24jssdk frame/parent.mjs). */
  resizeHeight: (height: number) => Promise<void>
  /** Resizes the frame to the page's scroll height. */
  fitWindow: () => Promise<void>
  /** The page title in the portal's layout. */
  setTitle: (title: string) => Promise<void>
  /**
   * Tells the portal the installation is done, so placements show
   * (docs/platform.md "Placements"). Only in install mode: otherwise does nothing and
   * resolves false, since the SDK rejects there (docs/platform.md "Frame").
   */
  installFinish: () => Promise<boolean>
  /** Opens a portal page (`/crm/type/…`) in a slider; resolves when it closes. */
  openSlider: (path: string, width?: number) => Promise<void>
  /**
   * Opens the app's own page (DEFAULT) in a slider with `options` as its
   * PLACEMENT_OPTIONS (BX24.openApplication, docs/platform.md "Frame");
   * resolves when that slider closes.
   */
  openApplication: (options: Record<string, string>) => Promise<void>
}

export interface StartFrameOptions {
  /** Longest wait for the parent's init data. @default 10000 */
  timeoutMs?: number
  /**
   * How the SDK is started. @default initializeB24Frame (once per page).
   * Tests pass a fresh `new B24Frame(...).init()`: the SDK keeps its
   * once-per-page promise in node_modules, out of reach of vi.resetModules.
   */
  initialize?: () => Promise<B24Frame>
}

/** `DOMAIN|PROTOCOL|APP_SID`, PROTOCOL 0 or 1 (docs/platform.md "Frame"). */
const WINDOW_NAME = /^[^|\s]+\|[01]\|[^|\s]+$/

/** Whether this page runs where a Bitrix24 parent can answer: window.name in the portal's format, inside a frame. */
export function isInsidePortal(win: Window = window): boolean {
  let framed = false
  try {
    framed = win.parent !== win
  }
  catch {
    framed = true // a cross-origin parent can still be messaged
  }
  return framed && WINDOW_NAME.test(win.name ?? '')
}

let started: Promise<PortalFrame> | null = null

/**
 * Starts b24jssdk once per page and resolves with the facade; later calls
 * get the same promise. Rejects with AppError: `outside_portal` at once when
 * there is no portal around the page, `timeout` when the parent does not
 * answer, `bad_context` when its init data is unusable. After a rejection
 * the next call tries again.
 */
export function startFrame(options: StartFrameOptions = {}): Promise<PortalFrame> {
  if (started)
    return started
  const pending = connect(options.timeoutMs ?? 10_000, options.initialize ?? defaultInitialize)
  started = pending
  pending.catch(() => {
    if (started === pending)
      started = null
  })
  return pending
}

function defaultInitialize(): Promise<B24Frame> {
  // The SDK would resend a crm.type.add whose answer was lost (a dropped
  // connection, a proxy's 502) and create the type twice; rest-client.ts retries reads only.
  return initializeB24Frame({ restrictionParams: { ...SDK_WRITE_SAFETY, hardErrorCodes: [...SDK_WRITE_SAFETY.hardErrorCodes] } })
}

async function connect(timeoutMs: number, initialize: () => Promise<B24Frame>): Promise<PortalFrame> {
  if (!isInsidePortal())
    throw new AppError({ code: 'outside_portal' })
  let b24: B24Frame
  try {
    // getInitData has no timeout of its own, and init() also waits for
    // setInstall on FIRST_RUN (docs/platform.md "Frame"): race both.
    b24 = await withTimeout(initialize(), timeoutMs, 'getInitData')
  }
  catch (e) {
    throw initError(e)
  }
  return makeFacade(markRaw(b24))
}

function initError(e: unknown): AppError {
  if (isAppError(e))
    return e
  const sdk = readSdkError(e)
  if (sdk?.code === 'JSSDK_CLIENT_SIDE_WARNING')
    return new AppError({ code: 'outside_portal' })
  // Anything else while reading init data (bad JSON, missing fields) is a garbled context.
  const detail = sdk ? `${sdk.code}: ${sdk.description}` : e instanceof Error ? e.message : String(e)
  return new AppError({ code: 'bad_context', detail: scrubDetail(detail) })
}

function badContext(detail: string): never {
  throw new AppError({ code: 'bad_context', detail })
}

/** Reads what the SDK kept of the init data, checking it is usable. */
export function readFrameInit(b24: B24Frame): FrameInit {
  let origin: string
  let lang: unknown
  let placement: unknown
  let rawOptions: unknown
  let memberId: unknown
  let hasToken: boolean
  try {
    origin = b24.getTargetOrigin()
    lang = b24.getLang()
    placement = b24.placement.placement
    rawOptions = b24.placement.options
    const auth = b24.auth.getAuthData()
    // Only these two facts are read off the auth data; the tokens are not kept.
    hasToken = auth !== false && typeof auth.access_token === 'string' && auth.access_token !== ''
    memberId = auth === false ? '' : auth.member_id
  }
  catch (e) {
    return badContext(e instanceof Error ? scrubDetail(e.message) : 'unreadable init data')
  }
  if (!hasToken)
    badContext('init data without a valid AUTH_ID / AUTH_EXPIRES')
  if (typeof placement !== 'string' || !/^[\w.-]*$/.test(placement))
    badContext('PLACEMENT is not a placement code')
  if (typeof lang !== 'string' || !/^[a-z]{2}(?:[-_][a-z]{2})?$/i.test(lang))
    badContext('LANG is not a language code')
  let url: URL
  try {
    url = new URL(origin)
  }
  catch {
    return badContext('DOMAIN is not a host')
  }
  const placementOptions = parsePlacementOptions(rawOptions)
  return {
    lang: lang.toLowerCase(),
    placement: placement === '' ? 'DEFAULT' : placement,
    placementOptions,
    // The parent may send these as booleans or as "Y"/"N": read either.
    isAdmin: readBool(b24.auth.isAdmin) ?? false,
    portalOrigin: url.origin,
    domain: url.host,
    memberId: typeof memberId === 'string' ? memberId : '',
    isInstallMode: readBool(b24.isInstallMode) ?? false,
    isFirstRun: readBool(b24.isFirstRun) ?? false,
    isSliderMode: placementOptions.all.IFRAME === 'Y',
  }
}

/** Frame commands fail as AppError too (resizeWindow rejects for sizes ≤ 0, docs/platform.md "Frame"). */
async function command(run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  }
  catch (e) {
    const err = mapPortalError(e)
    throw err.code === 'unknown' ? new AppError({ code: 'bad_context', detail: err.detail }) : err
  }
}

/** The facade over an initialised SDK instance. Exported for tests that start the SDK themselves. */
export function makeFacade(b24: B24Frame): PortalFrame {
  const init = Object.freeze(readFrameInit(b24))
  return Object.freeze({
    init,
    b24,
    async refreshAuth() {
      try {
        await b24.auth.refreshAuth()
      }
      catch (e) {
        const err = mapPortalError(e)
        throw err.code === 'expired_token' ? err : new AppError({ code: 'expired_token', retryable: true, detail: err.detail })
      }
    },
    resizeWindow: (width: number, height: number) => command(() => b24.parent.resizeWindow(width, height)),
    resizeHeight: (height: number) => command(async () => {
      if (!(height > 0))
        throw new AppError({ code: 'bad_context', detail: `height ${height}` })
      // ParentManager.resizeWindow wants a number width; fitWindow itself sends '100%'.
      return b24.parent.message.send('resizeWindow', { width: '100%', height: Math.ceil(height), isSafely: true })
    }),
    fitWindow: () => command(() => b24.parent.fitWindow()),
    setTitle: (title: string) => command(() => b24.parent.setTitle(title)),
    async installFinish() {
      if (!init.isInstallMode)
        return false
      await command(() => b24.installFinish())
      return true
    },
    openSlider: (path: string, width?: number) => command(() => b24.slider.openPath(b24.slider.getUrl(path), width)),
    openApplication: (options: Record<string, string>) => command(() => b24.slider.openSliderAppPage(options)),
  })
}
