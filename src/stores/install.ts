import type { PlacementTitles, TypePlacements } from '@/domain/install'
import type { AppError } from '@/domain/errors'
import type { PlacementBinding } from '@/domain/types'
import type { BindProgress } from '@/portal/gateway'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError as AppErrorClass, toAppError } from '@/domain/errors'
import { APP_PLACEMENTS, bindingsOfType, placementsByType, planBinds } from '@/domain/install'
import { placementTitleTexts } from '@/i18n/placement-titles'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'

/**
 * `binding`: placement.bind batches are running; `partial`: some types are
 * still not bound (the rest of the run went through); `done`: every type is
 * bound (and the install finished when in install mode).
 */
export type InstallStatus = 'idle' | 'loading' | 'binding' | 'finishing' | 'done' | 'partial' | 'error'

/** LANG_ALL titles of each placement, in every shipped locale (docs/platform.md "Placements"). */
export function placementTitles(): PlacementTitles {
  const titles = (name: 'detail_tab' | 'list_toolbar') => ({ en: placementTitleTexts.en[name], ru: placementTitleTexts.ru[name] })
  return { DETAIL_TAB: titles('detail_tab'), LIST_TOOLBAR: titles('list_toolbar') }
}

/**
 * Binds the app's placements (card tab, list toolbar) for every smart
 * process, in batches of at most 50 commands, then finishes the install
 * (docs/platform.md "Placements", "Frame"). Idempotent: a run binds only what placement.get
 * does not list, and "Handler already binded" counts as done.
 */
export const useInstallStore = defineStore('install', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  /** What placement.get listed, kept up to date by our own binds and unbinds; null before the first read. */
  const bindings = shallowRef<PlacementBinding[] | null>(null)
  const status = ref<InstallStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  const progress = ref<BindProgress>({ done: 0, total: 0 })
  /** Types that the last run could not bind completely. */
  const unboundTypes = ref<number[]>([])
  /** Placements the last run unbound and bound again (one handler only, ERROR_PLACEMENT_MAX_COUNT). */
  const reboundCount = ref(0)
  /** Placements the last run bound (0: nothing was missing); null before a run. Told after Repair. */
  const lastBound = ref<number | null>(null)

  /**
   * Whether this connection can bind placements: a portal frame (not the
   * vibecode gateway) and a portal administrator (placement.* are theirs,
   * docs/platform.md "Rights").
   */
  const canBind = computed(() => context.canInstall && context.installControls() !== null)
  const handler = () => context.installControls()?.handlerUrl ?? ''

  /** Which of the app's placements each listed type has. */
  const coverage = computed<Map<number, TypePlacements>>(() =>
    placementsByType(catalog.types.map(t => t.entityTypeId), bindings.value ?? [], handler()))
  const incompleteCount = computed(() => [...coverage.value.values()].filter(p => APP_PLACEMENTS.some(n => !p[n])).length)

  function controls() {
    const c = context.installControls()
    if (!c)
      throw new AppErrorClass({ code: 'not_supported', detail: 'placements need a portal frame' })
    return c
  }

  /** Reads placement.get. */
  async function loadBindings(): Promise<void> {
    controls()
    bindings.value = await context.requireGateway().listPlacements()
  }

  function remember(added: PlacementBinding[]) {
    const known = bindings.value ?? []
    const fresh = added.filter(a => !known.some(b => b.placement === a.placement && b.handler === a.handler))
    bindings.value = [...known, ...fresh]
  }

  /** Binds what the given types lack; returns the entityTypeIds left incomplete. */
  async function bindTypes(entityTypeIds: number[]): Promise<number[]> {
    const url = controls().handlerUrl
    const plan = planBinds(entityTypeIds, bindings.value ? coverage.value : null, url, placementTitles())
    progress.value = { done: 0, total: plan.length }
    lastBound.value = 0
    if (plan.length === 0)
      return []
    const outcomes = await context.requireGateway().bindPlacements(plan, (p) => {
      progress.value = p
    })
    const failed = new Set<number>()
    const bound: PlacementBinding[] = []
    reboundCount.value = [...outcomes.values()].filter(o => o === 'rebound').length
    for (const req of plan) {
      if (outcomes.get(req.placement) === 'failed')
        failed.add(req.entityTypeId)
      else
        bound.push({ placement: req.placement, handler: url, title: req.titles.en ?? '' })
    }
    remember(bound)
    lastBound.value = bound.length
    return [...failed]
  }

  /**
   * The whole install: every smart process (all pages), what is bound, bind
   * the rest, then installFinish when the portal opened the app in install
   * mode. A failure in the middle leaves `partial` with the types not bound;
   * running again finishes them. installFinish waits until all are bound:
   * the portal reloads the page after it.
   */
  async function run(): Promise<void> {
    if (status.value === 'loading' || status.value === 'binding' || status.value === 'finishing')
      return
    error.value = null
    unboundTypes.value = []
    try {
      status.value = 'loading'
      const c = controls()
      await Promise.all([catalog.status === 'ready' ? null : catalog.load(), loadBindings()])
      if (catalog.status === 'error')
        throw catalog.error ?? new AppErrorClass({ code: 'unknown' })
      status.value = 'binding'
      unboundTypes.value = await bindTypes(catalog.types.map(t => t.entityTypeId))
      if (unboundTypes.value.length > 0) {
        status.value = 'partial'
        return
      }
      status.value = 'finishing'
      // The history's storage (issue 19) is made here too, so repair restores it; the first journal write would make it anyway.
      await ensureJournal()
      await c.finish()
      status.value = 'done'
    }
    catch (e) {
      error.value = toAppError(e)
      status.value = 'error'
    }
  }

  /** Creates the app's history storage where missing (portal REST only); a failure never stops the install. */
  async function ensureJournal(): Promise<void> {
    const gateway = context.requireGateway()
    if (gateway.kind === 'rest')
      await gateway.openJournal().then(j => j.ensure()).catch(() => {})
  }

  /** Binds both placements of one type (a type just created). Rejects with AppError when they could not be bound. */
  async function bindType(entityTypeId: number): Promise<void> {
    const failed = await bindTypes([entityTypeId])
    if (failed.length > 0)
      throw new AppErrorClass({ code: 'unknown', messageKey: 'install.errors.not_bound_one', retryable: true })
  }

  /** Unbinds the app's placements of a deleted type. */
  function unbindType(entityTypeId: number): Promise<void> {
    return unbindTypes([entityTypeId])
  }

  /** Unbinds the app's placements of the given types (a deleted one, or a bulk change's). */
  async function unbindTypes(entityTypeIds: number[]): Promise<void> {
    const gone = entityTypeIds.flatMap(id => bindingsOfType(id, bindings.value, controls().handlerUrl))
    await context.requireGateway().unbindPlacements(gone)
    if (bindings.value)
      bindings.value = bindings.value.filter(b => !gone.some(g => g.placement === b.placement && g.handler === b.handler))
  }

  return { bindings, status, error, progress, unboundTypes, reboundCount, lastBound, canBind, coverage, incompleteCount, loadBindings, run, bindType, bindTypes, unbindType, unbindTypes }
})
