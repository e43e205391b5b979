/**
 * What a bulk change does to each type (issue 20), planned on the type's
 * fresh read: the fields and links that would change, the write that does
 * it (relations whole: the fresh read's set with the one link added or
 * removed, so the full overwrite never drops anyone's link), or why the
 * type is left out. Pure: no Vue, no I/O.
 */
import type { TypeAction } from './action'
import type { FieldChange, LinkChange } from '@/domain/journal/entry'
import type { FieldDraft, FieldKey } from '@/domain/settings-fields'
import type { SmartProcessType, TypeChanges } from '@/domain/types'
import { defaultLinkedUserFields } from '@/domain/flags'
import { fieldChanges, linkChangesBetween } from '@/domain/journal/entry'
import { emptyRelationSet, findRelation, normalizeRelations, withoutRelation, withRelation } from '@/domain/relations'
import { changesFor, fieldValues, FIELD_KEYS } from '@/domain/settings-fields'

/**
 * Why a type is left out:
 * - `self_link`: a type cannot be linked to itself.
 * - `predefined_link`: the link is Bitrix24's own (contacts and companies while the client is on) and cannot be removed.
 * - `many_pipelines`: pipelines cannot be turned off while the type has more than one (docs/platform.md "Pipelines and the recycle bin").
 * - `gone`: the type no longer exists.
 */
export type BulkBlock = 'self_link' | 'predefined_link' | 'many_pipelines' | 'gone'

export interface BulkTypePlan {
  entityTypeId: number
  title: string
  status: 'change' | 'nothing' | 'blocked'
  block: BulkBlock | null
  /** With `many_pipelines`: how many the type has. */
  pipelines: number | null
  fields: FieldChange[]
  links: LinkChange[]
  /** What is sent: only the changed keys; relations and linkedUserFields whole. Empty unless `change`. */
  changes: TypeChanges
}

function blocked(type: SmartProcessType, block: BulkBlock, pipelines: number | null = null): BulkTypePlan {
  return { entityTypeId: type.entityTypeId, title: type.title, status: 'blocked', block, pipelines, fields: [], links: [], changes: {} }
}

/** The plan of a type whose fresh read did not find it. */
export function goneTypePlan(type: Pick<SmartProcessType, 'entityTypeId' | 'title'>): BulkTypePlan {
  return { entityTypeId: type.entityTypeId, title: type.title, status: 'blocked', block: 'gone', pipelines: null, fields: [], links: [], changes: {} }
}

/** The fields draft an action asks for (flags and linked fields). */
function draftOf(action: TypeAction): FieldDraft {
  if (action.kind === 'flags')
    return { ...action.flags }
  if (action.kind === 'linked_fields')
    return { isUseInUserfieldEnabled: true, ...action.fields }
  return {}
}

/**
 * The plan of one type. `pipelines`: how many the type has, when read
 * (null: not known, nothing is blocked for it; the portal's refusal then tells).
 */
export function planBulkType(action: TypeAction, fresh: SmartProcessType, pipelines: number | null = null): BulkTypePlan {
  const before = fieldValues(fresh)
  const relations = normalizeRelations(fresh.relations ?? emptyRelationSet())
  let changes: TypeChanges = {}
  if (action.kind === 'relation') {
    if (action.entityTypeId === fresh.entityTypeId)
      return blocked(fresh, 'self_link')
    const now = findRelation(relations, action.side, action.entityTypeId)
    if (action.op === 'remove' && now?.isPredefined)
      return blocked(fresh, 'predefined_link')
    const next = action.op === 'add'
      ? (now?.isPredefined ? relations : withRelation(relations, action.side, action.entityTypeId, action.isChildrenListEnabled))
      : withoutRelation(relations, action.side, action.entityTypeId)
    if (JSON.stringify(next) !== JSON.stringify(relations))
      changes = { relations: next }
  }
  else {
    const draft = draftOf(action)
    const dirty = FIELD_KEYS.filter(k => k in draft && draft[k] !== before[k])
    if (dirty.includes('isCategoriesEnabled') && draft.isCategoriesEnabled === false && pipelines !== null && pipelines > 1)
      return blocked(fresh, 'many_pipelines', pipelines)
    changes = changesFor(draft, dirty, fresh)
    // The three go whole with the switch, whichever of them changed (docs/platform.md "linkedUserFields").
    if (action.kind === 'linked_fields' && dirty.length > 0)
      changes.linkedUserFields = { ...defaultLinkedUserFields(), ...fresh.linkedUserFields, ...action.fields }
  }
  return changePlan(fresh, changes, pipelines)
}

/** The plan of a write already decided (an undo's): the fields and links it changes against the fresh read. */
export function changePlan(fresh: SmartProcessType, changes: TypeChanges, pipelines: number | null = null): BulkTypePlan {
  const before = fieldValues(fresh)
  const relations = normalizeRelations(fresh.relations ?? emptyRelationSet())
  const sent = FIELD_KEYS.filter((k): k is FieldKey => k in changes || (changes.linkedUserFields !== undefined && k in changes.linkedUserFields))
  const after = fieldValues({ ...fresh, ...changes, linkedUserFields: changes.linkedUserFields ?? fresh.linkedUserFields })
  const fields = fieldChanges(before, after, sent).filter(f => f.before !== f.after)
  const links = changes.relations ? linkChangesBetween(relations, changes.relations) : []
  const status = fields.length > 0 || links.length > 0 ? 'change' : 'nothing'
  return { entityTypeId: fresh.entityTypeId, title: fresh.title, status, block: null, pipelines, fields, links, changes: status === 'change' ? changes : {} }
}

/** Whether the action needs each type's pipelines to be planned (pipelines off). */
export function needsPipelines(action: TypeAction): boolean {
  return action.kind === 'flags' && action.flags.isCategoriesEnabled === false
}

/** How many types of a plan change, change nothing and are left out. */
export function planCounts(plans: readonly BulkTypePlan[]): Record<BulkTypePlan['status'], number> {
  const out = { change: 0, nothing: 0, blocked: 0 }
  for (const p of plans)
    out[p.status]++
  return out
}
