import type { MapNode } from './graph'
import { describe, expect, it } from 'vitest'
import { standardTypeNames } from '@/domain/entity-type-id'
import { defaultFlags } from '@/domain/flags'
import { buildRelationGraph } from './graph'
import { layoutGraph } from './layout'
import { escapeXml, mapSvg } from './svg'

const text = {
  title: 'Map <of> "types"',
  nameOf: (n: MapNode) => n.title || `#${n.entityTypeId}`,
  idOf: (n: MapNode) => `Type ID ${n.entityTypeId}`,
  nodeLabel: (n: MapNode) => `${n.title}, links`,
  edgeLabel: () => 'a → b',
  isolatedLabel: 'Alone',
  legend: { shown: 'shown', hidden: 'hidden', predefined: 'Bitrix24', missing: 'deleted' },
}

describe('mapSvg', () => {
  it('escapes portal text and drops characters XML cannot hold', () => {
    expect(escapeXml('A & B <script>"x"\'y\'\u0001')).toBe('A &amp; B &lt;script&gt;&quot;x&quot;&apos;y&apos;')
  })

  it('builds a document that parses, one <g class="node"> per node, a <title> on each, a hostile title kept as text', async () => {
    const hostile = '</title><script>alert(1)</script>&'
    const type = { ...defaultFlags(), id: 10, entityTypeId: 130, title: hostile, code: null, isInitialized: true, createdBy: null, updatedBy: null, createdTime: null, updatedTime: null, customSectionId: null, relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [{ entityTypeId: 1044, isChildrenListEnabled: false, isPredefined: false }] } }
    const graph = buildRelationGraph([type], [...standardTypeNames(), { entityTypeId: 130, title: hostile, isStandard: false }])
    const layout = await layoutGraph(graph)
    const svg = mapSvg({ graph, positions: layout.positions, width: layout.width, height: layout.height, current: 130 }, text)
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.querySelector('script')).toBeNull()
    expect(doc.querySelectorAll('g.node')).toHaveLength(graph.nodes.length)
    expect(doc.querySelectorAll('path.edge')).toHaveLength(2)
    expect(doc.querySelectorAll('path.edge-missing')).toHaveLength(1)
    expect(doc.querySelector('g.node[data-entity-type-id="130"] > title')?.textContent).toBe(`${hostile}, links`)
    expect(doc.querySelector('g.isolated > title')?.textContent).toBe('Alone')
  })
})
