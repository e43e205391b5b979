/**
 * The checks crm.type.update runs before anything is written
 * (TypeTable::onBeforeUpdate, crm/lib/Model/Dynamic/TypeTable.php; docs/platform.md "Flags";
 * docs/platform.md "Pipelines and the recycle bin"): any error there fails the whole update, on every path
 * (REST, the vibecode gateway, another admin's screen), so nothing is saved.
 */
import type { TypeRecord } from './state'
import type { PortalState } from './state'
import type { TypeInput } from './type-input'
import { categoriesOf } from './categories'
import { errors } from './errors'
import { countInBin } from './recycle-bin'

/**
 * Throws the module's BX_ERROR when the update turns pipelines off (Y → N)
 * while the type has more than one pipeline, or the recycle bin off (Y → N)
 * while the bin holds items of the type. Only a change from Y counts, as the
 * module compares with the stored value.
 */
export function checkTypeUpdate(state: PortalState, rec: TypeRecord, input: TypeInput): void {
  if (input.flags.isCategoriesEnabled === false && rec.flags.isCategoriesEnabled && categoriesOf(state, rec.entityTypeId).length > 1)
    throw errors.categoriesDisableRefused()
  if (input.flags.isRecyclebinEnabled === false && rec.flags.isRecyclebinEnabled && countInBin(state, rec.entityTypeId) > 0)
    throw errors.recyclebinDisableRefused()
}
