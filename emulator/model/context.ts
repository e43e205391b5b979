import type { Faults } from '../contract'
import type { PortalState } from './state'

/** What model operations need besides the state: time, limits and the relation-drop fault. */
export interface ModelContext {
  state: PortalState
  /** Milliseconds since the epoch. */
  now: () => number
  /** Maximum number of smart processes ("Maximum number of smart processes exceeded"). */
  maxTypes: number
  /** entityTypeIds whose relation writes the portal drops silently (fault switch). */
  dropRelationsTo: () => readonly number[]
  /** The portal's fault switches (plan restrictions, placement limits); absent while seeding. */
  faults?: () => Faults
}
