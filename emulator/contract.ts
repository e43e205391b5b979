/**
 * The seams inside the emulator, so its parts can be built and tested apart:
 * the model (pure, runs in vitest), the HTTP layer (REST, webhooks, /v1),
 * and the portal pages (card, list, app page, frame protocol, fault panel).
 *
 * In-process: `createPortal(options)` (model/portal.ts) returns a `Portal`,
 * a PortalHandle plus `rest()` (the whole REST pipeline: auth, rate limit,
 * faults, request log), `ctx.state`, `log`, `reset()`, `addTypes()`.
 * Over HTTP: `startEmulator({ port: 0, appUrl, dataFile: null })` (server.ts)
 * returns `{ url, portal, close }`.
 */

/** An answer exactly as the wire carries it: HTTP status and the JSON body. */
export interface WireReply {
  status: number
  body: unknown
}

/** The portal languages the emulator speaks (pages, error texts, crm.enum.ownertype names). */
export type PortalLang = 'en' | 'ru'

/**
 * Who is calling. Users (model/users.ts): 1 admin, 2 employee, 3 second admin,
 * 4 CRM admin who is not a portal admin, 5 employee who cannot read type 1034.
 */
export interface CallContext {
  userId: number
  /** The language of the token (the page's `?lang=`): error texts come in it. @default 'en' */
  lang?: PortalLang
  /**
   * The app's scopes for an OAuth call; `undefined` means every scope
   * (inbound webhooks, and the portal's own pages through PortalHandle.call).
   */
  scopes?: readonly string[]
}

/** Fault switches, shared by the HTTP layer, the pages' panel and tests. */
export interface Faults {
  /** Added to every REST and /v1 answer. */
  latencyMs: number
  /** 0..1: share of REST calls answered 500 INTERNAL_SERVER_ERROR. */
  errorRate: number
  /** The 2/s leaky bucket with burst 50, per token (docs/platform.md "Limits"). */
  rateLimit: boolean
  /** The portal drops relation writes to these entityTypeIds silently, as it does on save errors (docs/platform.md "Relations"). */
  dropRelationsTo: number[]
  /**
   * A burst over the limit: the next N OAuth REST requests (not webhooks, so
   * tests can still read the state) answer 503 QUERY_LIMIT_EXCEEDED; counts down.
   * @default 0
   */
  rateLimitBurst: number
  /**
   * The scopes the app is registered with. An OAuth call of a method outside
   * them answers 403 insufficient_scope (model/scopes.ts); webhooks keep all.
   * @default ['crm', 'placement', 'entity'] (PortalOptions.scopes, PORTAL_SCOPES)
   */
  appScopes: string[]
  /** The plan forbids editing smart processes: crm.type.update → 400 UPDATE_DYNAMIC_TYPE_RESTRICTED, nothing saved. */
  planForbidsUpdate: boolean
  /** The plan forbids creating smart processes: crm.type.add → 400 CREATE_DYNAMIC_TYPE_RESTRICTED. */
  planForbidsCreate: boolean
  /** `placement.bind` inside a batch gets its own result_error row ERROR_BATCH_METHOD_NOT_ALLOWED (docs/platform.md "Batch"); single calls work. */
  bindRefusedInBatch: boolean
  /**
   * Every placement allows one handler of the app: a second placement.bind
   * answers 400 ERROR_PLACEMENT_MAX_COUNT. (REST_APP_URI and
   * PAGE_BACKGROUND_WORKER always do, placement-bind.md.)
   */
  placementMaxCount: boolean
  /** The admin limited the app to these users; others get 403 user_access_error on every OAuth call. `null`: everyone. */
  appUsers: number[] | null
}

export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  /** Seconds until the access token expires. */
  expiresIn: number
  memberId: string
}

/** One item in the recycle bin, as the bin page lists it. */
export interface RecycleBinView {
  entityTypeId: number
  /** The item's id, kept on restore. */
  id: number
  title: string
  deletedBy: number
  /** ISO 8601. */
  deletedAt: string
}

/** The recycle bin as the portal's own page works it (model/recycle-bin.ts); each change is persisted. */
export interface RecycleBinHandle {
  entries: () => RecycleBinView[]
  /** Puts the item back with its id; false when there is no such entry (or its type is gone). */
  restore: (entityTypeId: number, id: number) => boolean
  /** "Delete permanently"; false when there is no such entry. */
  erase: (entityTypeId: number, id: number) => boolean
  /** Empties the bin, or one type's part of it; returns how many were erased. */
  empty: (entityTypeId?: number) => number
}

/** What the pages and tests use of a running portal. */
export interface PortalHandle {
  /** The REST dispatcher of the model, in-process: same answers as `POST /rest/<method>`. */
  call: (method: string, params: Record<string, unknown>, ctx: CallContext) => WireReply
  /** Access and refresh tokens for a user of the app (what the page puts in the handler POST and getInitData); REST answers to them speak `lang`. */
  issueTokens: (userId: number, lang?: PortalLang) => IssuedTokens
  /** A new access token for a refresh token (the frame's refreshAuth); null when unknown. */
  refreshTokens: (refreshToken: string) => IssuedTokens | null
  /** Makes every access token issued so far expire now. */
  expireAllTokens: () => void
  /** Whether installFinish has been called (placements show only after it). */
  isInstalled: () => boolean
  markInstalled: () => void
  faults: Faults
  /** "Another admin edits this type": flips a flag and adds a relation as user 3, through the model. */
  simulateOtherAdminEdit: (entityTypeId: number) => { flag: string, relationTo: number | null }
  /** Where the app is served; pages iframe and POST this URL. */
  appUrl: string
  /** The portal's name on its pages when several run side by side (`npm run dev -- --portals 2`); absent for the usual single portal. */
  portalName?: string
  /** APPLICATION_TOKEN of the handler POST: random, fixed per portal state (widgets/crm/detail-tab.md). */
  applicationToken: () => string
  /** The recycle bin page's operations. */
  recycleBin: RecycleBinHandle
}
