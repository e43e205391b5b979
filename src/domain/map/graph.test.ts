import type { MapPoint, RelationGraph } from './graph'
import type { CrmTypeName, Relation, SmartProcessType } from '@/domain/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { standardTypeNames } from '@/domain/entity-type-id'
import { defaultFlags } from '@/domain/flags'
import { buildRelationGraph, keyboardNeighbours, neighbourhood, searchNodes } from './graph'

const rel = (entityTypeId: number, isChildrenListEnabled = false, isPredefined = false): Relation => ({ entityTypeId, isChildrenListEnabled, isPredefined })

function type(entityTypeId: number, title: string, parent: Relation[] = [], child: Relation[] = []): SmartProcessType {
  return {
    ...defaultFlags(),
    id: entityTypeId - 120,
    entityTypeId,
    title,
    code: null,
    isInitialized: true,
    createdBy: null,
    updatedBy: null,
    createdTime: null,
    updatedTime: null,
    customSectionId: null,
    relations: { parent, child },
  }
}

const sp = (entityTypeId: number, title: string): CrmTypeName => ({ entityTypeId, title, isStandard: false })
const names = (...smart: CrmTypeName[]) => [...standardTypeNames(), ...smart]

describe('buildRelationGraph', () => {
  it('draws a link read from both ends once', () => {
    // 130 lists 1030 as a child, 1030 lists 130 as a parent: one stored row.
    const g = buildRelationGraph(
      [type(130, 'Orders', [], [rel(1030, true)]), type(1030, 'Shipments', [rel(130, true)])],
      names(sp(130, 'Orders'), sp(1030, 'Shipments')),
    )
    expect(g.edges).toEqual([{ parent: 130, child: 1030, isChildrenListEnabled: true, isPredefined: false, toMissing: false }])
  })

  it('draws a link to a standard type, read from the smart process end only', () => {
    const g = buildRelationGraph([type(130, 'Orders', [rel(2)])], names(sp(130, 'Orders')))
    expect(g.edges).toEqual([{ parent: 2, child: 130, isChildrenListEnabled: false, isPredefined: false, toMissing: false }])
    expect(g.nodes.find(n => n.entityTypeId === 2)).toMatchObject({ kind: 'standard', missing: false })
  })

  it('keeps a link each way between two types as two edges', () => {
    const g = buildRelationGraph(
      [type(130, 'A', [rel(1030)], [rel(1030)]), type(1030, 'B', [rel(130)], [rel(130)])],
      names(sp(130, 'A'), sp(1030, 'B')),
    )
    expect(g.edges.map(e => [e.parent, e.child])).toEqual([[130, 1030], [1030, 130]])
  })

  it('keeps predefined links apart from user links', () => {
    const g = buildRelationGraph(
      [type(130, 'Orders', [rel(3, true, true), rel(4, true, true), rel(2, false)])],
      names(sp(130, 'Orders')),
    )
    expect(g.edges.map(e => [e.parent, e.isPredefined])).toEqual([[2, false], [3, true], [4, true]])
  })

  it('takes a flag either end reports when the two reads disagree', () => {
    // The link changed between two batches of the read.
    const g = buildRelationGraph(
      [type(130, 'A', [], [rel(1030, false)]), type(1030, 'B', [rel(130, true)])],
      names(sp(130, 'A'), sp(1030, 'B')),
    )
    expect(g.edges).toEqual([expect.objectContaining({ parent: 130, child: 1030, isChildrenListEnabled: true })])
  })

  it('flags a link to a deleted type, with a node of its own', () => {
    const g = buildRelationGraph([type(130, 'Orders', [], [rel(1044)])], names(sp(130, 'Orders')))
    expect(g.nodes.find(n => n.entityTypeId === 1044)).toEqual({ entityTypeId: 1044, title: '', kind: 'missing', missing: true })
    expect(g.edges).toEqual([expect.objectContaining({ parent: 130, child: 1044, toMissing: true })])
  })

  it('flags a deleted parent too', () => {
    const g = buildRelationGraph([type(130, 'Orders', [rel(1044)])], names(sp(130, 'Orders')))
    expect(g.edges).toEqual([expect.objectContaining({ parent: 1044, child: 130, toMissing: true })])
  })

  it('does not call a type only predefined links reach deleted (orders as a predefined child)', () => {
    const g = buildRelationGraph([type(130, 'Shop', [], [rel(14, false, true)])], names(sp(130, 'Shop')))
    expect(g.nodes.find(n => n.entityTypeId === 14)).toMatchObject({ kind: 'unlisted', missing: false })
    expect(g.edges[0]?.toMissing).toBe(false)
  })

  it('knows the standard types when read without names', () => {
    const g = buildRelationGraph([type(130, 'Orders', [rel(2)])], [])
    expect(g.nodes.map(n => [n.entityTypeId, n.kind])).toEqual([[2, 'standard'], [130, 'smart_process']])
    expect(g.edges[0]?.toMissing).toBe(false)
  })

  it('lists the types without links apart', () => {
    const g = buildRelationGraph(
      [type(130, 'Linked', [rel(2)]), type(1030, 'Alone')],
      names(sp(130, 'Linked'), sp(1030, 'Alone'), sp(1032, 'Not read')),
    )
    expect(g.isolated).toEqual([1, 3, 4, 7, 31, 1030, 1032])
    expect(g.nodes).toHaveLength(9)
  })

  it('draws every link once, whichever ends were read (property)', () => {
    const ids = [2, 3, 130, 131, 1030, 1032]
    const arbEdge = fc.record({ parent: fc.constantFrom(...ids), child: fc.constantFrom(...ids), list: fc.boolean() })
      // Standard types are not read one by one: a link between two of them is never seen.
      .filter(e => e.parent !== e.child && (e.parent > 100 || e.child > 100))
    fc.assert(fc.property(fc.uniqueArray(arbEdge, { selector: e => `${e.parent}>${e.child}` }), (stored) => {
      // Every smart process reads its own links, as the portal answers crm.type.get.
      const types = ids.filter(id => id > 100).map(id => type(id, `T${id}`,
        stored.filter(e => e.child === id).map(e => rel(e.parent, e.list)),
        stored.filter(e => e.parent === id).map(e => rel(e.child, e.list))))
      const g = buildRelationGraph(types, names(...ids.filter(id => id > 100).map(id => sp(id, `T${id}`))))
      const seen = g.edges.map(e => `${e.parent}>${e.child}:${e.isChildrenListEnabled}`).sort()
      expect(seen).toEqual(stored.map(e => `${e.parent}>${e.child}:${e.list}`).sort())
    }))
  })
})

