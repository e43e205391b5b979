import type { AppError } from '@/domain/errors'
import type { FieldMessage, NewTypeForm } from '@/domain/new-type'
import type { FieldKey } from '@/domain/settings-fields'
import type { TypeSetup } from '@/domain/setup/types'
import type { RelationSide, SmartProcessType, TypeChanges } from '@/domain/types'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { toAppError } from '@/domain/errors'
import { settableFlags } from '@/domain/flags'
import { createdEntry, failedChange, pendingEntry } from '@/domain/journal/entry'
import { checkNewType } from '@/domain/new-type'
import { buildSetupFile } from '@/domain/setup/build'
import { unsavedFields } from '@/domain/settings-fields'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useInstallStore } from './install'
import { useJournalStore } from './journal'

export type CreateStatus = 'idle' | 'saving' | 'invalid' | 'error' | 'created'
export type DeleteStatus = 'idle' | 'checking' | 'ready' | 'deleting' | 'deleted' | 'error'

/** A link another CRM type holds to the type about to be deleted. */
export interface DeleteLink {
  entityTypeId: number
  /** The side of the deleted type: `parent` means the other type owns its items. */
  side: RelationSide
}

/** What deleting one type would do, read before asking the user. */
export interface DeletePlan {
  type: SmartProcessType
  /** Items of the type: the portal refuses the delete while there are any (docs/platform.md "Errors"). */
  itemCount: number
  /** Links that other types hold to it and that will be left dangling (seed 004). */
  links: DeleteLink[]
  /** The whole setup (settings, links, pipelines, stages), kept in the journal so the type can be recreated; null when it could not be read. */
  setup: TypeSetup | null
}

/**
 * Creating and deleting smart processes on the app page. A new type gets its
 * placements bound at once; a deleted one loses them.
 */
