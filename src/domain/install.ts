/**
 * What "installed" means for this app (docs/platform.md "Placements"): every smart process
 * has the app in its card tab and its list toolbar, bound to the app's own
 * URL. Pure planning: which placements to bind, which types lack them.
 */
import type { PlacementName } from './placement'
import type { PlacementBinding, PlacementBindRequest } from './types'
import { placementCode } from './placement'

/** The placements the app binds for every smart process. */
export const APP_PLACEMENTS = ['DETAIL_TAB', 'LIST_TOOLBAR'] as const satisfies readonly PlacementName[]

export type AppPlacement = (typeof APP_PLACEMENTS)[number]

/** Placement titles by language (LANG_ALL), one set per placement. */
export type PlacementTitles = Record<AppPlacement, Record<string, string>>

/** Which of the app's placements one type has, bound to `handler`. */
export type TypePlacements = Record<AppPlacement, boolean>

/** The app's placements of each type, read off placement.get. */
export function placementsByType(entityTypeIds: Iterable<number>, bindings: readonly Pick<PlacementBinding, 'placement' | 'handler'>[], handler: string): Map<number, TypePlacements> {
  const bound = new Set(bindings.filter(b => b.handler === handler).map(b => b.placement.toUpperCase()))
  const out = new Map<number, TypePlacements>()
  for (const id of entityTypeIds) {
    out.set(id, Object.fromEntries(APP_PLACEMENTS.map(name => [name, bound.has(placementCode(id, name))])) as TypePlacements)
  }
  return out
}

/** One bind request of the plan, with the type it belongs to. */
export interface PlannedBind extends PlacementBindRequest {
  entityTypeId: number
}

/**
 * The binds that make every listed type complete: only the placements not
 * bound yet, in type order (card tab first). Binding is idempotent anyway
 * ("Handler already binded" counts as done), this only saves requests.
 */
export function planBinds(entityTypeIds: Iterable<number>, existing: ReadonlyMap<number, TypePlacements> | null, handler: string, titles: PlacementTitles): PlannedBind[] {
  const out: PlannedBind[] = []
  for (const id of entityTypeIds) {
    for (const name of APP_PLACEMENTS) {
      if (existing?.get(id)?.[name])
        continue
      out.push({ entityTypeId: id, placement: placementCode(id, name), handler, titles: { ...titles[name] } })
    }
  }
  return out
}

/** The app's bindings of one type, to unbind after it is deleted: those placement.get lists, else the two the app binds. */
export function bindingsOfType(entityTypeId: number, bindings: readonly Pick<PlacementBinding, 'placement' | 'handler'>[] | null, handler: string): Pick<PlacementBinding, 'placement' | 'handler'>[] {
  const prefix = `CRM_DYNAMIC_${entityTypeId}_`
  const listed = (bindings ?? []).filter(b => b.placement.toUpperCase().startsWith(prefix))
  if (listed.length > 0)
    return listed.map(b => ({ placement: b.placement, handler: b.handler }))
  return APP_PLACEMENTS.map(name => ({ placement: placementCode(entityTypeId, name), handler }))
}
