/**
 * The app's placements in a bulk change (issue 20): which of the card tab
 * and the list action each selected type would gain or lose. Pure.
 */
import type { AppPlacement, TypePlacements } from '@/domain/install'
import { APP_PLACEMENTS } from '@/domain/install'

export interface PlacementPlan {
  entityTypeId: number
  title: string
  status: 'change' | 'nothing'
  /** The placements bound (bind) or unbound (unbind) by it. */
  placements: AppPlacement[]
}

/** `coverage`: what each type has now, from placement.get (a type missing from it has none). */
export function planPlacements(op: 'bind' | 'unbind', types: readonly { entityTypeId: number, title: string }[], coverage: ReadonlyMap<number, TypePlacements>): PlacementPlan[] {
  return types.map((t) => {
    const has = coverage.get(t.entityTypeId)
    const placements = APP_PLACEMENTS.filter(name => (op === 'bind' ? !has?.[name] : !!has?.[name]))
    return { entityTypeId: t.entityTypeId, title: t.title, status: placements.length > 0 ? 'change' : 'nothing', placements }
  })
}