export const useTypesAdminStore = defineStore('types-admin', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const install = useInstallStore()
  const journal = useJournalStore()

  const createStatus = ref<CreateStatus>('idle')
  const createError = shallowRef<AppError | null>(null)
  const fieldErrors = ref<Partial<Record<'title' | 'entityTypeId', FieldMessage>>>({})
  /** Binding the new type's placements failed: the type exists, the repair button finishes it. */
  const bindError = shallowRef<AppError | null>(null)
  const created = shallowRef<SmartProcessType | null>(null)
  /** Fields of the create that the portal's answer does not hold (docs/platform.md "Flags"). */
  const createUnsaved = ref<FieldKey[]>([])

  const deleteStatus = ref<DeleteStatus>('idle')
  const deleteError = shallowRef<AppError | null>(null)
  const deletePlan = shallowRef<DeletePlan | null>(null)
  // entityTypeIds deleted in this session: the portal never hands them out again (seed 004).
  const deletedIds = new Set<number>()

  function resetCreate() {
    createStatus.value = 'idle'
    createError.value = null
    fieldErrors.value = {}
    bindError.value = null
    created.value = null
    createUnsaved.value = []
  }

  /** Checks the form, creates the type, then binds its placements. Resolves with the new type, or null. */
  async function create(form: NewTypeForm): Promise<SmartProcessType | null> {
    if (createStatus.value === 'saving')
      return null
    resetCreate()
    const check = checkNewType(form, [...catalog.entityTypeIds, ...deletedIds])
    if (!check.ok) {
      fieldErrors.value = check.errors
      createStatus.value = 'invalid'
      return null
    }
    createStatus.value = 'saving'
    // Journaled before the write and completed after (issue 19); never blocks the create.
    const handle = await journal.beginEntry(pendingEntry(journal.start('create', { id: 0, entityTypeId: check.input.entityTypeId ?? 0, title: check.input.title })))
    try {
      const gateway = context.requireGateway()
      let type: SmartProcessType
      try {
        type = await gateway.createType(check.input)
      }
      catch (e) {
        void journal.settle(handle, pending => failedChange(pending, toAppError(e).code, null))
        throw e
      }
      void journal.settle(handle, pending => createdEntry(pending, type))
      catalog.upsert(type)
      created.value = type
      // Compared with what the portal answers: what it did not keep is named, never taken as created.
      const sent: TypeChanges = { title: check.input.title }
      for (const key of settableFlags(gateway.kind))
        sent[key] = check.input[key]
      createUnsaved.value = unsavedFields(sent, type)
      if (install.canBind) {
        try {
          await install.bindType(type.entityTypeId)
        }
        catch (e) {
          bindError.value = toAppError(e)
        }
      }
      createStatus.value = 'created'
      return type
    }
    catch (e) {
      createError.value = toAppError(e)
      createStatus.value = 'error'
      return null
    }
  }

  /** Reads what the delete would meet: the item count and the type's links (one read each). */
  async function prepareDelete(entityTypeId: number): Promise<void> {
    deleteStatus.value = 'checking'
    deleteError.value = null
    deletePlan.value = null
    try {
      const gateway = context.requireGateway()
      // Relations are bidirectional (docs/platform.md "Relations"): the type's own parents and children are the links others hold to it.
      // The whole setup is read too: the journal keeps it, so the type can be recreated (issue 19).
      const [itemCount, type, target] = await Promise.all([gateway.countItems(entityTypeId), gateway.getType(entityTypeId), gateway.readTarget([entityTypeId]).catch(() => null)])
      const links: DeleteLink[] = (['parent', 'child'] as const).flatMap(side =>
        (type.relations?.[side] ?? []).map(r => ({ entityTypeId: r.entityTypeId, side })))
      const setup = target
        ? buildSetupFile({ portal: null, now: new Date(), types: target.types, typeNames: catalog.types.map(t => ({ entityTypeId: t.entityTypeId, title: t.title, code: t.code })) }).types[0] ?? null
        : null
      deletePlan.value = { type, itemCount, links, setup }
      deleteStatus.value = 'ready'
    }
    catch (e) {
      deleteError.value = toAppError(e)
      deleteStatus.value = 'error'
    }
  }

  /** Deletes the planned type once the user typed its title; then unbinds its placements. Resolves true when deleted. */
  async function confirmDelete(typedTitle: string): Promise<boolean> {
    const plan = deletePlan.value
    if (!plan || plan.itemCount > 0 || typedTitle.trim() !== plan.type.title.trim() || deleteStatus.value === 'deleting')
      return false
    deleteStatus.value = 'deleting'
    deleteError.value = null
    const handle = await journal.beginEntry(pendingEntry(journal.start('delete', plan.type, { setup: plan.setup })))
    try {
      await context.requireGateway().deleteType({ id: plan.type.id, entityTypeId: plan.type.entityTypeId })
      void journal.settle(handle, pending => ({ ...pending, outcome: 'applied' }))
    }
    catch (e) {
      const err = toAppError(e)
      void journal.settle(handle, pending => failedChange(pending, err.code, null))
      // Items added since the check: show the refusal with the count the portal reports.
      if (err.code === 'has_items' && typeof err.params.count === 'number')
        deletePlan.value = { ...plan, itemCount: err.params.count }
      deleteError.value = err
      deleteStatus.value = 'error'
      return false
    }
    deletedIds.add(plan.type.entityTypeId)
    catalog.remove(plan.type.entityTypeId)
    deleteStatus.value = 'deleted'
    if (install.canBind) {
      // The type is gone either way; a stale binding only costs a dead placement code.
      await install.unbindType(plan.type.entityTypeId).catch(() => {})
    }
    return true
  }

  function cancelDelete() {
    deleteStatus.value = 'idle'
    deleteError.value = null
    deletePlan.value = null
  }

  return { createStatus, createError, fieldErrors, bindError, created, createUnsaved, deleteStatus, deleteError, deletePlan, create, resetCreate, prepareDelete, confirmDelete, cancelDelete }
})
