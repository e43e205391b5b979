/**
 * Where a change made on the relation map (issue 21) is written. A link is
 * one stored row read from both ends (docs/platform.md "Relations"), and
 * only a smart process takes crm.type.update: the link is written on its
 * child's `parent` side when the child is a smart process that exists, else
 * on its parent's `child` side. Pure: no Vue, no I/O.
 */
import type { TypeAction } from '@/domain/bulk/action'
import type { RelationSide } from '@/domain/types'

/** A link as the map draws it: the parent's card lists the child's items. */
export interface MapLink {
  parent: number
  child: number
}

/** The type a link's write goes to, the side of it that holds the link, and the type at the other end. */
export interface LinkWriteTarget {
  owner: number
  side: RelationSide
  other: number
}

/**
 * The end a link is written on, or null when neither end is a smart process
 * that exists (a link between standard types is Bitrix24's own).
 * @param isSmartProcess whether a type is a smart process the portal holds now
 */
export function linkWriteTarget(link: MapLink, isSmartProcess: (entityTypeId: number) => boolean): LinkWriteTarget | null {
  if (link.parent === link.child)
    return null
  if (isSmartProcess(link.child))
    return { owner: link.child, side: 'parent', other: link.parent }
  if (isSmartProcess(link.parent))
    return { owner: link.parent, side: 'child', other: link.child }
  return null
}

/** What the map can do to a link: add it (with "show the list in the card"), remove it, or set its list switch. */
export type MapLinkOp =
  | { op: 'add', isChildrenListEnabled: boolean }
  | { op: 'remove' }
  | { op: 'show_list', isChildrenListEnabled: boolean }

/** The bulk engine's action for a map change, on the owner's side (setting the list switch is an add over the link). */
export function linkAction(target: LinkWriteTarget, change: MapLinkOp): TypeAction {
  const isChildrenListEnabled = change.op === 'remove' ? false : change.isChildrenListEnabled
  return { kind: 'relation', op: change.op === 'remove' ? 'remove' : 'add', side: target.side, entityTypeId: target.other, isChildrenListEnabled }
}
