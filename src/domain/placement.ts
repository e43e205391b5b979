/**
 * Placement codes and options (docs/platform.md "Placements", "Frame"). Smart process placements
 * are `CRM_DYNAMIC_<entityTypeId>_<NAME>`; the app's own page is `DEFAULT`.
 */
import { AppError } from './errors'
import { isSmartProcessId } from './entity-type-id'

/** The placement names a smart process offers (docs/platform.md "Placements"). */
export const PLACEMENT_NAMES = [
  'DETAIL_TAB',
  'DETAIL_ACTIVITY',
  'DETAIL_TOOLBAR',
  'DOCUMENTGENERATOR_BUTTON',
  'LIST_MENU',
  'LIST_TOOLBAR',
  'ACTIVITY_TIMELINE_MENU',
  'ROBOT_DESIGNER_TOOLBAR',
] as const

export type PlacementName = (typeof PLACEMENT_NAMES)[number]

/** Where the app was opened. */
export type Placement =
  | { kind: 'default', code: 'DEFAULT' }
  | { kind: 'smart_process', code: string, entityTypeId: number, name: PlacementName }

const SMART_PROCESS_CODE = /^CRM_DYNAMIC_(\d+)_([A-Z_]+)$/

/** `CRM_DYNAMIC_<entityTypeId>_<NAME>`. */
export function placementCode(entityTypeId: number, name: PlacementName): string {
  return `CRM_DYNAMIC_${entityTypeId}_${name}`
}

export function isPlacementName(name: string): name is PlacementName {
  return (PLACEMENT_NAMES as readonly string[]).includes(name)
}

/**
 * Reads the PLACEMENT the portal sent. An empty or missing one is the app's
 * page (`DEFAULT`). Anything that is not DEFAULT or a known smart process
 * placement of a valid smart process id throws AppError `unknown_placement`.
 */
export function parsePlacement(code: string | null | undefined): Placement {
  const text = (code ?? '').trim().toUpperCase()
  if (text === '' || text === 'DEFAULT')
    return { kind: 'default', code: 'DEFAULT' }
  const m = SMART_PROCESS_CODE.exec(text)
  if (m) {
    const entityTypeId = Number(m[1])
    const name = m[2] ?? ''
    if (isSmartProcessId(entityTypeId) && isPlacementName(name))
      return { kind: 'smart_process', code: placementCode(entityTypeId, name), entityTypeId, name }
  }
  throw new AppError({ code: 'unknown_placement', params: { placement: text.slice(0, 80) }, detail: text.slice(0, 80) })
}

/** PLACEMENT_OPTIONS as the app uses them. */
export interface PlacementOptions {
  /** The item id (DETAIL_TAB gives it; LIST_TOOLBAR does not). */
  itemId: number | null
  uri: string | null
  /** Every option, keys upper-cased, values as text. */
  all: Record<string, string>
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null
  }
  catch {
    return null
  }
}

/**
 * Reads PLACEMENT_OPTIONS defensively (docs/platform.md "Frame"): an object or a JSON
 * string, key case varies, ID may be a string. Never throws: garbage gives
 * empty options.
 */
export function parsePlacementOptions(raw: unknown): PlacementOptions {
  let obj: Record<string, unknown> | null = null
  if (typeof raw === 'string')
    obj = raw.trim() === '' ? null : parseJsonObject(raw)
  else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
    obj = raw as Record<string, unknown>
  const all: Record<string, string> = {}
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      all[k.toUpperCase()] = String(v)
  }
  const id = all.ID !== undefined && /^\s*\d+\s*$/.test(all.ID) ? Number(all.ID) : null
  return {
    itemId: id !== null && Number.isSafeInteger(id) && id > 0 ? id : null,
    uri: all.URI ?? null,
    all,
  }
}

/**
 * The handler to bind: the URL the app was loaded from, without query and
 * hash. Bitrix24 adds DOMAIN, PROTOCOL, LANG and APP_SID to the query of each
 * launch (docs/platform.md "Placements"), so they must not be part of the bound handler;
 * this way the same build binds itself on whatever host serves it.
 */
export function handlerUrlFrom(href: string): string {
  const url = new URL(href)
  url.search = ''
  url.hash = ''
  return url.toString()
}
