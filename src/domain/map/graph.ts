/**
 * The relation map's model (issue 21): every CRM type as a node, every link
 * as one parent → child edge. Pure: the caller reads the types
 * (`gateway.readTypes()`: crm.type.list omits relations, docs/platform.md
 * "Relations") and hands them in with the names of every CRM type.
 */
import type { CrmTypeName, Relation, SmartProcessType } from '@/domain/types'
import { isStandardTypeId, standardTypeNames } from '@/domain/entity-type-id'

/**
 * What a node stands for. `unlisted`: an id the names do not hold, reached
 * only by predefined links: the portal made those links (orders as a
 * predefined child, docs/platform.md "Relations"), so the type is not
 * deleted, just not one crm.enum.ownertype lists as linkable.
 */
export type MapNodeKind = 'standard' | 'smart_process' | 'unlisted' | 'missing'

/** A CRM type on the map. */
export interface MapNode {
  entityTypeId: number
  /** The smart process's title; English fallback for a standard type (the view names those in the user's language); empty for `missing` and `unlisted`. */
  title: string
  kind: MapNodeKind
  /** A type some user link points to but the portal no longer knows: a deleted type (its links dangle). */
  missing: boolean
}

/** One stored link, drawn once however many ends reported it. */
export interface MapEdge {
  /** The type whose card lists the child's items: it owns them. */
  parent: number
  child: number
  /** The child's items are listed in the parent's card. */
  isChildrenListEnabled: boolean
  /** Set by the portal (contacts and companies with isClientEnabled, orders), not editable. */
  isPredefined: boolean
  /** One end is a `missing` node (a deleted type). */
  toMissing: boolean
}

export interface RelationGraph {
  /** Sorted by entityTypeId. */
  nodes: MapNode[]
  /** Sorted by parent, then child; one per (parent, child). */
  edges: MapEdge[]
  /** The entityTypeIds of nodes without any edge, sorted: drawn apart. */
  isolated: number[]
}

/** A point of the layout: a node's top-left corner, as Vue Flow places nodes. */
export interface MapPoint {
  x: number
  y: number
}

const edgeKey = (parent: number, child: number) => `${parent}>${child}`

/**
 * Builds the graph from the types read one by one (with `relations`) and
 * the names of every CRM type. Relations are stored once and read from both
 * ends (parent 2 on type X shows as child X on deals, docs/platform.md
 * "Relations"), so each link arrives twice when both ends are smart
 * processes: the two reads are one edge. They describe the same stored row
 * and agree, unless it changed between two batches of the read; then a flag
 * either end reports wins, so a portal-owned link never looks editable.
 * A type absent from `relations` (a list row) contributes a node only.
 */
export function buildRelationGraph(types: readonly SmartProcessType[], names: readonly CrmTypeName[]): RelationGraph {
  const known = new Map<number, MapNode>()
  const know = (entityTypeId: number, title: string, isStandard: boolean) => {
    if (!known.has(entityTypeId))
      known.set(entityTypeId, { entityTypeId, title, kind: isStandard ? 'standard' : 'smart_process', missing: false })
  }
  for (const n of names)
    know(n.entityTypeId, n.title, n.isStandard || isStandardTypeId(n.entityTypeId))
  for (const t of types)
    know(t.entityTypeId, t.title, false)

  const edges = new Map<string, MapEdge>()
  const add = (parent: number, child: number, r: Relation) => {
    const key = edgeKey(parent, child)
    const seen = edges.get(key)
    if (seen) {
      seen.isChildrenListEnabled ||= r.isChildrenListEnabled
      seen.isPredefined ||= r.isPredefined
      return
    }
    edges.set(key, { parent, child, isChildrenListEnabled: r.isChildrenListEnabled, isPredefined: r.isPredefined, toMissing: false })
  }
  for (const t of types) {
    for (const r of t.relations?.parent ?? [])
      add(r.entityTypeId, t.entityTypeId, r)
    for (const r of t.relations?.child ?? [])
      add(t.entityTypeId, r.entityTypeId, r)
  }

  // Ends no name accounts for: a standard type is never deleted (a read
  // without names still links to deals); one only predefined links reach is
  // the portal's own; any other is a deleted type.
  const userLinked = new Set<number>()
  const unknownEnds = new Set<number>()
  for (const e of edges.values()) {
    for (const end of [e.parent, e.child]) {
      if (known.has(end))
        continue
      unknownEnds.add(end)
      if (!e.isPredefined)
        userLinked.add(end)
    }
  }
  const standard = standardTypeNames()
  for (const id of unknownEnds) {
    const name = standard.find(s => s.entityTypeId === id)
    if (name)
      know(id, name.title, true)
    else if (userLinked.has(id))
      known.set(id, { entityTypeId: id, title: '', kind: 'missing', missing: true })
    else
      known.set(id, { entityTypeId: id, title: '', kind: 'unlisted', missing: false })
  }

  const edgeList = [...edges.values()].sort((a, b) => a.parent - b.parent || a.child - b.child)
  for (const e of edgeList)
    e.toMissing = known.get(e.parent)!.missing || known.get(e.child)!.missing
  const nodes = [...known.values()].sort((a, b) => a.entityTypeId - b.entityTypeId)
  return { nodes, edges: edgeList, isolated: isolatedOf(nodes, edgeList) }
}

