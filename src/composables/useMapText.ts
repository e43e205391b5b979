import type { ComputedRef } from 'vue'
import type { MapEdge, MapNode } from '@/domain/map/graph'
import type { EdgeLookKind } from '@/domain/map/look'
import type { MapSvgText } from '@/domain/map/svg'
import { useI18n } from 'vue-i18n'
import { standardTypeNameKey } from '@/domain/entity-type-id'
import { DELETED_TYPE_KEY } from '@/domain/type-names'
import { EDGE_LOOK_KINDS } from '@/domain/map/look'
import enMap from '@/i18n/en/map.json'
import { useLocaleReady } from './useLocaleReady'

export interface UseMapTextReturn {
  /** True once the map's messages are in, in the portal's language. */
  ready: ComputedRef<boolean>
  /** A node's shown name: standard types in the user's language, smart processes by title (text), deleted and unlisted ones by id. */
  nameOf: (node: MapNode) => string
  /** "Type ID 1030". */
  idOf: (node: MapNode) => string
  /** The node's accessible name: "Deals, 3 links" (and "current type", "deleted type" where so). */
  nodeLabel: (node: MapNode, links: number, current: boolean) => string
  /** "Deals → Repairs, list shown in the card". */
  edgeLabel: (edge: MapEdge, parentName: string, childName: string) => string
  /** The legend's words for each link style. */
  legend: () => Record<EdgeLookKind, string>
  /** Everything the exported SVG says. */
  svgText: (nameOf: (node: MapNode) => string, linksOf: (id: number) => number, byId: (id: number) => MapNode | undefined) => MapSvgText
}

/**
 * The relation map's words (issue 21). Its messages (`map.*`) come with the
 * map's chunk (en) or a chunk of their own (ru), never with the first screen.
 * Titles are portal data: the components render them as text.
 */
export function useMapText(): UseMapTextReturn {
  const i18n = useI18n({ useScope: 'global' })
  i18n.mergeLocaleMessage('en', { map: enMap })
  const ready = useLocaleReady({ part: 'map' })
  const { t } = i18n

  function nameOf(node: MapNode): string {
    const key = standardTypeNameKey(node.entityTypeId)
    if (key)
      return t(key)
    if (node.kind === 'missing')
      return t(DELETED_TYPE_KEY, { id: node.entityTypeId })
    if (node.kind === 'unlisted' || node.title === '')
      return t('map.node.unlisted', { id: node.entityTypeId })
    return node.title
  }

  const idOf = (node: MapNode) => t('map.node.id', { id: node.entityTypeId })

  function nodeLabel(node: MapNode, links: number, current: boolean): string {
    const base = t('map.node.label', { name: nameOf(node), count: links }, links)
    return current ? t('map.node.label_current', { label: base }) : base
  }

  function edgeLabel(edge: MapEdge, parentName: string, childName: string): string {
    const how = edge.toMissing ? 'missing' : edge.isPredefined ? 'predefined' : edge.isChildrenListEnabled ? 'shown' : 'hidden'
    return t(`map.edge.${how}`, { parent: parentName, child: childName })
  }

  const legend = () => Object.fromEntries(EDGE_LOOK_KINDS.map(k => [k, t(`map.legend.${k}`)])) as Record<EdgeLookKind, string>

  function svgText(name: (node: MapNode) => string, linksOf: (id: number) => number, byId: (id: number) => MapNode | undefined): MapSvgText {
    const named = (id: number) => {
      const n = byId(id)
      return n ? name(n) : String(id)
    }
    return {
      title: t('map.heading'),
      nameOf: name,
      idOf,
      nodeLabel: n => t('map.node.label', { name: name(n), count: linksOf(n.entityTypeId) }, linksOf(n.entityTypeId)),
      edgeLabel: e => edgeLabel(e, named(e.parent), named(e.child)),
      isolatedLabel: t('map.isolated'),
      legend: legend(),
    }
  }

  return { ready, nameOf, idOf, nodeLabel, edgeLabel, legend, svgText }
}
