/**
 * The contract between the app and the portal frame it runs in: what a
 * started frame gives (init data, a gateway, frame commands). The one door
 * to the frame is portal/frame.ts; connect.ts builds this from it; tests
 * hand the stores one over the emulator.
 */
import type { SmartProcessGateway } from './gateway'

/** The frame commands the views use (docs/platform.md "Frame": b24.parent.*). */
export interface FrameControls {
  /** Sets the iframe's height to `height` px, width unchanged. */
  resizeHeight: (height: number) => Promise<unknown>
  /** Asks the parent to fit the iframe to the document. */
  fitWindow: () => Promise<unknown>
  /** The title of the page in the portal layout. */
  setTitle: (title: string) => Promise<unknown>
  /** Opens a portal page (`/crm/type/…`) in the portal's slider. Absent outside a portal frame. */
  openSlider?: (path: string) => Promise<unknown>
  /** Opens the app's page in a slider with these PLACEMENT_OPTIONS (`{ map: '1030' }`: the relation map on that type). Absent outside a portal frame. */
  openApplication?: (options: Record<string, string>) => Promise<unknown>
}

/**
 * What the app page needs to install itself (docs/platform.md "Placements", "Frame"). Only a
 * portal frame gives it: the vibecode gateway has no placement.* methods.
 */
export interface InstallControls {
  /** INSTALL or FIRST_RUN of the init data: bind every placement, then finish. */
  isFirstRun: boolean
  /** The URL the app was loaded from, without its query (DOMAIN, APP_SID, ...): the handler to bind. */
  handlerUrl: string
  /** installFinish; resolves false outside install mode, where the SDK would reject (docs/platform.md "Frame"). */
  finish: () => Promise<boolean>
}

/** What a started portal frame gives the app: init data, a gateway, frame commands. */
export interface PortalConnection {
  /** PLACEMENT of the init data: `CRM_DYNAMIC_<id>_DETAIL_TAB`, `DEFAULT`, ... */
  placement: string
  placementOptions: Readonly<Record<string, unknown>>
  /** LANG of the init data (en, ru, de, ...). */
  lang: string
  /** IS_ADMIN of the init data (portal administrator); the user read over REST confirms it later. */
  isAdmin: boolean
  /** The portal's host (DOMAIN) when known: names an exported setup file, never a token. */
  portalName?: string
  gateway: SmartProcessGateway
  frame: FrameControls
  /** Present inside a portal frame; absent over the vibecode gateway (no placements there). */
  install?: InstallControls
}
