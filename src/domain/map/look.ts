/**
 * How the relation map draws a link (issue 21), one table for the screen,
 * the legend and the exported SVG: solid when the child's list is shown in
 * the parent's card, dashed when it is not, dotted grey when Bitrix24 set
 * the link, red when one end is a deleted type. Pure data.
 */
import type { MapEdge } from './graph'

export type EdgeLookKind = 'shown' | 'hidden' | 'predefined' | 'missing'

export interface EdgeLook {
  stroke: string
  /** SVG stroke-dasharray; null: solid. */
  dash: string | null
  width: number
}

/** Strokes dark enough to read as lines on white (3:1 or more, WCAG 1.4.11). */
export const EDGE_LOOKS: Record<EdgeLookKind, EdgeLook> = {
  shown: { stroke: '#1f5fa8', dash: null, width: 2 },
  hidden: { stroke: '#1f5fa8', dash: '7 5', width: 2 },
  predefined: { stroke: '#6b7280', dash: '2 4', width: 1.5 },
  missing: { stroke: '#c42b1c', dash: '7 5', width: 2 },
}

/** The legend's order. */
export const EDGE_LOOK_KINDS: readonly EdgeLookKind[] = ['shown', 'hidden', 'predefined', 'missing']

/** Which look a link takes: a deleted end first (it needs fixing), then Bitrix24's own, then the list switch. */
export function edgeLookKind(e: Pick<MapEdge, 'toMissing' | 'isPredefined' | 'isChildrenListEnabled'>): EdgeLookKind {
  if (e.toMissing)
    return 'missing'
  if (e.isPredefined)
    return 'predefined'
  return e.isChildrenListEnabled ? 'shown' : 'hidden'
}

/** A node's size on the map (layoutGraph's defaults). */
export const NODE_SIZE = { width: 200, height: 48 } as const
