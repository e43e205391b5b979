import type { Relation, RelationSet, RelationSide } from './types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  diffRelations,
  emptyRelationSet,
  isEmptyDiff,
  mergeRelations,
  missingAfterWrite,
  normalizeRelations,
  RELATION_SIDES,
  relationsEqual,
  withoutRelation,
  withRelation,
} from './relations'

const rel = (entityTypeId: number, isChildrenListEnabled = false, isPredefined = false): Relation => ({ entityTypeId, isChildrenListEnabled, isPredefined })
const set = (parent: Relation[] = [], child: Relation[] = []): RelationSet => ({ parent, child })

// A small pool of ids so that generated sets overlap often.
const IDS = [2, 3, 4, 7, 31, 130, 1030, 1032]

function arbSet(withPredefined: boolean): fc.Arbitrary<RelationSet> {
  const arbRel = fc.record({
    entityTypeId: fc.constantFrom(...IDS),
    isChildrenListEnabled: fc.boolean(),
    isPredefined: withPredefined ? fc.boolean() : fc.constant(false),
  })
  return fc.record({ parent: fc.array(arbRel, { maxLength: 6 }), child: fc.array(arbRel, { maxLength: 6 }) })
}
const userSet = arbSet(false)
const anySet = arbSet(true)

function has(s: RelationSet, side: RelationSide, id: number): boolean {
  return s[side].some(r => r.entityTypeId === id)
}
function value(s: RelationSet, side: RelationSide, id: number): boolean | undefined {
  return s[side].find(r => r.entityTypeId === id)?.isChildrenListEnabled
}

describe('normalizeRelations', () => {
  it('sorts each side and keeps the first of duplicates', () => {
    expect(normalizeRelations(set([rel(1030, true), rel(2), rel(1030, false)]))).toEqual(set([rel(2), rel(1030, true)]))
  })
  it('is idempotent', () => {
    fc.assert(fc.property(anySet, (s) => {
      expect(normalizeRelations(normalizeRelations(s))).toEqual(normalizeRelations(s))
    }))
  })
})

describe('editing a draft', () => {
  it('adds a link once and updates it in place', () => {
    const s = withRelation(withRelation(emptyRelationSet(), 'child', 2, false), 'child', 2, true)
    expect(s).toEqual(set([], [rel(2, true)]))
  })
  it('cannot remove or change a predefined link', () => {
    const s = set([rel(3, true, true)])
    expect(withoutRelation(s, 'parent', 3)).toEqual(s)
    expect(withRelation(s, 'parent', 3, false)).toEqual(s)
  })
  it('removes a user link', () => {
    expect(withoutRelation(set([rel(2)]), 'parent', 2)).toEqual(set())
  })
})

describe('diffRelations', () => {
  it('reports added, removed and changed links per side', () => {
    const d = diffRelations(set([rel(2), rel(4)]), set([rel(2, true), rel(1030)], [rel(7)]))
    expect(d.parent.added).toEqual([rel(1030)])
    expect(d.parent.removed).toEqual([rel(4)])
    expect(d.parent.changed).toEqual([{ entityTypeId: 2, from: rel(2), to: rel(2, true) }])
    expect(d.child.added).toEqual([rel(7)])
  })
  it('is empty exactly when the sets are equal', () => {
    fc.assert(fc.property(anySet, anySet, (a, b) => {
      expect(isEmptyDiff(diffRelations(a, b))).toBe(relationsEqual(a, b))
    }))
  })
})

