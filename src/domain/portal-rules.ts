/**
 * The crm module's own rules for a type's settings, which its REST docs do
 * not tell (docs/platform.md "Pipelines and the recycle bin": TypeTable::onBeforeUpdate). Each fails
 * the whole crm.type.update with BX_ERROR and saves nothing, so the app
 * knows them before Save: a switch that cannot change is locked with its
 * reason, and a refused Save can name the one change to leave out.
 * Pure: no Vue, no I/O.
 */
import type { FieldDraft, FieldKey, FieldValues } from './settings-fields'

/** A pipeline of a smart process (crm.category.*). */
export interface Pipeline {
  id: number
  name: string
  sort: number
  isDefault: boolean
}

/** Why a switch is locked. */
export interface FieldLock {
  reason: 'many_pipelines'
  /** How many pipelines the type has. */
  count: number
}

/**
 * Pipelines cannot be turned off while the type has more than one
 * ("You cannot disable pipelines if there more than one of them.").
 * `pipelines` null: not known (a gateway without crm.category), no lock.
 */
export function fieldLocks(base: Pick<FieldValues, 'isCategoriesEnabled'>, pipelines: readonly Pipeline[] | null): Partial<Record<FieldKey, FieldLock>> {
  if (base.isCategoriesEnabled && pipelines && pipelines.length > 1)
    return { isCategoriesEnabled: { reason: 'many_pipelines', count: pipelines.length } }
  return {}
}

/**
 * Changes the portal may refuse as a whole: pipelines off (more than one
 * pipeline) and the recycle bin off (items in it). The portal's refusal
 * names neither in a code, only in a localized text.
 */
const REFUSABLE: readonly { key: FieldKey, to: boolean }[] = [
  { key: 'isCategoriesEnabled', to: false },
  { key: 'isRecyclebinEnabled', to: false },
]

/**
 * The changes of a refused Save that one of the rules can explain. Exactly
 * one: the app can offer to save the rest without it; none or several: it
 * cannot tell which, and says only that nothing was saved.
 */
export function refusalSuspects(draft: FieldDraft, dirty: readonly FieldKey[]): FieldKey[] {
  return REFUSABLE.filter(r => dirty.includes(r.key) && draft[r.key] === r.to).map(r => r.key)
}
