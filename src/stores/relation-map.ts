/**
 * The relation map (issue 21): every CRM type and every link, read once a
 * session (`readTypes()`: the names, then each smart process one by one,
 * 50 a batch: crm.type.list leaves relations out) and read again at the
 * next natural moment (useNaturalRead). Keeps the graph and its layout.
 *
 * A change made on the map (add a link, remove it, set "show the list in
 * the card") is a settings change of one type, written the way the bulk
 * change writes each of its types: runBulk reads the type fresh, plans the
 * change on that read (only the side it touches is sent, the rest of the
 * side merged from the fresh read), writes, reads back; the journal gets a
 * pending entry before the write and its outcome after. The bulk change's
 * store is not used: its state (status, results, group, the group's undo)
 * is the bulk screen's, and a map edit there would show as a bulk run.
 *
 * Loaded with the map's chunk only.
 */
import type { AppError } from '@/domain/errors'
import type { BulkTypeResult } from '@/domain/bulk/result'
import type { MapLink, MapLinkOp } from '@/domain/map/edit'
import type { RelationGraph } from '@/domain/map/graph'
import type { MapLayout } from '@/domain/map/layout'
import type { CrmTypeName, SmartProcessType } from '@/domain/types'
import type { RunHandle } from './journal'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { changePlan, planBulkType } from '@/domain/bulk/plan'
import { stepResult } from '@/domain/bulk/result'
import { toAppError } from '@/domain/errors'
import { linkAction, linkWriteTarget } from '@/domain/map/edit'
import { buildRelationGraph } from '@/domain/map/graph'
import { layoutOffMainThread } from '@/domain/map/layout-off-thread'
import { emptyRelationSet, findRelation } from '@/domain/relations'
import { runBulk } from '@/portal/bulk-apply'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useJournalStore } from './journal'

export type RelationMapStatus = 'idle' | 'loading' | 'ready' | 'error'
export type RelationMapWriteStatus = 'idle' | 'saving' | 'done' | 'error'

/** The last change made on the map: what was asked, and how it ended on the type it was written to. */
export interface RelationMapWrite {
  link: MapLink
  change: MapLinkOp
  /** null when it could not be written at all (no smart process at either end). */
  result: BulkTypeResult | null
}

/** A natural read comes at most this often (focus and visibility can fire together). */
const REFRESH_GAP_MS = 5_000

/** The nodes and edges of a graph as one key: equal keys lay out the same. */
function shapeKey(g: RelationGraph): string {
  return `${g.nodes.map(n => n.entityTypeId).join(',')}|${g.edges.map(e => `${e.parent}>${e.child}`).join(',')}`
}