function isolatedOf(nodes: readonly MapNode[], edges: readonly MapEdge[]): number[] {
  const linked = new Set<number>()
  for (const e of edges) {
    linked.add(e.parent)
    linked.add(e.child)
  }
  return nodes.filter(n => !linked.has(n.entityTypeId)).map(n => n.entityTypeId)
}

/** Each node's neighbours through an edge of either direction (itself left out of a self-link). */
export function adjacency(graph: RelationGraph): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>(graph.nodes.map(n => [n.entityTypeId, new Set<number>()]))
  for (const e of graph.edges) {
    if (e.parent === e.child)
      continue
    out.get(e.parent)?.add(e.child)
    out.get(e.child)?.add(e.parent)
  }
  return out
}

/**
 * The subgraph around one type: the nodes at most `depth` links away
 * (either direction) and every edge between them. Empty when the type is
 * not on the map.
 * @param depth how many links away, @default 1
 */
export function neighbourhood(graph: RelationGraph, entityTypeId: number, depth = 1): RelationGraph {
  const adj = adjacency(graph)
  if (!adj.has(entityTypeId))
    return { nodes: [], edges: [], isolated: [] }
  const reached = new Set([entityTypeId])
  let frontier = [entityTypeId]
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: number[] = []
    for (const id of frontier) {
      for (const n of adj.get(id) ?? []) {
        if (!reached.has(n)) {
          reached.add(n)
          next.push(n)
        }
      }
    }
    frontier = next
  }
  const nodes = graph.nodes.filter(n => reached.has(n.entityTypeId))
  const edges = graph.edges.filter(e => reached.has(e.parent) && reached.has(e.child))
  return { nodes, edges, isolated: isolatedOf(nodes, edges) }
}

/**
 * The nodes a search finds: the type with that id first, then titles
 * starting with the query, then titles containing it (case-insensitive,
 * each group in map order). `titleOf` lets the view search the names it
 * shows (standard types in the user's language).
 * @param titleOf a node's shown name, @default its `title`
 */
export function searchNodes(graph: RelationGraph, query: string, titleOf: (node: MapNode) => string = n => n.title): MapNode[] {
  const q = query.trim().toLocaleLowerCase()
  if (q === '')
    return []
  const byId: MapNode[] = []
  const starts: MapNode[] = []
  const contains: MapNode[] = []
  for (const n of graph.nodes) {
    const title = titleOf(n).toLocaleLowerCase()
    if (String(n.entityTypeId) === q)
      byId.push(n)
    else if (title.startsWith(q))
      starts.push(n)
    else if (title.includes(q))
      contains.push(n)
  }
  return [...byId, ...starts, ...contains]
}

export type MapDirection = 'left' | 'right' | 'up' | 'down'

/**
 * Where each arrow key goes from a node: among the linked nodes on that
 * side (strictly: a node level with this one is neither up nor down), the
 * one nearest along the key's axis, a step off the axis counting twice, as
 * the spatial navigation of the CSS draft scores candidates. Screen
 * coordinates, y down; ties go to the smaller id; a side with no linked
 * node is absent.
 */
export function keyboardNeighbours(graph: RelationGraph, positions: ReadonlyMap<number, MapPoint>, entityTypeId: number): Partial<Record<MapDirection, number>> {
  const from = positions.get(entityTypeId)
  const around = adjacency(graph).get(entityTypeId)
  if (!from || !around)
    return {}
  const out: Partial<Record<MapDirection, number>> = {}
  const axes: Record<MapDirection, (dx: number, dy: number) => [along: number, across: number]> = {
    left: (dx, dy) => [-dx, dy],
    right: (dx, dy) => [dx, dy],
    up: (dx, dy) => [-dy, dx],
    down: (dx, dy) => [dy, dx],
  }
  for (const dir of ['left', 'right', 'up', 'down'] as const) {
    let best: { id: number, score: number } | null = null
    for (const id of around) {
      const at = positions.get(id)
      if (!at)
        continue
      const [along, across] = axes[dir](at.x - from.x, at.y - from.y)
      if (along <= 0)
        continue
      const score = along + 2 * Math.abs(across)
      if (!best || score < best.score || (score === best.score && id < best.id))
        best = { id, score }
    }
    if (best)
      out[dir] = best.id
  }
  return out
}
