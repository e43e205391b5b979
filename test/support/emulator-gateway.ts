/**
 * Test helpers: the real REST gateway over the real b24jssdk, talking to the
 * portal emulator either in-process (its REST dispatcher, same wire JSON,
 * no HTTP) or over its HTTP server. Only for tests and dev tools; never
 * imported by the app.
 *
 * The SDK is the production code path: `AbstractB24` + `HttpV2` with an auth
 * that holds emulator tokens and refreshes them as the portal page does
 * (B24Hook cannot be used: it forces https, docs/platform.md "Frame"). In-process, the
 * SDK's axios runs its fetch adapter over a fetch that calls `portal.call`.
 */
import type { AuthActions, AuthData, RestrictionParams } from '@bitrix24/b24jssdk'
import type { PortalHandle, PortalLang, WireReply } from '../../emulator/contract'
import type { SmartProcessGateway } from '@/portal/gateway'
import type { RestClient, RestClientOptions } from '@/portal/rest-client'
import type { RestGatewayOptions } from '@/portal/rest-gateway'
import { AbstractB24, ApiVersion, HttpV2, HttpV3, SdkError } from '@bitrix24/b24jssdk'
import { createSdkRestClient, SDK_WRITE_SAFETY } from '@/portal/rest-client'
import { createRestGateway } from '@/portal/rest-gateway'

/** The emulator's in-process portal as these helpers use it (`createPortal()` gives all of it). */
export type TestPortal = PortalHandle & {
  /** The REST pipeline with auth, limits and the request log; without it only `call` (no token check) is used. */
  rest?: (req: { method: string, params: Record<string, unknown>, auth?: string }) => WireReply
}

/** What a test can do to a request before it is sent. */
export type Interception =
  | undefined
  /** The connection drops before an answer (fetch rejects: axios ERR_NETWORK). */
  | 'drop'
  /** No answer ever (until the client's timeout). */
  | 'hang'
  /** The portal gets and runs the request, then the connection drops before the answer arrives. */
  | 'lose_answer'

export interface TestClientOptions extends RestClientOptions {
  /** Who calls: 1 = admin, 2 = employee, 3 = a second admin, 4 = CRM admin (not portal admin), 5 = employee who cannot read 1034. @default 1 */
  userId?: number
  /** The portal language the tokens carry: error texts come in it. @default 'en' */
  lang?: PortalLang
  /** Options of the gateway (createInProcessGateway, createHttpGateway). */
  gateway?: RestGatewayOptions
  /** Limits of the SDK's own limiter; the default lets tests run fast and retries quickly. */
  restrictionParams?: Partial<RestrictionParams>
  /** Called before each HTTP request with the REST method (`batch` for a batch). */
  intercept?: (method: string) => Interception
}

/** A test client plus what tests look at. */
export interface TestRestClient extends RestClient {
  /** Every HTTP request this client sent, by REST method, in order (retries included). */
  readonly requests: string[]
  /** The SDK object, for tests that poke at it. */
  readonly b24: AbstractB24
}

/** Fast limiter settings for tests; the retry counts and rules are the SDK's defaults. */
export const TEST_RESTRICTION_PARAMS: Partial<RestrictionParams> = {
  rateLimit: { burstLimit: 1000, drainRate: 1000, adaptiveEnabled: false },
  adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 0 },
  retryDelay: 50,
  maxRetries: 3,
  // As in the frame (frame.ts): a write is never resent after a lost answer.
  ...SDK_WRITE_SAFETY,
  hardErrorCodes: [...SDK_WRITE_SAFETY.hardErrorCodes],
}

/**
 * Auth like the frame's AuthManager: an access token with an expiry, and a
 * refresh that asks the portal for new tokens (what the parent page does on
 * `refreshAuth`, docs/platform.md "Frame").
 */
function emulatorAuth(portal: TestPortal, userId: number, origin: string, lang?: PortalLang): AuthActions {
  let tokens = portal.issueTokens(userId, lang)
  let expiresAt = Date.now() + tokens.expiresIn * 1000
  const data = (): AuthData => ({
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires: expiresAt / 1000,
    expires_in: tokens.expiresIn,
    domain: origin,
    member_id: tokens.memberId,
  })
  const paths = new Map<ApiVersion, string>([[ApiVersion.v2, `${origin}/rest`], [ApiVersion.v3, `${origin}/rest/api`]])
  return {
    getAuthData: () => (expiresAt > Date.now() ? data() : false),
    async refreshAuth() {
      const next = portal.refreshTokens(tokens.refreshToken)
      if (!next)
        throw new SdkError({ code: 'JSSDK_FRAME_REFRESH_AUTH_TIMEOUT', description: 'refreshAuth: the portal refused the refresh token', status: 401 })
      tokens = next
      expiresAt = Date.now() + tokens.expiresIn * 1000
      return data()
    },
    getUniq: (prefix: string) => `${prefix}_${tokens.memberId}`,
    isAdmin: userId === 1 || userId === 3,
    getTargetOrigin: () => origin,
    getTargetOriginWithPath: () => paths,
  }
}