export const useRelationMapStore = defineStore('relation-map', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const journal = useJournalStore()

  const status = ref<RelationMapStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  /** Every smart process, read one by one (with relations). */
  const types = shallowRef<SmartProcessType[]>([])
  /** Every CRM type a link can point to. */
  const names = shallowRef<CrmTypeName[]>([])
  const graph = shallowRef<RelationGraph | null>(null)
  const layout = shallowRef<MapLayout | null>(null)
  /** Bumped whenever the graph or its layout changes. */
  const version = ref(0)
  const writeStatus = ref<RelationMapWriteStatus>('idle')
  const writeError = shallowRef<AppError | null>(null)
  const lastWrite = shallowRef<RelationMapWrite | null>(null)

  const canRead = computed(() => context.status === 'ready' && context.canEditTypes)
  const canWrite = computed(() => context.canEdit)

  // A read answered after a newer one began is dropped (stale guard).
  let generation = 0
  let readAt = 0
  let laidOut = ''

  /** Rebuilds the graph from the cache; lays it out again only when nodes or links changed. */
  async function rebuild() {
    const next = buildRelationGraph(types.value, names.value)
    const key = shapeKey(next)
    if (key !== laidOut || !layout.value) {
      const mine = generation
      const started = performance.now()
      const drawn = await layoutOffMainThread(next)
      // For the browser's performance panel and npm run bench: the layout's own time, apart from the reads.
      performance.measure('relation-map-layout', { start: started, end: performance.now() })
      if (mine !== generation)
        return
      layout.value = drawn
      laidOut = key
    }
    graph.value = next
    version.value++
  }

  async function read() {
    const mine = ++generation
    readAt = Date.now()
    if (!graph.value)
      status.value = 'loading'
    error.value = null
    try {
      const got = await context.requireGateway().readTypes()
      if (mine !== generation)
        return
      types.value = got.types
      names.value = got.names
      await rebuild()
      if (mine === generation)
        status.value = 'ready'
    }
    catch (e) {
      if (mine !== generation)
        return
      error.value = toAppError(e)
      // A map already shown stays: the failed refresh says so beside it.
      status.value = graph.value ? 'ready' : 'error'
    }
  }

  /** Reads every type once a session; later calls keep the cache. */
  async function load() {
    if (!canRead.value || status.value === 'loading' || (status.value === 'ready' && graph.value))
      return
    await read()
  }

  /** Reads again at a natural moment (back to the frame, the tab shown): not while a change is written, not twice in a row. */
  async function refresh() {
    if (!canRead.value || status.value === 'loading' || writeStatus.value === 'saving' || Date.now() - readAt < REFRESH_GAP_MS)
      return
    await read()
  }

  /** Reads again now (the Retry of a failed load). */
  function reload() {
    return read()
  }

  const smartProcessIds = computed(() => new Set(types.value.map(t => t.entityTypeId)))

  function upsert(list: readonly SmartProcessType[], gone: readonly number[] = []) {
    const byId = new Map(types.value.map(t => [t.entityTypeId, t]))
    for (const id of gone)
      byId.delete(id)
    for (const t of list)
      byId.set(t.entityTypeId, t)
    types.value = [...byId.values()]
    list.forEach(t => catalog.upsert(t))
  }

  /**
   * Writes one change to a link on the type that holds it (linkWriteTarget),
   * journaled as that type's settings change, then reads the other end too
   * (it lists the same link) and redraws. Answers how it ended; never throws.
   */
  async function change(link: MapLink, op: MapLinkOp): Promise<RelationMapWrite | null> {
    if (!canWrite.value || writeStatus.value === 'saving')
      return null
    const target = linkWriteTarget(link, id => smartProcessIds.value.has(id))
    if (!target) {
      // Between two standard types (Bitrix24's own links): nothing the app may write.
      lastWrite.value = { link, change: op, result: null }
      writeStatus.value = 'error'
      writeError.value = null
      return lastWrite.value
    }
    writeStatus.value = 'saving'
    writeError.value = null
    // The map's edits are not a read's: a refresh begun before is dropped.
    generation++
    const action = linkAction(target, op)
    const owner = types.value.find(t => t.entityTypeId === target.owner)
    try {
      const [step] = await runBulk<RunHandle>(context.requireGateway(), [{ entityTypeId: target.owner, title: owner?.title ?? '' }], (fresh) => {
        // The list switch of a link removed meanwhile is not a reason to add the link back.
        if (op.op === 'show_list' && !findRelation(fresh.relations ?? emptyRelationSet(), target.side, target.other))
          return changePlan(fresh, {})
        return planBulkType(action, fresh)
      }, {
        pipelines: false,
        ...journal.runHooks(fresh => ({ ...journal.start('settings', fresh, { source: 'app' }), undoes: null })),
        stopped: () => false,
        onProgress: () => {},
      })
      const result = stepResult(step!)
      const read: SmartProcessType[] = []
      const gone: number[] = []
      const owned = step!.saved ?? step!.fresh
      if (owned)
        read.push(owned)
      else if (step!.plan?.block === 'gone')
        gone.push(target.owner)
      // The other end lists the same stored link: read it again, or the map would still draw what it said before.
      if (smartProcessIds.value.has(target.other)) {
        try {
          const back = await context.requireGateway().readTypes([target.other], { names: false })
          const other = back.types.find(t => t.entityTypeId === target.other)
          if (other)
            read.push(other)
          else
            gone.push(target.other)
        }
        catch {
          // The owner's read-back is the truth of the link; the other end is read at the next refresh.
        }
      }
      upsert(read, gone)
      await rebuild()
      lastWrite.value = { link, change: op, result }
      writeStatus.value = result.result === 'applied' || result.result === 'unchanged' ? 'done' : 'error'
      return lastWrite.value
    }
    catch (e) {
      writeError.value = toAppError(e)
      writeStatus.value = 'error'
      lastWrite.value = { link, change: op, result: null }
      return lastWrite.value
    }
  }

  /** Adds a link (parent → child), with the list shown in the parent's card or not. */
  function addLink(link: MapLink, isChildrenListEnabled: boolean) {
    return change(link, { op: 'add', isChildrenListEnabled })
  }

  function removeLink(link: MapLink) {
    return change(link, { op: 'remove' })
  }

  function setShowList(link: MapLink, isChildrenListEnabled: boolean) {
    return change(link, { op: 'show_list', isChildrenListEnabled })
  }

  /** Forgets how the last change ended (its message was closed). */
  function clearWrite() {
    if (writeStatus.value !== 'saving') {
      writeStatus.value = 'idle'
      writeError.value = null
      lastWrite.value = null
    }
  }

  return { status, error, types, names, graph, layout, version, writeStatus, writeError, lastWrite, canRead, canWrite, load, refresh, reload, addLink, removeLink, setShowList, clearWrite }
})