describe('mergeRelations: examples', () => {
  it('keeps a link added elsewhere while the draft was open', () => {
    const base = set([rel(2)])
    const mine = set([rel(2), rel(1030)])
    const theirs = set([rel(2), rel(1032)])
    expect(mergeRelations(base, mine, theirs)).toEqual({ merged: set([rel(2), rel(1030), rel(1032)]), conflicts: [] })
  })

  it('does not bring back a link removed elsewhere', () => {
    const base = set([rel(2), rel(1030)])
    const mine = set([rel(2), rel(1030), rel(1032)])
    const theirs = set([rel(2)])
    expect(mergeRelations(base, mine, theirs).merged).toEqual(set([rel(2), rel(1032)]))
  })

  it('does not bring back a link the user removed', () => {
    const base = set([rel(2), rel(1030)])
    expect(mergeRelations(base, set([rel(2)]), base).merged).toEqual(set([rel(2)]))
  })

  it('takes a children-list change made elsewhere when the draft did not touch it', () => {
    const base = set([], [rel(2, false)])
    expect(mergeRelations(base, base, set([], [rel(2, true)])).merged).toEqual(set([], [rel(2, true)]))
  })

  it('keeps predefined client links exactly as the fresh read has them', () => {
    // isClientEnabled was turned on elsewhere: the portal added 3 and 4.
    const base = set([rel(2)])
    const theirs = set([rel(2), rel(3, true, true), rel(4, false, true)])
    const mine = set([rel(2, true)])
    expect(mergeRelations(base, mine, theirs).merged).toEqual(set([rel(2, true), rel(3, true, true), rel(4, false, true)]))
  })

  it('drops predefined links the fresh read no longer has', () => {
    // isClientEnabled was turned off elsewhere.
    const base = set([rel(3, true, true)])
    expect(mergeRelations(base, base, set()).merged).toEqual(set())
  })

  it('reports both sides adding the same link with different values, keeping mine', () => {
    const r = mergeRelations(set(), set([], [rel(1030, true)]), set([], [rel(1030, false)]))
    expect(r.merged).toEqual(set([], [rel(1030, true)]))
    expect(r.conflicts).toEqual([{ kind: 'both_changed', side: 'child', entityTypeId: 1030, base: null, mine: true, theirs: false }])
  })

  it('reports a link the user changed but someone removed, and leaves it removed', () => {
    const base = set([rel(1030, false)])
    const r = mergeRelations(base, set([rel(1030, true)]), set())
    expect(r.merged).toEqual(set())
    expect(r.conflicts).toEqual([{ kind: 'changed_and_removed', side: 'parent', entityTypeId: 1030, removedBy: 'theirs', value: true }])
  })

  it('treats parent and child of the same type as different links', () => {
    const base = set([rel(2)], [rel(2)])
    const r = mergeRelations(base, set([], [rel(2)]), set([rel(2)]))
    expect(r.merged).toEqual(set())
  })
})

