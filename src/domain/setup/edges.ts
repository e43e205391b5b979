/**
 * Relations as the portal stores them: one edge per link, read from both
 * ends (docs/platform.md "Relations": parent 2 on type X shows as child X on
 * deals). The planner merges edges so both ends of a link agree; the
 * in-memory model stores them.
 */
import type { Relation, RelationSet } from '@/domain/types'
import type { TargetType } from './types'
import { normalizeRelations } from '@/domain/relations'

/** One stored link: `parent` owns `child`'s items. */
export interface Edge {
  parent: number
  child: number
  isChildrenListEnabled: boolean
  isPredefined: boolean
}

export function edgeKey(parent: number, child: number): string {
  return `${parent}>${child}`
}

/** The edges the types' relation sets describe; when both ends list a link, the first read wins. */
export function edgesOf(types: readonly TargetType[]): Map<string, Edge> {
  const out = new Map<string, Edge>()
  const add = (parent: number, child: number, r: Relation) => {
    const k = edgeKey(parent, child)
    if (!out.has(k))
      out.set(k, { parent, child, isChildrenListEnabled: r.isChildrenListEnabled, isPredefined: r.isPredefined })
  }
  for (const t of types) {
    for (const r of t.relations.parent)
      add(r.entityTypeId, t.entityTypeId, r)
    for (const r of t.relations.child)
      add(t.entityTypeId, r.entityTypeId, r)
  }
  return out
}

/** The relation set of type `id` as its edges make it (normalised: sorted, one link per type and side). */
export function setOf(edges: Iterable<Edge>, id: number): RelationSet {
  const set: RelationSet = { parent: [], child: [] }
  for (const e of edges) {
    if (e.parent === e.child)
      continue
    if (e.child === id)
      set.parent.push({ entityTypeId: e.parent, isChildrenListEnabled: e.isChildrenListEnabled, isPredefined: e.isPredefined })
    else if (e.parent === id)
      set.child.push({ entityTypeId: e.child, isChildrenListEnabled: e.isChildrenListEnabled, isPredefined: e.isPredefined })
  }
  return normalizeRelations(set)
}
