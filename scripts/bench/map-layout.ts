/**
 * The relation map's layout engines compared (issue 21, docs/relation-map.md):
 * `npx tsx scripts/bench/map-layout.ts`. A 300-type synthetic portal, and
 * for each engine: the layout time (the first call, which loads the engine
 * and runs cold, then the median of 5 more), the gzip -9 size of its code
 * minified and bundled alone, and what the drawing looks like: edge
 * crossings of straight handle-to-handle lines (as the map will draw them,
 * from the parent's right side to the child's left side), links drawn right
 * to left, the drawing's size. Each twice: every link, and the predefined
 * ones hidden.
 *
 * dagre is the app's engine. ELK (elkjs) is compared when it is installed:
 * `npm i --no-save elkjs@0.12.1` first (the app does not depend on it).
 * MAP_TYPES (default 300), MAP_RUNS (default 5).
 */
import type { LayeredEngine, LayeredInput, MapLayout } from '../../src/domain/map/layout'
import type { CrmTypeName, Relation, SmartProcessType } from '../../src/domain/types'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { standardTypeNames } from '../../src/domain/entity-type-id'
import { defaultFlags } from '../../src/domain/flags'
import { buildRelationGraph, type RelationGraph } from '../../src/domain/map/graph'
import { dagreEngine, layoutGraph } from '../../src/domain/map/layout'
import { median, spread } from './stats'

const TYPES = Number(process.env.MAP_TYPES ?? 300)
const RUNS = Number(process.env.MAP_RUNS ?? 5)
const NODE = { width: 200, height: 48 }
const say = (line: string) => console.info(`map-layout: ${line}`)

/** A seeded generator (mulberry32): the same portal on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface StoredEdge { parent: number, child: number, isChildrenListEnabled: boolean, isPredefined: boolean }

/**
 * A portal shaped like a real one: `n` smart processes (ids 1030, 1032, …)
 * in families of 2–8 built together (a project, its stages, their tasks),
 * each type with 1–3 user links: to an older member of its family, to deals
 * (2) or contacts/companies (3/4: hubs), now and then to another family
 * (parent mostly the older type, so a few cycles); a quarter with the
 * client field (predefined parents 3 and 4); 2% of links to deleted ids.
 * Answered the way crm.type.get answers: each type lists its links from
 * its own end, so a link between two processes is read twice.
 */
export function syntheticPortal(n: number, seed = 21): { types: SmartProcessType[], names: CrmTypeName[] } {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const ids = Array.from({ length: n }, (_, i) => 1030 + 2 * i)
  const stored = new Map<string, StoredEdge>()
  const link = (parent: number, child: number, isPredefined = false) => {
    const key = `${parent}>${child}`
    if (parent !== child && !stored.has(key))
      stored.set(key, { parent, child, isChildrenListEnabled: isPredefined || rnd() < 0.6, isPredefined })
  }
  let familyStart = 0
  let familyEnd = 0
  ids.forEach((id, i) => {
    if (i >= familyEnd) {
      familyStart = i
      familyEnd = i + 2 + Math.floor(rnd() * 7)
    }
    if (rnd() < 0.25) {
      link(3, id, true)
      link(4, id, true)
    }
    const count = 1 + Math.floor(rnd() * 3)
    for (let k = 0; k < count; k++) {
      const r = rnd()
      const inFamily = i > familyStart && (k === 0 || r < 0.3)
      if (inFamily)
        link(ids[familyStart + Math.floor(rnd() * (i - familyStart))]!, id)
      else if (r < 0.02)
        link(id, 9000 + 2 * Math.floor(rnd() * 20))
      else if (r < 0.85 || familyStart === 0)
        link(pick([2, 2, 3, 4]), id)
      else if (rnd() < 0.8)
        link(ids[Math.floor(rnd() * familyStart)]!, id)
      else
        link(id, ids[Math.floor(rnd() * familyStart)]!)
    }
  })
  const rel = (entityTypeId: number, e: StoredEdge): Relation => ({ entityTypeId, isChildrenListEnabled: e.isChildrenListEnabled, isPredefined: e.isPredefined })
  const edges = [...stored.values()]
  const types = ids.map((id, i): SmartProcessType => ({
    ...defaultFlags(),
    id: i + 1,
    entityTypeId: id,
    title: `Process ${i + 1}`,
    code: null,
    isInitialized: true,
    createdBy: 1,
    updatedBy: 1,
    createdTime: null,
    updatedTime: null,
    customSectionId: null,
    relations: {
      parent: edges.filter(e => e.child === id).map(e => rel(e.parent, e)),
      child: edges.filter(e => e.parent === id).map(e => rel(e.child, e)),
    },
  }))
  const names = [...standardTypeNames(), ...types.map(t => ({ entityTypeId: t.entityTypeId, title: t.title, isStandard: false }))]
  return { types, names }
}

/** Straight lines from each parent's right side to each child's left side, counted where two cross (sharing no end). */
export function crossings(graph: RelationGraph, layout: MapLayout): number {
  const segs = graph.edges.filter(e => e.parent !== e.child).map((e) => {
    const a = layout.positions.get(e.parent)!
    const b = layout.positions.get(e.child)!
    return { from: e.parent, to: e.child, x1: a.x + NODE.width, y1: a.y + NODE.height / 2, x2: b.x, y2: b.y + NODE.height / 2 }
  })
  const side = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))
  let count = 0
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!
    for (let j = i + 1; j < segs.length; j++) {
      const t = segs[j]!
      if (s.from === t.from || s.from === t.to || s.to === t.from || s.to === t.to)
        continue
      const d1 = side(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1)
      const d2 = side(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2)
      const d3 = side(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1)
      const d4 = side(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2)
      if (d1 * d2 < 0 && d3 * d4 < 0)
        count++
    }
  }
  return count
}

