/**
 * The emulated portal in-process (no HTTP): the model, the REST pipeline
 * (auth, rate limit, faults, request log) and the PortalHandle the pages use.
 * `createPortal()` runs in vitest as it is; the HTTP server wraps it.
 */
import type { CallContext, Faults, IssuedTokens, PortalHandle, PortalLang, WireReply } from '../contract'
import type { ModelContext } from './context'
import type { Dispatcher, MethodOutcome } from './methods'
import type { PortalState } from './state'
import { randomBytes } from 'node:crypto'
import { timeBlock } from './batch'
import { errors, RestError } from './errors'
import { defaultFaults } from './faults'
import { createDispatcher } from './methods'
import { LeakyBucket } from './rate-limit'
import { RequestLog } from './request-log'
import type { SeedKind } from './seed'
import { ensureStages } from './categories'
import { addExtraTypes, seedState } from './seed'
import type { TokenSession } from './tokens'
import { TokenStore } from './tokens'
import { otherAdminEdit } from './other-admin'
import { recycleBinHandle } from './recycle-bin-handle'

export interface PortalOptions {
  /** Where the app is served (pages iframe and POST it). @default 'http://localhost:5173/' */
  appUrl?: string
  /** Start from this state instead of the seed (persistence). */
  initialState?: PortalState
  /** Which seed a fresh (or reset) portal starts from (seed.ts). @default 'demo' */
  seed?: SeedKind
  /** The portal's name on its pages, when several run side by side ("Portal B"). @default none */
  portalName?: string
  /** Smart processes added to a fresh seed (benchmarks). @default 0 */
  extraTypes?: number
  /** Access token lifetime in seconds. @default 3600 */
  tokenTtlSeconds?: number
  /** Maximum number of smart processes. @default 1000 */
  maxTypes?: number
  /** User 1's inbound webhook secret. @default random */
  webhookSecret?: string
  /** The vibecode gateway's X-Api-Key. @default random */
  apiKey?: string
  /** More gateway keys that fail in documented ways (seeds 000/001/004): no crm scope, no tokens. */
  restrictedApiKeys?: Record<string, 'no_scope' | 'no_tokens'>
  /**
   * The scopes the app is registered with (Faults.appScopes starts from it).
   * @default ['crm', 'placement', 'entity']
   */
  scopes?: string[]
  faults?: Partial<Faults>
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number
  /** 0..1 random source for the error-rate fault. @default Math.random */
  random?: () => number
  /** Called after every change of the state (persistence). */
  onChange?: (state: PortalState) => void
}

/** One REST request as it reached the portal: OAuth `auth`, or a webhook's user and secret. */
export interface RestRequest {
  method: string
  params: Record<string, unknown>
  auth?: string
  webhook?: { userId: number, secret: string }
}

/** The in-process portal: PortalHandle plus what the HTTP layer and tests need. */
export interface Portal extends PortalHandle {
  readonly ctx: ModelContext
  readonly dispatcher: Dispatcher
  readonly log: RequestLog
  readonly webhookSecret: string
  readonly apiKey: string
  readonly restrictedApiKeys: Record<string, 'no_scope' | 'no_tokens'>
  readonly tokenTtlSeconds: number
  /** The whole REST pipeline: auth, rate limit, error-rate fault, dispatch, log. */
  rest: (req: RestRequest) => WireReply
  /** The user of an access token, or throws RestError (401). */
  authenticate: (accessToken: string) => number
  /** The user and language of an access token, or throws RestError (401). */
  session: (accessToken: string) => TokenSession
  /** Records that the state changed outside `rest` (the /v1 gateway, control API). */
  changed: () => void
  /** Back to the seed (log and rate buckets cleared; issued tokens stay valid). */
  reset: () => void
  /** Adds N smart processes; returns their entityTypeIds. */
  addTypes: (count: number) => number[]
}

const READ_ONLY = /(\.get|\.list|\.fields|\.current|\.admin|\.info|\.getbyentitytypeid|\.ownertype|\.entity\.types|\.entity\.items)$|^(profile|methods|scope)$/i

function isWrite(method: string, commands?: string[]): boolean {
  if (commands)
    return commands.some(c => !READ_ONLY.test(c))
  return !READ_ONLY.test(method.replace(/\.json$/i, ''))
}

/** Builds `{result, time, total?, next?}` (docs/platform.md "Frame"). */
export function successBody(out: MethodOutcome, startMs: number, finishMs: number): Record<string, unknown> {
  const body: Record<string, unknown> = { result: out.result }
  if (out.total !== undefined)
    body.total = out.total
  if (out.next !== undefined)
    body.next = out.next
  body.time = timeBlock(startMs, finishMs)
  return body
}

