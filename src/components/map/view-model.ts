/**
 * What the map's components are given (issue 21): each node and link with
 * its words already chosen by the view, so the components render and emit.
 */
import type { EdgeLookKind } from '@/domain/map/look'
import type { MapNodeKind } from '@/domain/map/graph'

/** A node as the canvas shows it. */
export interface MapViewNode {
  entityTypeId: number
  /** The shown name (standard types in the user's language, portal titles as text). */
  name: string
  /** "Type ID 1030". */
  idText: string
  /** The accessible name: "Deals, 3 links". */
  label: string
  kind: MapNodeKind
  missing: boolean
  /** The type the map was opened for, or the one last focused. */
  current: boolean
  /** Found by the search. */
  matched: boolean
}

/** A link as the canvas and the table show it. */
export interface MapViewEdge {
  parent: number
  child: number
  parentName: string
  childName: string
  isChildrenListEnabled: boolean
  isPredefined: boolean
  toMissing: boolean
  look: EdgeLookKind
  /** "Deals → Repairs, list shown in the card". */
  label: string
}

/** Where the arrow keys go. */
export type MapArrow = 'left' | 'right' | 'up' | 'down'

export const ARROW_KEYS: Readonly<Record<string, MapArrow>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }
