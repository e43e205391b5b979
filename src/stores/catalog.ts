import type { AppError } from '@/domain/errors'
import type { CrmTypeName, SmartProcessType } from '@/domain/types'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { standardTypeNames } from '@/domain/entity-type-id'
import { toAppError } from '@/domain/errors'
import { useContextStore } from './context'

export type CatalogStatus = 'idle' | 'loading' | 'ready' | 'error'

const STANDARD_NAMES: readonly CrmTypeName[] = standardTypeNames()

/** Whether a type matches a search: a part of its title (any case) or of its entityTypeId. */
export function matchesSearch(type: Pick<SmartProcessType, 'title' | 'entityTypeId'>, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (q === '')
    return true
  return type.title.toLowerCase().includes(q) || String(type.entityTypeId).includes(q)
}

/**
 * Every smart process of the portal (all pages of crm.type.list) and the
 * names of every CRM type a relation can point to. Rows come without
 * relations and linkedUserFields (docs/platform.md "linkedUserFields"): read one type for those.
 */
export const useCatalogStore = defineStore('catalog', () => {
  const context = useContextStore()
  const types = shallowRef<SmartProcessType[]>([])
  const status = ref<CatalogStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  // Bumped by every load: an answer for an older load is dropped (stale guard).
  let generation = 0

  // Names a placement snapshot carried (loadPlacement's typeNames, all pages): the card tab needs no second read.
  const snapshotNames = shallowRef<CrmTypeName[]>([])
  /** Only names are known: the user may not list types (crm.type.list is for CRM administrators, docs/platform.md "Rights"). */
  const namesOnly = ref(false)

  const names = computed<CrmTypeName[]>(() => {
    const seen = new Set<number>()
    const out: CrmTypeName[] = []
    for (const n of [...STANDARD_NAMES, ...types.value.map(t => ({ entityTypeId: t.entityTypeId, title: t.title, isStandard: false })), ...snapshotNames.value]) {
      if (!seen.has(n.entityTypeId)) {
        seen.add(n.entityTypeId)
        out.push(n)
      }
    }
    return out
  })
  const nameIds = computed(() => new Set(names.value.map(n => n.entityTypeId)))
  /** Whether the list of all types is known (read, or filled from a snapshot). */
  const isKnown = computed(() => status.value === 'ready' || snapshotNames.value.length > 0)
  const entityTypeIds = computed(() => new Set(types.value.map(t => t.entityTypeId)))

  /**
   * Runs one load: a newer load wins (stale guard), a failure becomes
   * `error` and the previous list stays shown.
   */
  async function run(work: (current: () => boolean) => Promise<void>): Promise<void> {
    const mine = ++generation
    const current = () => mine === generation
    status.value = 'loading'
    error.value = null
    try {
      await work(current)
    }
    catch (e) {
      if (!current())
        return
      error.value = toAppError(e)
      status.value = 'error'
    }
  }

  async function readTypes(current: () => boolean): Promise<void> {
    const list = await context.requireGateway().listTypes()
    if (!current())
      return
    types.value = [...list].sort((a, b) => a.entityTypeId - b.entityTypeId)
    namesOnly.value = false
    status.value = 'ready'
  }

  /** Reads every smart process; the previous list stays shown while it loads and after a failure. */
  function load(): Promise<void> {
    return run(readTypes)
  }

  /**
   * What this user may see: every type's record for a CRM administrator,
   * the names of the smart processes (crm.enum.ownertype, open to all) for
   * anyone else. Reads the user and the right first when not known yet.
   */
  function loadVisible(): Promise<void> {
    return run(async (current) => {
      const gateway = context.requireGateway()
      if (!context.user)
        context.setUser(await gateway.currentUser())
      if (!current())
        return
      if (context.canEditTypes)
        return readTypes(current)
      const list = await gateway.listTypeNames()
      if (!current())
        return
      fillNames(list)
      namesOnly.value = true
      status.value = 'ready'
    })
  }

  /** The type with this entityTypeId, if listed. */
  function find(entityTypeId: number): SmartProcessType | undefined {
    return types.value.find(t => t.entityTypeId === entityTypeId)
  }

  /** Takes the names of every CRM type from a placement snapshot (loadPlacement's typeNames). */
  function fillNames(list: readonly CrmTypeName[]): void {
    snapshotNames.value = list.filter(n => !n.isStandard).map(n => ({ ...n }))
  }

  /**
   * Whether a relation target no longer exists on the portal (deleted
   * elsewhere; its links may be left dangling, docs/platform.md "Relations"). Nothing
   * counts as deleted before the list is known.
   */
  function isDeleted(entityTypeId: number): boolean {
    return isKnown.value && !nameIds.value.has(entityTypeId)
  }

  /** The display title of any CRM type id (standard or smart process); null when unknown. */
  function titleOf(entityTypeId: number): string | null {
    return names.value.find(n => n.entityTypeId === entityTypeId)?.title ?? null
  }

  /** Adds or replaces a type (after create or update), keeping the order by entityTypeId. */
  function upsert(type: SmartProcessType): void {
    const rest = types.value.filter(t => t.entityTypeId !== type.entityTypeId)
    types.value = [...rest, type].sort((a, b) => a.entityTypeId - b.entityTypeId)
  }

  /** Drops a deleted type. */
  function remove(entityTypeId: number): void {
    types.value = types.value.filter(t => t.entityTypeId !== entityTypeId)
    snapshotNames.value = snapshotNames.value.filter(n => n.entityTypeId !== entityTypeId)
  }

  return { types, status, error, names, namesOnly, entityTypeIds, isKnown, load, loadVisible, find, titleOf, upsert, remove, fillNames, isDeleted }
})
