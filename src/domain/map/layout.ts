/**
 * Where the relation map puts each node (issue 21): a layered drawing left
 * to right, parents left of their children, and the types without links in
 * a grid beside it. The engine (dagre, docs/relation-map.md "Layout") is
 * imported when a layout is asked for, so it loads with the map's chunk and
 * no other screen pays for it.
 */
import type { MapPoint, RelationGraph } from './graph'

/** A drawing: each node's top-left corner (Vue Flow's node position), and the drawing's size. */
export interface MapLayout {
  positions: Map<number, MapPoint>
  width: number
  height: number
  /** How long the layout took; the first one also loads the engine (a dynamic import, cached after). */
  ms: number
}

export interface MapLayoutOptions {
  /** @default 200 */
  nodeWidth?: number
  /** @default 48 */
  nodeHeight?: number
  /** Between two layers (parents and children), horizontally. @default 80 */
  layerGap?: number
  /** Between two nodes of a layer, and in the grid. @default 24 */
  nodeGap?: number
  /** Between the layered drawing and the grid of types without links. @default 120 */
  groupGap?: number
}

/** What an engine is given: the linked nodes, their links (self-links left out), sizes and gaps. */
export interface LayeredInput {
  ids: readonly number[]
  edges: readonly { parent: number, child: number }[]
  nodeWidth: number
  nodeHeight: number
  layerGap: number
  nodeGap: number
}

/** A left-to-right layered layout: each node's top-left corner, in any origin. */
export type LayeredEngine = (input: LayeredInput) => Promise<Map<number, MapPoint>>

/** dagre (`@dagrejs/dagre`): Sugiyama layering, network simplex ranks. */
export const dagreEngine: LayeredEngine = async (input) => {
  const { graphlib, layout } = await import('@dagrejs/dagre')
  const g = new graphlib.Graph()
  g.setGraph({ rankdir: 'LR', ranksep: input.layerGap, nodesep: input.nodeGap, marginx: 0, marginy: 0 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const id of input.ids)
    g.setNode(String(id), { width: input.nodeWidth, height: input.nodeHeight })
  for (const e of input.edges)
    g.setEdge(String(e.parent), String(e.child))
  layout(g)
  const out = new Map<number, MapPoint>()
  for (const id of input.ids) {
    // dagre answers the centre.
    const n = g.node(String(id)) as { x: number, y: number }
    out.set(id, { x: n.x - input.nodeWidth / 2, y: n.y - input.nodeHeight / 2 })
  }
  return out
}

export const LAYOUT_ENGINES = { dagre: dagreEngine } as const satisfies Record<string, LayeredEngine>
export type LayoutEngineName = keyof typeof LAYOUT_ENGINES

/**
 * Lays the graph out: the linked nodes by the engine, moved to the origin;
 * the isolated ones in a grid to the right, in graph order, column by
 * column: as many rows as the drawing is tall, or a square when that is
 * taller (a short drawing, or nothing linked).
 * @param engine an engine's name or the engine itself, @default 'dagre'
 */
export async function layoutGraph(graph: RelationGraph, engine: LayoutEngineName | LayeredEngine = 'dagre', options: MapLayoutOptions = {}): Promise<MapLayout> {
  const { nodeWidth = 200, nodeHeight = 48, layerGap = 80, nodeGap = 24, groupGap = 120 } = options
  const run = typeof engine === 'function' ? engine : LAYOUT_ENGINES[engine]
  const alone = new Set(graph.isolated)
  const ids = graph.nodes.map(n => n.entityTypeId).filter(id => !alone.has(id))
  const edges = graph.edges.filter(e => e.parent !== e.child).map(e => ({ parent: e.parent, child: e.child }))

  const started = performance.now()
  const positions = new Map<number, MapPoint>()
  let width = 0
  let height = 0
  if (ids.length > 0) {
    const placed = await run({ ids, edges, nodeWidth, nodeHeight, layerGap, nodeGap })
    let minX = Infinity
    let minY = Infinity
    for (const p of placed.values()) {
      minX = Math.min(minX, p.x)
      minY = Math.min(minY, p.y)
    }
    for (const id of ids) {
      const p = placed.get(id)
      if (!p)
        throw new Error(`layout engine left node ${id} out`)
      const at = { x: p.x - minX, y: p.y - minY }
      positions.set(id, at)
      width = Math.max(width, at.x + nodeWidth)
      height = Math.max(height, at.y + nodeHeight)
    }
  }

  const isolated = graph.nodes.filter(n => alone.has(n.entityTypeId))
  if (isolated.length > 0) {
    // As tall as the drawing beside it, and never thinner than a square.
    const rows = Math.max(Math.ceil(Math.sqrt(isolated.length)), Math.floor((height + nodeGap) / (nodeHeight + nodeGap)))
    const left = ids.length > 0 ? width + groupGap : 0
    isolated.forEach((n, i) => {
      const at = { x: left + Math.floor(i / rows) * (nodeWidth + nodeGap), y: (i % rows) * (nodeHeight + nodeGap) }
      positions.set(n.entityTypeId, at)
      width = Math.max(width, at.x + nodeWidth)
      height = Math.max(height, at.y + nodeHeight)
    })
  }
  return { positions, width, height, ms: performance.now() - started }
}