export function createPortal(options: PortalOptions = {}): Portal {
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const fresh = () => seedState(undefined, options.seed)
  // A data file written before stages gets the default stages of its pipelines now (categories.ts).
  if (options.initialState)
    ensureStages(options.initialState)
  const faults: Faults = { ...defaultFaults(options.scopes), ...options.faults }
  const ctx: ModelContext = {
    state: options.initialState ?? fresh(),
    now,
    maxTypes: options.maxTypes ?? 1000,
    dropRelationsTo: () => faults.dropRelationsTo,
    faults: () => faults,
  }
  if (!options.initialState && options.extraTypes)
    addExtraTypes(ctx, options.extraTypes)
  const dispatcher = createDispatcher(ctx)
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600
  const tokens = new TokenStore(tokenTtlSeconds, () => ctx.state.memberId, now)
  const bucket = new LeakyBucket(2, 50, now)
  const log = new RequestLog()
  const changed = () => options.onChange?.(ctx.state)

  const call = (method: string, params: Record<string, unknown>, c: CallContext): WireReply => {
    const start = now()
    try {
      const out = dispatcher.run(method, params, c)
      if (isWrite(method, out.commands))
        changed()
      return { status: 200, body: successBody(out, start, now()) }
    }
    catch (e) {
      if (e instanceof RestError)
        return { status: e.status, body: e.toBody(c.lang) }
      throw e
    }
  }

  const rest = (req: RestRequest): WireReply => {
    const start = now()
    let userId: number | null = null
    let lang: PortalLang = 'en'
    let commands: string[] | undefined
    let reply: WireReply
    try {
      let bucketKey: string
      let call: CallContext
      if (req.webhook) {
        // Inbound webhooks: user 1's secret (PORTAL_WEBHOOK), every scope (tests read the state through them).
        if (req.webhook.userId !== 1 || req.webhook.secret !== webhookSecret)
          throw errors.invalidCredentials()
        userId = 1
        bucketKey = `hook:${req.webhook.secret}`
        call = { userId }
      }
      else {
        if (!req.auth)
          throw errors.noAuth()
        const session = tokens.session(req.auth)
        userId = session.userId
        lang = session.lang
        bucketKey = `token:${req.auth}`
        // _includes/system-errors.md: 403 user_access_error when the admin limited the app to some users.
        if (faults.appUsers && !faults.appUsers.includes(userId))
          throw errors.userAccess()
        call = { userId, lang, scopes: faults.appScopes }
      }
      if (faults.rateLimit && !bucket.take(bucketKey))
        throw errors.queryLimit()
      if (!req.webhook && faults.rateLimitBurst > 0) {
        faults.rateLimitBurst -= 1
        throw errors.queryLimit()
      }
      if (faults.errorRate > 0 && random() < faults.errorRate)
        throw errors.internal()
      const out = dispatcher.run(req.method, req.params, call)
      commands = out.commands
      if (isWrite(req.method, commands))
        changed()
      reply = { status: 200, body: successBody(out, start, now()) }
    }
    catch (e) {
      if (!(e instanceof RestError))
        throw e
      reply = { status: e.status, body: e.toBody(lang) }
    }
    const body = reply.body as { error?: string | number }
    log.add({
      at: new Date(start).toISOString(),
      via: req.webhook ? 'webhook' : 'rest',
      method: req.method.replace(/\.json$/i, ''),
      ...(commands ? { commands } : {}),
      userId,
      status: reply.status,
      ...(body.error !== undefined ? { error: body.error } : {}),
      durationMs: now() - start,
    })
    return reply
  }

  const webhookSecret = options.webhookSecret ?? randomBytes(8).toString('hex')
  const apiKey = options.apiKey ?? `sps_${randomBytes(12).toString('hex')}`

  return {
    ctx,
    dispatcher,
    log,
    webhookSecret,
    apiKey,
    restrictedApiKeys: options.restrictedApiKeys ?? {},
    tokenTtlSeconds,
    faults,
    appUrl: options.appUrl ?? 'http://localhost:5173/',
    ...(options.portalName ? { portalName: options.portalName } : {}),
    call,
    rest,
    authenticate: token => tokens.authenticate(token),
    session: token => tokens.session(token),
    changed,
    issueTokens: (userId: number, lang?: PortalLang): IssuedTokens => tokens.issue(userId, lang),
    applicationToken: () => (ctx.state.applicationToken ??= randomBytes(16).toString('hex')),
    refreshTokens: (refreshToken: string) => tokens.refreshTokens(refreshToken),
    expireAllTokens: () => tokens.expireAll(),
    isInstalled: () => ctx.state.installed,
    markInstalled: () => {
      ctx.state.installed = true
      changed()
    },
    simulateOtherAdminEdit: (entityTypeId: number) => {
      const outcome = otherAdminEdit(ctx, entityTypeId)
      changed()
      return outcome
    },
    reset: () => {
      ctx.state = seedState(ctx.state.memberId, options.seed)
      if (options.extraTypes)
        addExtraTypes(ctx, options.extraTypes)
      log.clear()
      bucket.reset()
      changed()
    },
    recycleBin: recycleBinHandle(() => ctx, changed),
    addTypes: (count: number) => {
      const ids = addExtraTypes(ctx, count)
      changed()
      return ids
    },
  }
}
