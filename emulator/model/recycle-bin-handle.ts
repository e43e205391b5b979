/** The PortalHandle's recycle bin (contract.ts RecycleBinHandle) over the model; `changed` persists each change. */
import type { RecycleBinHandle } from '../contract'
import type { ModelContext } from './context'
import { RestError } from './errors'
import { binEntries, emptyBin, eraseFromBin, restoreFromBin } from './recycle-bin'

export function recycleBinHandle(ctx: () => ModelContext, changed: () => void): RecycleBinHandle {
  /** Runs a change; a RestError (no such entry, type gone) answers false. */
  const attempt = (run: () => void): boolean => {
    try {
      run()
    }
    catch (e) {
      if (e instanceof RestError)
        return false
      throw e
    }
    changed()
    return true
  }
  return {
    entries: () => binEntries(ctx().state).map(e => ({
      entityTypeId: e.entityTypeId,
      id: e.item.id,
      title: e.item.title,
      deletedBy: e.deletedBy,
      deletedAt: new Date(e.deletedAt).toISOString(),
    })),
    restore: (entityTypeId, id) => attempt(() => restoreFromBin(ctx(), entityTypeId, id)),
    erase: (entityTypeId, id) => attempt(() => eraseFromBin(ctx().state, entityTypeId, id)),
    empty: (entityTypeId) => {
      const erased = emptyBin(ctx().state, entityTypeId)
      changed()
      return erased
    },
  }
}
