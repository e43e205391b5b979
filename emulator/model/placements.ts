/**
 * Placements (docs/platform.md "Placements"): placement.bind / unbind / get / list with the
 * portal's errors. Only admins call these (checked by the methods layer).
 */
import type { PlacementRecord, PortalState } from './state'
import { PLACEMENT_NAMES } from '../../src/domain/placement'
import { RestError } from './errors'
import { STANDARD_TYPES } from './state'
import { isRecord } from './wire'

/** The placement names of a CRM type: the domain's list, one source of truth (`CRM_DYNAMIC_<id>_<NAME>`, `CRM_DEAL_<NAME>`). */
const CRM_PLACEMENT_NAMES = PLACEMENT_NAMES

const GENERAL_PLACEMENTS = ['LEFT_MENU', 'REST_APP_URI', 'PAGE_BACKGROUND_WORKER', 'USER_PROFILE_MENU', 'USER_PROFILE_TOOLBAR']

/** Every placement code this portal knows right now (smart processes that exist). */
export function availablePlacements(state: PortalState): string[] {
  const standard = STANDARD_TYPES.flatMap(t => CRM_PLACEMENT_NAMES.map(n => `CRM_${t.symbol}_${n}`))
  const dynamic = state.types.flatMap(t => CRM_PLACEMENT_NAMES.map(n => `CRM_DYNAMIC_${t.entityTypeId}_${n}`))
  return [...GENERAL_PLACEMENTS, ...standard, ...dynamic]
}

const placementNotFound = () => new RestError(400, 'ERROR_PLACEMENT_NOT_FOUND', 'Placement not found')
const wrongHandler = () => new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
const alreadyBound = () => new RestError(400, 'ERROR_CORE', 'Handler already binded')
// rest/lib/api/placement.php: RestException('Placement max count: ' . max_count, ERROR_PLACEMENT_MAX_COUNT), status 400
// (placement-bind.md's table prints 200 for it; a RestException's default status is 400).
const maxCount = (max: number) => new RestError(400, 'ERROR_PLACEMENT_MAX_COUNT', `Placement max count: ${max}`)

/** Placements that take one handler per app whatever the switches say (placement-bind.md: ERROR_PLACEMENT_MAX_COUNT). */
export const SINGLE_HANDLER_PLACEMENTS = ['REST_APP_URI', 'PAGE_BACKGROUND_WORKER'] as const

/**
 * A handler must be an absolute http(s) URL on a host with a dot (the portal
 * refuses `http://intranet/...` with ERROR_WRONG_HANDLER_URL). localhost and
 * 127.0.0.1 are accepted here so the app can be bound in dev and e2e, where it
 * is served on localhost; a real portal would want a public domain.
 */
export function isValidHandler(handler: string): boolean {
  let url: URL
  try {
    url = new URL(handler)
  }
  catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return false
  return url.hostname.includes('.') || url.hostname === 'localhost'
}

/** Upper-cases parameter names: placement.* read PLACEMENT, HANDLER, ... in any case. */
function upperKeys(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toUpperCase(), v]))
}

/**
 * placement.bind → true. `everyPlacementSingle` (fault switch placementMaxCount)
 * gives every placement a limit of one handler. The limit counts the app's
 * handlers of the placement whatever their URL, before the duplicate check,
 * as rest/lib/api/placement.php does.
 */
export function bindPlacement(state: PortalState, userId: number, raw: Record<string, unknown>, everyPlacementSingle = false): true {
  const p = upperKeys(raw)
  const code = String(p.PLACEMENT ?? '').trim().toUpperCase()
  if (!code || !availablePlacements(state).includes(code))
    throw placementNotFound()
  const handler = String(p.HANDLER ?? '').trim()
  if (!isValidHandler(handler))
    throw wrongHandler()
  const single = everyPlacementSingle || (SINGLE_HANDLER_PLACEMENTS as readonly string[]).includes(code)
  if (single && state.placements.some(b => b.placement === code))
    throw maxCount(1)
  if (state.placements.some(b => b.placement === code && b.handler === handler))
    throw alreadyBound()
  const langAll: PlacementRecord['langAll'] = {}
  if (isRecord(p.LANG_ALL)) {
    for (const [lang, v] of Object.entries(p.LANG_ALL)) {
      if (isRecord(v))
        langAll[lang] = Object.fromEntries(Object.entries(v).map(([k, s]) => [k.toUpperCase(), String(s)]))
    }
  }
  state.placements.push({
    placement: code,
    handler,
    title: String(p.TITLE ?? langAll.en?.TITLE ?? ''),
    description: String(p.DESCRIPTION ?? ''),
    langAll,
    options: isRecord(p.OPTIONS) ? p.OPTIONS : {},
    userId,
  })
  return true
}

/** placement.unbind → {count}; without HANDLER removes every handler of the placement. */
export function unbindPlacement(state: PortalState, raw: Record<string, unknown>): { count: number } {
  const p = upperKeys(raw)
  const code = String(p.PLACEMENT ?? '').trim().toUpperCase()
  if (!code)
    throw placementNotFound()
  const handler = p.HANDLER === undefined ? undefined : String(p.HANDLER)
  const before = state.placements.length
  state.placements = state.placements.filter(b => !(b.placement === code && (handler === undefined || b.handler === handler)))
  return { count: before - state.placements.length }
}

/** placement.get: the bound handlers as the portal lists them. */
export function listBindings(state: PortalState): Record<string, unknown>[] {
  return state.placements.map(b => ({
    placement: b.placement,
    handler: b.handler,
    options: b.options,
    title: b.title,
    description: b.description,
    langAll: b.langAll,
  }))
}