class EmulatorB24 extends AbstractB24 {
  readonly #auth: AuthActions
  readonly #origin: string

  constructor(auth: AuthActions, origin: string, httpOptions: object, restriction: Partial<RestrictionParams>) {
    super()
    this.#auth = auth
    this.#origin = origin
    this._httpV2 = new HttpV2(auth, httpOptions, restriction)
    this._httpV3 = new HttpV3(auth, httpOptions, restriction)
    this._isInit = true
  }

  get auth(): AuthActions {
    return this.#auth
  }

  getTargetOrigin(): string {
    return this.#origin
  }

  getTargetOriginWithPath(): Map<ApiVersion, string> {
    return this.#auth.getTargetOriginWithPath()
  }
}

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

function methodOf(url: string): string {
  const path = new URL(url).pathname
  return decodeURIComponent(path.replace(/^.*\/rest\//, ''))
}

/** Wraps a fetch with the request log and the test's interceptions. */
function instrumented(send: FetchLike, log: string[], intercept: TestClientOptions['intercept']): FetchLike {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const method = methodOf(url)
    log.push(method)
    const what = intercept?.(method)
    if (what === 'drop')
      throw new TypeError('fetch failed: connection reset')
    if (what === 'hang')
      return new Promise<Response>(() => {})
    const response = await send(input, init)
    if (what === 'lose_answer')
      throw new TypeError('fetch failed: connection reset after the request was sent')
    return response
  }
}

function buildClient(portal: TestPortal, origin: string, send: FetchLike, options: TestClientOptions): TestRestClient {
  const requests: string[] = []
  const auth = emulatorAuth(portal, options.userId ?? 1, origin, options.lang)
  const httpOptions = { adapter: 'fetch', env: { fetch: instrumented(send, requests, options.intercept) } }
  const b24 = new EmulatorB24(auth, origin, httpOptions, { ...TEST_RESTRICTION_PARAMS, ...options.restrictionParams })
  const client = createSdkRestClient(b24, { timeoutMs: 5000, retryDelayMs: 20, ...options })
  return { ...client, requests, b24 }
}

/** The origin the in-process client pretends to talk to (never resolved). */
const IN_PROCESS_ORIGIN = 'http://portal.emulator.test'

/**
 * A REST client over the emulator's dispatcher in this process: the real
 * SDK builds the request, the JSON body goes to `portal.call`, its
 * `{status, body}` comes back as an HTTP response. Same wire, no sockets.
 */
export function createInProcessClient(portal: TestPortal, options: TestClientOptions = {}): TestRestClient {
  const userId = options.userId ?? 1
  const send: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const text = await request.text()
    let params: Record<string, unknown> = {}
    if (text) {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        params = parsed as Record<string, unknown>
    }
    const method = methodOf(request.url)
    // `rest` is the portal's whole pipeline (token check, rate limit, faults,
    // request log), as the HTTP server runs it; `call` only dispatches.
    const { auth, ...rest } = params
    const reply = portal.rest
      ? portal.rest({ method, params: rest, auth: typeof auth === 'string' ? auth : undefined })
      : portal.call(method, rest, { userId })
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } })
  }
  return buildClient(portal, IN_PROCESS_ORIGIN, send, { ...options, userId })
}

/**
 * A REST client over the emulator's HTTP server (`startEmulator`), e.g.
 * `http://127.0.0.1:4517`. Real sockets, Node's fetch.
 */
export function createHttpClient(portal: TestPortal, baseUrl: string, options: TestClientOptions = {}): TestRestClient {
  return buildClient(portal, baseUrl.replace(/\/+$/, ''), (input, init) => globalThis.fetch(input, init), options)
}

/** The app's REST gateway over the emulator in this process: what store tests use. */
export function createInProcessGateway(portal: TestPortal, options: TestClientOptions = {}): SmartProcessGateway & { client: TestRestClient } {
  const client = createInProcessClient(portal, options)
  return { ...createRestGateway(client, options.gateway), client }
}

/** The app's REST gateway over the emulator's HTTP server. */
export function createHttpGateway(portal: TestPortal, baseUrl: string, options: TestClientOptions = {}): SmartProcessGateway & { client: TestRestClient } {
  const client = createHttpClient(portal, baseUrl, options)
  return { ...createRestGateway(client, options.gateway), client }
}