// 1 ← 130 → 1030 → 1032 → 1034, and 131 alone.
function chain(): RelationGraph {
  return buildRelationGraph(
    [
      type(130, 'Orders', [rel(1)], [rel(1030)]),
      type(1030, 'Shipments', [rel(130)], [rel(1032)]),
      type(1032, 'Parcels', [rel(1030)], [rel(1034)]),
      type(1034, 'Returns', [rel(1032)]),
      type(131, 'Order notes'),
    ],
    [sp(130, 'Orders'), sp(131, 'Order notes'), sp(1030, 'Shipments'), sp(1032, 'Parcels'), sp(1034, 'Returns'), { entityTypeId: 1, title: 'Lead', isStandard: true }],
  )
}

describe('neighbourhood', () => {
  it('keeps the types one link away and the links between them', () => {
    const g = neighbourhood(chain(), 1030)
    expect(g.nodes.map(n => n.entityTypeId)).toEqual([130, 1030, 1032])
    expect(g.edges.map(e => [e.parent, e.child])).toEqual([[130, 1030], [1030, 1032]])
    expect(g.isolated).toEqual([])
  })

  it('goes further with a greater depth, following links either way', () => {
    expect(neighbourhood(chain(), 1030, 2).nodes.map(n => n.entityTypeId)).toEqual([1, 130, 1030, 1032, 1034])
  })

  it('is the type alone when it has no links, and empty when it is not on the map', () => {
    expect(neighbourhood(chain(), 131)).toEqual({ nodes: [expect.objectContaining({ entityTypeId: 131 })], edges: [], isolated: [131] })
    expect(neighbourhood(chain(), 999)).toEqual({ nodes: [], edges: [], isolated: [] })
  })
})

describe('searchNodes', () => {
  it('finds by id first, then titles starting with the query, then containing it', () => {
    const g = chain()
    expect(searchNodes(g, 'order').map(n => n.entityTypeId)).toEqual([130, 131])
    expect(searchNodes(g, '  PARCEL ').map(n => n.entityTypeId)).toEqual([1032])
    expect(searchNodes(g, 'ments').map(n => n.entityTypeId)).toEqual([1030])
    expect(searchNodes(g, '1030').map(n => n.entityTypeId)).toEqual([1030])
    expect(searchNodes(g, '')).toEqual([])
  })

  it('searches the names the view shows', () => {
    const shown = (n: { entityTypeId: number, title: string }) => (n.entityTypeId === 1 ? 'Лид' : n.title)
    expect(searchNodes(chain(), 'лид', shown).map(n => n.entityTypeId)).toEqual([1])
  })
})

describe('keyboardNeighbours', () => {
  // 130 at the centre; 1030 right, 1032 lower right (more down than right), 1 left; 131 above, not linked.
  const star = buildRelationGraph(
    [type(130, 'Centre', [rel(1)], [rel(1030), rel(1032)]), type(131, 'Far')],
    names(sp(130, 'Centre'), sp(131, 'Far'), sp(1030, 'R'), sp(1032, 'D')),
  )
  const at = new Map<number, MapPoint>([[130, { x: 0, y: 0 }], [1030, { x: 300, y: 20 }], [1032, { x: 100, y: 200 }], [1, { x: -300, y: 0 }], [131, { x: 10, y: -50 }]])

  it('moves to the linked node nearest in each direction', () => {
    expect(keyboardNeighbours(star, at, 130)).toEqual({ right: 1030, down: 1032, left: 1 })
  })

  it('ignores nearer nodes that are not linked', () => {
    expect(keyboardNeighbours(star, at, 130).up).toBeUndefined()
  })

  it('still moves when the only neighbour lies off the axis', () => {
    // From 1032, 130 is up and to the left.
    expect(keyboardNeighbours(star, at, 1032)).toEqual({ up: 130, left: 130 })
  })

  it('prefers a neighbour on the axis to a nearer one far off it', () => {
    // Right of 130: 1030 is 300 away on the axis, 1032 nearer but mostly below.
    const skewed = new Map(at).set(1032, { x: 60, y: 160 })
    expect(keyboardNeighbours(star, skewed, 130)).toMatchObject({ right: 1030, down: 1032 })
  })

  it('picks the nearer of two in the same direction', () => {
    const near = new Map(at).set(1032, { x: 150, y: 0 })
    expect(keyboardNeighbours(star, near, 130).right).toBe(1032)
  })

  it('has nowhere to go from an isolated or unplaced node', () => {
    expect(keyboardNeighbours(star, at, 131)).toEqual({})
    expect(keyboardNeighbours(star, new Map(), 130)).toEqual({})
  })
})
