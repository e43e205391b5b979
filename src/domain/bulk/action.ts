/**
 * One change made across many smart processes at once (issue 20): what the
 * administrator picks, which types it goes to, and the filters that help
 * pick them. Pure: no Vue, no I/O.
 */
import type { FlagKey, LinkedUserFieldKey } from '@/domain/flags'
import type { RelationSide, SmartProcessType } from '@/domain/types'

/** A change to the types' own records (crm.type.update). */
export type TypeAction =
  /** Sets each listed flag; flags left out stay as each type has them. */
  | { kind: 'flags', flags: Partial<Record<FlagKey, boolean>> }
  /** Sets the listed linked user fields and turns "use in user fields" on, as the portal needs (docs/platform.md "linkedUserFields"). */
  | { kind: 'linked_fields', fields: Partial<Record<LinkedUserFieldKey, boolean>> }
  /** Adds (or sets "show the list in the card" of) or removes the link to one CRM type, on one side of every selected type. */
  | { kind: 'relation', op: 'add' | 'remove', side: RelationSide, entityTypeId: number, isChildrenListEnabled: boolean }

/** Binds or unbinds the app's own placements (the card tab and the list action) of the selected types: portal administrators only. */
export interface PlacementAction { kind: 'placements', op: 'bind' | 'unbind' }

export type BulkAction = TypeAction | PlacementAction

export function isTypeAction(a: BulkAction): a is TypeAction {
  return a.kind !== 'placements'
}

/** Whether the action asks for anything at all (a flags action with no flag chosen does not). */
export function actionIsEmpty(a: BulkAction): boolean {
  if (a.kind === 'flags')
    return Object.keys(a.flags).length === 0
  if (a.kind === 'linked_fields')
    return Object.keys(a.fields).length === 0
  return false
}

/** The picker's filters; each one left empty matches every type. */
export interface BulkFilter {
  /** Has this flag on (`on: true`) or off. */
  flag: { key: FlagKey, on: boolean } | null
  /** Linked to this CRM type, on either side. */
  linkedTo: number | null
  /** Part of the title, or the entityTypeId. */
  title: string
}

export function emptyFilter(): BulkFilter {
  return { flag: null, linkedTo: null, title: '' }
}

/** Whether a type (read one by one, with its relations) passes every filter. */
export function matchesFilter(type: SmartProcessType, f: BulkFilter): boolean {
  if (f.flag && type[f.flag.key] !== f.flag.on)
    return false
  if (f.linkedTo !== null) {
    const r = type.relations
    if (!r || ![...r.parent, ...r.child].some(x => x.entityTypeId === f.linkedTo))
      return false
  }
  const q = f.title.trim().toLocaleLowerCase()
  return q === '' || type.title.toLocaleLowerCase().includes(q) || String(type.entityTypeId) === q
}
