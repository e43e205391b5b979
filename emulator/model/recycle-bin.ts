/**
 * The recycle bin (module recyclebin) for smart process items. With the
 * type's isRecyclebinEnabled Y, deleting an item moves it into the bin
 * (crm/lib/Recycling/DynamicController.php moveToBin): it leaves the items
 * (crm.item.list no longer sees it) and waits there to be restored
 * (DynamicController::recover) or erased (::erase). With the flag N it is gone.
 */
import type { ModelContext } from './context'
import type { ItemRecord, PortalState, RecycleBinEntry } from './state'
import { errors } from './errors'

/** The bin's entries (an older data file has none). */
export function recycleBin(state: PortalState): RecycleBinEntry[] {
  return (state.recycleBin ??= [])
}

/** Entries of one type, or all; oldest first. */
export function binEntries(state: PortalState, entityTypeId?: number): RecycleBinEntry[] {
  return recycleBin(state).filter(e => entityTypeId === undefined || e.entityTypeId === entityTypeId)
}

/**
 * How many items of the type the bin holds: what TypeTable::onBeforeUpdate asks
 * (DynamicController::countItemsInRecycleBin) before the flag may go off.
 */
export function countInBin(state: PortalState, entityTypeId: number): number {
  return binEntries(state, entityTypeId).length
}

/** Removes the item from the items and, if the type's bin is on, keeps it in the bin. */
export function removeItem(ctx: ModelContext, item: ItemRecord, userId: number): void {
  ctx.state.items = ctx.state.items.filter(i => i !== item)
  const type = ctx.state.types.find(t => t.entityTypeId === item.entityTypeId)
  if (type?.flags.isRecyclebinEnabled)
    recycleBin(ctx.state).push({ entityTypeId: item.entityTypeId, item, deletedBy: userId, deletedAt: ctx.now() })
}

function takeEntry(state: PortalState, entityTypeId: number, id: number): RecycleBinEntry {
  const entry = recycleBin(state).find(e => e.entityTypeId === entityTypeId && e.item.id === id)
  if (!entry)
    throw errors.itemNotFound()
  state.recycleBin = recycleBin(state).filter(e => e !== entry)
  return entry
}

/**
 * Puts the item back with its id. (The module re-adds it through a Restore
 * operation and carries relations over from the old id; whether the id stays
 * the same we could not confirm. Ids are never reused here, so it can.)
 * Its type must still exist.
 */
export function restoreFromBin(ctx: ModelContext, entityTypeId: number, id: number): ItemRecord {
  if (!ctx.state.types.some(t => t.entityTypeId === entityTypeId))
    throw errors.itemTypeNotFound()
  const entry = takeEntry(ctx.state, entityTypeId, id)
  ctx.state.items.push(entry.item)
  return entry.item
}

/** "Delete permanently" for one entry (DynamicController::erase). */
export function eraseFromBin(state: PortalState, entityTypeId: number, id: number): void {
  takeEntry(state, entityTypeId, id)
}

/** Empties the bin, or only one type's entries; returns how many were erased. */
export function emptyBin(state: PortalState, entityTypeId?: number): number {
  const before = recycleBin(state).length
  state.recycleBin = recycleBin(state).filter(e => entityTypeId !== undefined && e.entityTypeId !== entityTypeId)
  return before - state.recycleBin.length
}

/** An entry as the control API and the bin page show it. */
export function binEntryToJson(e: RecycleBinEntry): Record<string, unknown> {
  return { entityTypeId: e.entityTypeId, id: e.item.id, title: e.item.title, deletedBy: e.deletedBy, deletedAt: new Date(e.deletedAt).toISOString(), item: e.item }
}
