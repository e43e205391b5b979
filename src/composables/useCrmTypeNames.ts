import { useI18n } from 'vue-i18n'
import { crmTypeLabel, DELETED_TYPE_KEY } from '@/domain/type-names'
import { useCatalogStore } from '@/stores/catalog'

export interface UseCrmTypeNamesReturn {
  /** The name of any CRM type in the user's language: standard types translated, smart processes by title, "deleted type <id>" otherwise. */
  nameOf: (entityTypeId: number) => string
}

/**
 * Names of CRM types as relations show them. Standard types (1, 2, 3, 4, 7,
 * 31) come from the domain's i18n keys; smart processes from the catalog;
 * an id the portal no longer knows is a deleted type (its links may dangle,
 * docs/platform.md "Relations").
 */
export function useCrmTypeNames(): UseCrmTypeNamesReturn {
  const { t } = useI18n()
  const catalog = useCatalogStore()

  function nameOf(entityTypeId: number): string {
    const label = crmTypeLabel(entityTypeId, catalog.titleOf)
    if (label.kind === 'standard')
      return t(label.key)
    return label.kind === 'smart_process' ? label.title : t(DELETED_TYPE_KEY, { id: entityTypeId })
  }

  return { nameOf }
}