describe('mergeRelations: properties', () => {
  it('with no draft change gives the fresh read: merge(b, b, t) = t', () => {
    fc.assert(fc.property(anySet, anySet, (b, t) => {
      const r = mergeRelations(b, b, t)
      expect(r.merged).toEqual(normalizeRelations(t))
      expect(r.conflicts).toEqual([])
    }))
  })

  it('with no change elsewhere gives the draft, predefined links as base has them: merge(b, m, b)', () => {
    fc.assert(fc.property(anySet, anySet, (b, m) => {
      const nb = normalizeRelations(b)
      const nm = normalizeRelations(m)
      const expected = emptyRelationSet()
      for (const side of RELATION_SIDES) {
        const ids = [...new Set([...nb[side], ...nm[side]].map(r => r.entityTypeId))].sort((x, y) => x - y)
        for (const id of ids) {
          const rb = nb[side].find(r => r.entityTypeId === id)
          const rm = nm[side].find(r => r.entityTypeId === id)
          const chosen = rb?.isPredefined || rm?.isPredefined ? rb : rm
          if (chosen)
            expected[side].push(chosen)
        }
      }
      const r = mergeRelations(b, m, b)
      expect(r.merged).toEqual(expected)
      expect(r.conflicts).toEqual([])
    }))
  })

  it('with user links only, merge(b, m, b) = m', () => {
    fc.assert(fc.property(userSet, userSet, (b, m) => {
      expect(mergeRelations(b, m, b).merged).toEqual(normalizeRelations(m))
    }))
  })

  it('agreeing sides give their common answer: merge(b, x, x) = x', () => {
    fc.assert(fc.property(anySet, anySet, (b, x) => {
      expect(mergeRelations(b, x, x)).toEqual({ merged: normalizeRelations(x), conflicts: [] })
    }))
  })

  it('is idempotent: merging the result again over the same fresh read changes nothing', () => {
    fc.assert(fc.property(anySet, anySet, anySet, (b, m, t) => {
      const once = mergeRelations(b, m, t).merged
      expect(mergeRelations(t, once, t).merged).toEqual(once)
      expect(mergeRelations(b, once, t).merged).toEqual(once)
    }))
  })

  it('never drops a user link added on either side', () => {
    fc.assert(fc.property(userSet, userSet, userSet, (b, m, t) => {
      const { merged } = mergeRelations(b, m, t)
      for (const side of RELATION_SIDES) {
        for (const r of [...m[side], ...t[side]]) {
          if (!has(b, side, r.entityTypeId))
            expect(has(merged, side, r.entityTypeId)).toBe(true)
        }
      }
    }))
  })

  it('never brings back a link removed on either side', () => {
    fc.assert(fc.property(userSet, userSet, userSet, (b, m, t) => {
      const { merged } = mergeRelations(b, m, t)
      for (const side of RELATION_SIDES) {
        for (const r of b[side]) {
          if (!has(m, side, r.entityTypeId) || !has(t, side, r.entityTypeId))
            expect(has(merged, side, r.entityTypeId)).toBe(false)
        }
      }
    }))
  })

  it('keeps a link that is in all three', () => {
    fc.assert(fc.property(anySet, anySet, anySet, (b, m, t) => {
      const { merged } = mergeRelations(b, m, t)
      for (const side of RELATION_SIDES) {
        for (const r of b[side]) {
          if (has(m, side, r.entityTypeId) && has(t, side, r.entityTypeId))
            expect(has(merged, side, r.entityTypeId)).toBe(true)
        }
      }
    }))
  })

  it('keeps predefined links exactly as the fresh read has them', () => {
    fc.assert(fc.property(anySet, anySet, anySet, (b, m, t) => {
      const { merged } = mergeRelations(b, m, t)
      const nt = normalizeRelations(t)
      for (const side of RELATION_SIDES) {
        for (const r of nt[side].filter(x => x.isPredefined))
          expect(merged[side]).toContainEqual(r)
        for (const r of merged[side].filter(x => x.isPredefined))
          expect(nt[side]).toContainEqual(r)
      }
    }))
  })

  it('keeps mine in a conflict and lists both values', () => {
    fc.assert(fc.property(anySet, anySet, anySet, (b, m, t) => {
      const { merged, conflicts } = mergeRelations(b, m, t)
      for (const c of conflicts) {
        if (c.kind === 'both_changed') {
          expect(c.mine).not.toBe(c.theirs)
          expect(value(merged, c.side, c.entityTypeId)).toBe(c.mine)
          expect(value(normalizeRelations(t), c.side, c.entityTypeId)).toBe(c.theirs)
        }
        else {
          expect(has(merged, c.side, c.entityTypeId)).toBe(false)
        }
      }
    }))
  })

  it('gives the same links whichever side is called mine, with user links only', () => {
    fc.assert(fc.property(userSet, userSet, userSet, (b, m, t) => {
      const ids = (s: RelationSet) => RELATION_SIDES.map(side => s[side].map(r => r.entityTypeId))
      expect(ids(mergeRelations(b, m, t).merged)).toEqual(ids(mergeRelations(b, t, m).merged))
    }))
  })
})

describe('missingAfterWrite', () => {
  it('lists the links the portal dropped silently', () => {
    const intended = set([rel(2), rel(1030)], [rel(7)])
    const actual = set([rel(2)])
    expect(missingAfterWrite(intended, actual)).toEqual([{ side: 'parent', entityTypeId: 1030 }, { side: 'child', entityTypeId: 7 }])
  })
  it('ignores predefined links, which the portal manages', () => {
    expect(missingAfterWrite(set([rel(3, true, true)]), set())).toEqual([])
  })
  it('finds nothing missing when the portal kept everything', () => {
    fc.assert(fc.property(anySet, (s) => {
      expect(missingAfterWrite(s, s)).toEqual([])
    }))
  })
})
