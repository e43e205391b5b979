import { describe, expect, it } from 'vitest'
import { linkAction, linkWriteTarget } from './edit'

const smart = new Set([130, 1030])
const isSmart = (id: number) => smart.has(id)

describe('linkWriteTarget', () => {
  it('writes a link on its child\'s parent side when the child is a smart process', () => {
    expect(linkWriteTarget({ parent: 130, child: 1030 }, isSmart)).toEqual({ owner: 1030, side: 'parent', other: 130 })
    expect(linkWriteTarget({ parent: 2, child: 130 }, isSmart)).toEqual({ owner: 130, side: 'parent', other: 2 })
  })

  it('writes it on the parent\'s child side when the child is a standard or deleted type', () => {
    expect(linkWriteTarget({ parent: 130, child: 3 }, isSmart)).toEqual({ owner: 130, side: 'child', other: 3 })
    expect(linkWriteTarget({ parent: 130, child: 1044 }, isSmart)).toEqual({ owner: 130, side: 'child', other: 1044 })
  })

  it('has nowhere to write a link between standard types, or to itself', () => {
    expect(linkWriteTarget({ parent: 3, child: 14 }, isSmart)).toBeNull()
    expect(linkWriteTarget({ parent: 130, child: 130 }, isSmart)).toBeNull()
  })
})

describe('linkAction', () => {
  it('adds, removes and sets the list switch as the bulk engine\'s relation action', () => {
    const target = { owner: 1030, side: 'parent', other: 130 } as const
    expect(linkAction(target, { op: 'add', isChildrenListEnabled: true })).toEqual({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 130, isChildrenListEnabled: true })
    expect(linkAction(target, { op: 'show_list', isChildrenListEnabled: false })).toEqual({ kind: 'relation', op: 'add', side: 'parent', entityTypeId: 130, isChildrenListEnabled: false })
    expect(linkAction(target, { op: 'remove' })).toMatchObject({ op: 'remove', entityTypeId: 130 })
  })
})