/** Links whose child does not stand right of its parent (cycles force a few). */
function backwards(graph: RelationGraph, layout: MapLayout): number {
  return graph.edges.filter(e => e.parent !== e.child && layout.positions.get(e.child)!.x <= layout.positions.get(e.parent)!.x).length
}

/** gzip -9 of the code minified and bundled alone (esbuild comes with tsx, which runs this script). */
async function gzipOf(entry: string): Promise<{ raw: number, gzip: number }> {
  const esbuild = await import('esbuild')
  const out = await esbuild.build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' })
  const code = out.outputFiles[0]!.contents
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

interface ElkNode { id: string, x?: number, y?: number, width?: number, height?: number, children?: ElkNode[], edges?: unknown[], layoutOptions?: Record<string, string> }
interface ElkApi { layout: (graph: ElkNode) => Promise<ElkNode> }

// Not a literal, so the type check does not ask for elkjs, which the app does not install.
const ELK_MODULE = 'elkjs/lib/elk.bundled.js'

/** ELK's layered algorithm, left to right, in this thread (the app would run it in a worker). */
async function elkEngine(): Promise<LayeredEngine | null> {
  let ELK: new () => ElkApi
  try {
    ELK = ((await import(ELK_MODULE)) as { default: new () => ElkApi }).default
  }
  catch {
    return null
  }
  const elk = new ELK()
  return async (input: LayeredInput) => {
    const root = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': String(input.nodeGap),
        'elk.layered.spacing.nodeNodeBetweenLayers': String(input.layerGap),
      },
      children: input.ids.map(id => ({ id: String(id), width: input.nodeWidth, height: input.nodeHeight })),
      edges: input.edges.map((e, i) => ({ id: `e${i}`, sources: [String(e.parent)], targets: [String(e.child)] })),
    })
    return new Map((root.children ?? []).map(c => [Number(c.id), { x: c.x ?? 0, y: c.y ?? 0 }]))
  }
}

function installedVersion(name: string): string {
  const require = createRequire(import.meta.url)
  try {
    return (require(`${name}/package.json`) as { version: string }).version
  }
  catch {
    return 'not installed'
  }
}

async function measure(name: string, engine: LayeredEngine, graph: RelationGraph, code: string) {
  const first = await layoutGraph(graph, engine)
  const runs: number[] = []
  let last = first
  for (let i = 0; i < RUNS; i++) {
    last = await layoutGraph(graph, engine)
    runs.push(last.ms)
  }
  const size = await gzipOf(code)
  return {
    engine: name,
    firstMs: Math.round(first.ms),
    medianMs: Math.round(median(runs)),
    spread: spread(runs),
    gzipKB: +(size.gzip / 1024).toFixed(1),
    rawKB: +(size.raw / 1024).toFixed(1),
    crossings: crossings(graph, last),
    backwards: backwards(graph, last),
    size: `${Math.round(last.width)}×${Math.round(last.height)}`,
  }
}

/** The same map with the predefined links hidden (a filter the view may offer: they fan out of contacts and companies). */
function withoutPredefined(graph: RelationGraph): RelationGraph {
  const edges = graph.edges.filter(e => !e.isPredefined)
  const linked = new Set(edges.flatMap(e => [e.parent, e.child]))
  return { nodes: graph.nodes, edges, isolated: graph.nodes.map(n => n.entityTypeId).filter(id => !linked.has(id)) }
}

async function main() {
  const { types, names } = syntheticPortal(TYPES)
  const graph = buildRelationGraph(types, names)
  const reads = types.reduce((s, t) => s + (t.relations?.parent.length ?? 0) + (t.relations?.child.length ?? 0), 0)
  say(`${types.length} smart processes, ${graph.nodes.length} nodes (${graph.nodes.filter(n => n.missing).length} deleted), `
    + `${reads} links as read, ${graph.edges.length} edges (${graph.edges.filter(e => e.isPredefined).length} predefined, ${graph.edges.filter(e => e.toMissing).length} to deleted), `
    + `${graph.isolated.length} isolated; ${RUNS} runs`)

  const elk = await elkEngine()
  if (!elk)
    say('elkjs not installed: npm i --no-save elkjs@0.12.1 to compare')
  const engines: [string, LayeredEngine, string][] = [[`dagre ${installedVersion('@dagrejs/dagre')}`, dagreEngine, `export { graphlib, layout } from '@dagrejs/dagre'`]]
  if (elk)
    engines.push([`elkjs ${installedVersion('elkjs')}`, elk, `export { default } from '${ELK_MODULE}'`])
  const rows = []
  for (const [map, g] of [['all links', graph], ['no predefined', withoutPredefined(graph)]] as const) {
    for (const [name, engine, code] of engines)
      rows.push({ map, edges: g.edges.length, ...await measure(name, engine, g, code) })
  }
  console.table(rows)
}

// Run as a script; imported (by a probe or a test), it only lends its portal and measures.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
