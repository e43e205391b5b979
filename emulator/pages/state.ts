import type { PortalHandle } from '../contract'

/** What the emulated parent page keeps beside the model: its own fault switch and the app's stored options. */
export interface PagesState {
  /** "Refresh does not answer": the frame leaves refreshAuth unanswered, so the SDK times out (docs/platform.md "Frame"). */
  refreshSilent: boolean
  /** setAppOption values when the model has no app.option.* methods. */
  appOptions: Record<string, unknown>
  /** setUserOption values per user when the model has no user.option.* methods. */
  userOptions: Map<number, Record<string, unknown>>
}

const states = new WeakMap<PortalHandle, PagesState>()

/** The pages' state of one portal (created on first use). */
export function pagesState(portal: PortalHandle): PagesState {
  let state = states.get(portal)
  if (!state) {
    state = { refreshSilent: false, appOptions: {}, userOptions: new Map() }
    states.set(portal, state)
  }
  return state
}

function fromModel(portal: PortalHandle, method: string, userId: number): Record<string, unknown> | null {
  const reply = portal.call(method, {}, { userId })
  if (reply.status !== 200)
    return null
  // An empty option set comes back as [] (a PHP empty array).
  const result = (reply.body as { result?: unknown } | null)?.result
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? result as Record<string, unknown> : {}
}

/** APP_OPTIONS for the init data: the model's app.option.get, else what the frame stored. */
export function appOptions(portal: PortalHandle, userId: number): Record<string, unknown> {
  return fromModel(portal, 'app.option.get', userId) ?? { ...pagesState(portal).appOptions }
}

/** USER_OPTIONS for the init data: the model's user.option.get, else what the frame stored. */
export function userOptions(portal: PortalHandle, userId: number): Record<string, unknown> {
  return fromModel(portal, 'user.option.get', userId) ?? { ...pagesState(portal).userOptions.get(userId) }
}

/**
 * Stores an option the app set through the frame (setAppOption / setUserOption).
 * Goes through the model when it has the method (so admin rules apply), else keeps it here.
 * @returns the wire error code, or null when stored.
 */
export function storeOption(portal: PortalHandle, scope: 'app' | 'user', userId: number, name: string, value: unknown): string | null {
  const reply = portal.call(`${scope}.option.set`, { options: { [name]: value } }, { userId })
  if (reply.status === 200)
    return null
  const code = (reply.body as { error?: string } | null)?.error ?? 'ERROR'
  if (code !== 'ERROR_METHOD_NOT_FOUND')
    return code
  const state = pagesState(portal)
  if (scope === 'app')
    state.appOptions[name] = value
  else
    state.userOptions.set(userId, { ...state.userOptions.get(userId), [name]: value })
  return null
}
