/**
 * The relation map as a standalone SVG document (issue 21's export), built
 * from the graph and the layout's positions, not from the screen: the whole
 * map whatever the zoom, valid XML, every name escaped, a <title> on the
 * drawing and on each node and link. Pure: the caller names the types and
 * gives the words (the domain has no i18n).
 */
import type { EdgeLookKind } from './look'
import type { MapEdge, MapNode, MapPoint, RelationGraph } from './graph'
import { EDGE_LOOK_KINDS, EDGE_LOOKS, edgeLookKind, NODE_SIZE } from './look'

export interface MapSvgText {
  /** The drawing's title. */
  title: string
  /** A node's shown name. */
  nameOf: (node: MapNode) => string
  /** A node's second line ("Type ID 1030"). */
  idOf: (node: MapNode) => string
  /** A node's full description, its <title> ("Deals, 3 links"). */
  nodeLabel: (node: MapNode) => string
  /** A link's <title> ("Deals → Repairs, list shown in the card"). */
  edgeLabel: (edge: MapEdge) => string
  /** The frame of the types without links. */
  isolatedLabel: string
  /** The legend's words for each look. */
  legend: Record<EdgeLookKind, string>
}

export interface MapSvgInput {
  graph: RelationGraph
  positions: ReadonlyMap<number, MapPoint>
  /** The drawing's size (the layout's). */
  width: number
  height: number
  /** The types to mark as current (a thicker frame). */
  current?: number | null
}

const PAD = 24
const LEGEND_ROW = 22
const MAX_NAME = 28

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' })[c]!)
    // Characters XML 1.0 does not allow at all (a portal title can hold them).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
}

function clip(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text
}

const fmt = (n: number) => String(Math.round(n * 10) / 10)

function edgePath(from: MapPoint, to: MapPoint, self: boolean): string {
  const { width: w, height: h } = NODE_SIZE
  if (self) {
    const x = from.x + w
    const y = from.y + h / 2
    return `M${fmt(x)},${fmt(y - 8)} C${fmt(x + 40)},${fmt(y - 40)} ${fmt(x + 40)},${fmt(y + 40)} ${fmt(x)},${fmt(y + 8)}`
  }
  const sx = from.x + w
  const sy = from.y + h / 2
  const tx = to.x
  const ty = to.y + h / 2
  const bend = Math.max(40, Math.abs(tx - sx) / 2)
  return `M${fmt(sx)},${fmt(sy)} C${fmt(sx + bend)},${fmt(sy)} ${fmt(tx - bend)},${fmt(ty)} ${fmt(tx)},${fmt(ty)}`
}

/** The map as an SVG document: one `<g class="node">` per node, one `<path>` per link, the legend below. */
export function mapSvg(input: MapSvgInput, text: MapSvgText): string {
  const { graph, positions, current = null } = input
  const { width: w, height: h } = NODE_SIZE
  const legendTop = input.height + PAD * 2
  const totalW = Math.max(input.width, 320) + PAD * 2
  const totalH = legendTop + EDGE_LOOK_KINDS.length * LEGEND_ROW + PAD
  const out: string[] = []
  out.push('<?xml version="1.0" encoding="UTF-8"?>')
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(totalW)}" height="${fmt(totalH)}" viewBox="0 0 ${fmt(totalW)} ${fmt(totalH)}" role="img" aria-labelledby="map-title" font-family="Arial, Helvetica, sans-serif">`)
  out.push(`<title id="map-title">${escapeXml(text.title)}</title>`)
  out.push('<defs>')
  for (const kind of EDGE_LOOK_KINDS)
    out.push(`<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${EDGE_LOOKS[kind].stroke}"/></marker>`)
  out.push('</defs>')
  out.push(`<rect x="0" y="0" width="${fmt(totalW)}" height="${fmt(totalH)}" fill="#ffffff"/>`)
  out.push(`<g transform="translate(${PAD},${PAD})">`)

  const alone = graph.isolated.map(id => positions.get(id)).filter((p): p is MapPoint => p !== undefined)
  if (alone.length > 0) {
    const x0 = Math.min(...alone.map(p => p.x)) - 12
    const y0 = Math.min(...alone.map(p => p.y)) - 12
    const x1 = Math.max(...alone.map(p => p.x)) + w + 12
    const y1 = Math.max(...alone.map(p => p.y)) + h + 12
    out.push(`<g class="isolated"><title>${escapeXml(text.isolatedLabel)}</title><rect x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(x1 - x0)}" height="${fmt(y1 - y0)}" rx="8" fill="#f5f7f8" stroke="#c9ced3"/></g>`)
  }

  out.push('<g class="edges" fill="none">')
  for (const e of graph.edges) {
    const from = positions.get(e.parent)
    const to = positions.get(e.child)
    if (!from || !to)
      continue
    const kind = edgeLookKind(e)
    const look = EDGE_LOOKS[kind]
    const dash = look.dash ? ` stroke-dasharray="${look.dash}"` : ''
    out.push(`<path class="edge edge-${kind}" d="${edgePath(from, to, e.parent === e.child)}" stroke="${look.stroke}" stroke-width="${look.width}"${dash} marker-end="url(#arrow-${kind})"><title>${escapeXml(text.edgeLabel(e))}</title></path>`)
  }
  out.push('</g>')

  for (const n of graph.nodes) {
    const p = positions.get(n.entityTypeId)
    if (!p)
      continue
    const isCurrent = n.entityTypeId === current
    const stroke = n.missing ? EDGE_LOOKS.missing.stroke : isCurrent ? '#1f5fa8' : '#8a9299'
    const fill = n.missing ? '#fdecea' : isCurrent ? '#e8f1fb' : '#ffffff'
    out.push(`<g class="node" data-entity-type-id="${n.entityTypeId}" transform="translate(${fmt(p.x)},${fmt(p.y)})">`)
    out.push(`<title>${escapeXml(text.nodeLabel(n))}</title>`)
    out.push(`<rect width="${w}" height="${h}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${isCurrent ? 3 : 1}"/>`)
    out.push(`<text x="10" y="20" font-size="13" font-weight="600" fill="#1f2328">${escapeXml(clip(text.nameOf(n)))}</text>`)
    out.push(`<text x="10" y="38" font-size="11" fill="#4b5259">${escapeXml(text.idOf(n))}</text>`)
    out.push('</g>')
  }
  out.push('</g>')

  out.push(`<g class="legend" transform="translate(${PAD},${fmt(legendTop)})" font-size="12" fill="#1f2328">`)
  EDGE_LOOK_KINDS.forEach((kind, i) => {
    const look = EDGE_LOOKS[kind]
    const y = i * LEGEND_ROW + 8
    const dash = look.dash ? ` stroke-dasharray="${look.dash}"` : ''
    out.push(`<path d="M0,${y} L48,${y}" stroke="${look.stroke}" stroke-width="${look.width}"${dash} marker-end="url(#arrow-${kind})"/>`)
    out.push(`<text x="60" y="${y + 4}">${escapeXml(text.legend[kind])}</text>`)
  })
  out.push('</g>')
  out.push('</svg>')
  return out.join('\n')
}
