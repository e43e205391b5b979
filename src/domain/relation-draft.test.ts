import type { RelationSet } from './types'
import { describe, expect, it } from 'vitest'
import { resolveConflicts, unsavedAfterWrite } from './relation-draft'

describe('resolveConflicts', () => {
  const set = (child: [number, boolean][]): RelationSet => ({ parent: [], child: child.map(([entityTypeId, v]) => ({ entityTypeId, isChildrenListEnabled: v, isPredefined: false })) })

  it('takes the portal\'s value or keeps mine for a switch both changed', () => {
    const c = { kind: 'both_changed', side: 'child', entityTypeId: 5, base: null, mine: true, theirs: false } as const
    expect(resolveConflicts(set([[5, true]]), [c], { 'child:5': 'theirs' })).toEqual(set([[5, false]]))
    expect(resolveConflicts(set([[5, true]]), [c], { 'child:5': 'mine' })).toEqual(set([[5, true]]))
  })

  it('brings back a link the other side removed when the user keeps theirs... or mine', () => {
    const removedByThem = { kind: 'changed_and_removed', side: 'child', entityTypeId: 5, removedBy: 'theirs', value: true } as const
    expect(resolveConflicts(set([]), [removedByThem], { 'child:5': 'mine' })).toEqual(set([[5, true]]))
    expect(resolveConflicts(set([]), [removedByThem], { 'child:5': 'theirs' })).toEqual(set([]))
    const removedByMe = { ...removedByThem, removedBy: 'mine' } as const
    expect(resolveConflicts(set([]), [removedByMe], { 'child:5': 'mine' })).toEqual(set([]))
    expect(resolveConflicts(set([]), [removedByMe], { 'child:5': 'theirs' })).toEqual(set([[5, true]]))
  })
})

describe('unsavedAfterWrite', () => {
  it('names links missing and links whose switch did not stick, not predefined ones', () => {
    const intended: RelationSet = {
      parent: [{ entityTypeId: 3, isChildrenListEnabled: true, isPredefined: true }],
      child: [{ entityTypeId: 5, isChildrenListEnabled: true, isPredefined: false }, { entityTypeId: 6, isChildrenListEnabled: true, isPredefined: false }],
    }
    const actual: RelationSet = { parent: [], child: [{ entityTypeId: 6, isChildrenListEnabled: false, isPredefined: false }] }
    expect(unsavedAfterWrite(intended, actual)).toEqual([{ side: 'child', entityTypeId: 5 }, { side: 'child', entityTypeId: 6 }])
  })
})
