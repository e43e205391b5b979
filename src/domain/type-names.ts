/**
 * What to call any CRM type a relation or a list names, in one place: a
 * standard type by its i18n key, a smart process by its title, an id the
 * portal no longer knows as a deleted type (its links may dangle,
 * docs/platform.md "Relations"). Pure: the caller translates.
 */
import { standardTypeNameKey } from './entity-type-id'

export type CrmTypeLabel =
  | { kind: 'standard', key: string }
  | { kind: 'smart_process', title: string }
  | { kind: 'deleted', entityTypeId: number }

/**
 * Types Bitrix24 links to a smart process itself, that are no relation
 * target and that the names list (crm.enum.ownertype as the app reads it)
 * leaves out: orders, a predefined child (docs/platform.md "Relations",
 * crm/lib/controller/type.php). Named, never taken for a deleted type.
 */
const PORTAL_ONLY_TYPES: Readonly<Record<number, string>> = { 14: 'domain.standard_types.order' }

/** The label of a CRM type; `titleOf` answers a smart process's title, or null when it is not known. */
export function crmTypeLabel(entityTypeId: number, titleOf: (entityTypeId: number) => string | null): CrmTypeLabel {
  const key = standardTypeNameKey(entityTypeId) ?? PORTAL_ONLY_TYPES[entityTypeId] ?? null
  if (key)
    return { kind: 'standard', key }
  const title = titleOf(entityTypeId)
  return title !== null ? { kind: 'smart_process', title } : { kind: 'deleted', entityTypeId }
}

/** The i18n key of a deleted type's name (`{id}`). */
export const DELETED_TYPE_KEY = 'relations.deleted_type'
