/**
 * The history journal (issue 19): writes an entry before every change the
 * app makes ("pending") and completes it after, reads the history of one
 * type or of the whole portal, and records what was changed outside the
 * app when a read differs from the journal's last known state.
 *
 * Loaded lazily (the editor's save imports it; the history views use it):
 * it is never part of a placement's first screen. A journal write never
 * blocks or hides the user's save: a failed one is kept and retried, and
 * `problem` says so until it is written.
 */
import type { BulkStep } from '@/domain/bulk/result'
import type { AppError } from '@/domain/errors'
import type { EntryStart, JournalEntry, JournalSource } from '@/domain/journal/entry'
import type { SmartProcessType, TypeChanges } from '@/domain/types'
import type { JournalPage, JournalPort, JournalQuery } from '@/portal/journal-port'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { toAppError } from '@/domain/errors'
import { baselineEntry, completedChange, failedChange, outsideChange, pendingChange } from '@/domain/journal/entry'
import { useContextStore } from './context'

/** A change begun: its pending entry, written or not yet. */
export interface JournalHandle {
  entry: JournalEntry
  /** Settles when the pending entry was written (or failed to be). */
  written: Promise<void>
}

/** A chunk's steps written and their journal handles, in the same order. */
export interface RunHandle {
  steps: BulkStep[]
  handles: JournalHandle[]
}

/** Waits between retries of an unwritten entry, then every minute while the screen is open. */
const RETRY_MS = [2_000, 5_000, 15_000, 60_000]
/** How long a save waits for its pending entry before writing anyway. */
const PENDING_WAIT_MS = 4_000

export const useJournalStore = defineStore('journal', () => {
  const context = useContextStore()
  let port: Promise<JournalPort> | null = null
  /** Why the journal cannot be used here (not_supported over /v1, insufficient_scope, access_denied); null while it can. */
  const unavailable = shallowRef<AppError | null>(null)
  /** Entries not written yet (each retried); the screen says so while any is left. */
  const unwritten = ref<JournalEntry[]>([])
  const problem = shallowRef<AppError | null>(null)
  /** Entries of the types read so far, newest first (the card tab's History, the outside check). */
  const byType = shallowRef<Map<number, JournalEntry[]>>(new Map())
  /**
   * Names of the users seen in the journal (and the current user's): a change
   * made outside the app carries only the record's updatedBy id, and the app
   * has no scope to look users up.
   */
  const names = shallowRef<Map<number, string>>(new Map())
  function learnNames(entries: readonly JournalEntry[]) {
    const fresh = entries.filter(e => e.by?.name && names.value.get(e.by.id) !== e.by.name)
    if (fresh.length === 0)
      return
    const next = new Map(names.value)
    fresh.forEach(e => next.set(e.by!.id, e.by!.name))
    names.value = next
  }
  /** Bumped on every entry written or read: views watch it to refresh. */
  const version = ref(0)

  const source = computed<JournalSource>(() => (context.view === 'home' ? 'app' : context.layout === 'slider' ? 'slider' : 'card'))

  function open(): Promise<JournalPort> {
    port ??= context.requireGateway().openJournal().then(p => markRaw(p)).catch((e) => {
      port = null
      throw e
    })
    return port
  }

  function who(): EntryStart['by'] {
    const u = context.user
    return u ? { id: u.id, name: u.name } : null
  }

  function remember(entry: JournalEntry) {
    learnNames([entry])
    const map = new Map(byType.value)
    const list = (map.get(entry.type.entityTypeId) ?? []).filter(e => e.id !== entry.id || entry.id === 0)
    map.set(entry.type.entityTypeId, [entry, ...list].sort((a, b) => (b.id || Infinity) - (a.id || Infinity)))
    byType.value = map
    version.value++
  }

  function replaceInMemory(old: JournalEntry, next: JournalEntry) {
    const map = new Map(byType.value)
    const list = map.get(next.type.entityTypeId) ?? []
    map.set(next.type.entityTypeId, list.some(e => e === old) ? list.map(e => (e === old ? next : e)) : [next, ...list])
    byType.value = map
    version.value++
  }

  /** Writes (add or update) once; answers the entry with its ID. */
  async function write(entry: JournalEntry): Promise<JournalEntry> {
    const p = await open()
    if (entry.id > 0) {
      await p.update(entry)
      return entry
    }
    return { ...entry, id: await p.add(entry) }
  }

  let retryStep = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  function keepForRetry(entry: JournalEntry, e: unknown) {
    const err = toAppError(e)
    if (err.code === 'not_supported' || err.code === 'insufficient_scope') {
      unavailable.value = err
      return
    }
    unwritten.value = [...unwritten.value.filter(x => x !== entry && (x.id === 0 || x.id !== entry.id)), entry]
    problem.value = err
    scheduleRetry()
  }

  function scheduleRetry() {
    if (retryTimer || unwritten.value.length === 0)
      return
    const wait = RETRY_MS[Math.min(retryStep, RETRY_MS.length - 1)]!
    retryStep++
    retryTimer = setTimeout(() => {
      retryTimer = null
      void retryNow()
    }, wait)
  }

  let retrying: Promise<void> | null = null

  /** Tries every unwritten entry again (also offered to the user as "Try again"); one run at a time. */
  function retryNow(): Promise<void> {
    retrying ??= retryOnce().finally(() => {
      retrying = null
    })
    return retrying
  }

  async function retryOnce() {
    const tried = [...unwritten.value]
    const failed: JournalEntry[] = []
    for (const entry of tried) {
      try {
        const written = await write(entry)
        replaceInMemory(entry, written)
      }
      catch (e) {
        failed.push(entry)
        problem.value = toAppError(e)
      }
    }
    // What failed again, and what was kept for a retry while this one ran.
    unwritten.value = [...failed, ...unwritten.value.filter(e => !tried.includes(e))]
    if (unwritten.value.length === 0) {
      problem.value = null
      retryStep = 0
    }
    else {
      scheduleRetry()
    }
  }

  /** Records a complete entry (create, delete, outside, import); never throws. */
  async function record(entry: JournalEntry): Promise<JournalEntry> {
    try {
      const written = await write(entry)
      remember(written)
      return written
    }
    catch (e) {
      remember(entry)
      keepForRetry(entry, e)
      return entry
    }
  }

  function start(kind: EntryStart['kind'], type: Pick<SmartProcessType, 'id' | 'entityTypeId' | 'title'>, extra: Partial<EntryStart> = {}): EntryStart {
    return { at: new Date(), by: who(), source: source.value, kind, type: { id: type.id, entityTypeId: type.entityTypeId, title: type.title }, ...extra }
  }

  /**
   * Before a write to a type: records what changed outside the app since
   * the journal last saw it, then the pending entry. Waits for each at most
   * PENDING_WAIT_MS; never throws.
   */
  async function begin(fresh: SmartProcessType, changes: TypeChanges, extra: Partial<EntryStart> = {}): Promise<JournalHandle> {
    // The journal's newest entry of the type, read now: the screen's list may predate another admin's save.
    const last = await Promise.race([open().then(p => p.latestOf(fresh.entityTypeId)), new Promise<undefined>(r => setTimeout(r, PENDING_WAIT_MS))]).catch(() => undefined)
    if (last !== undefined) {
      const outside = outsideChange(last, fresh, new Date())
      if (outside)
        void record(outside)
    }
    return beginEntry(pendingChange(start(extra.kind ?? 'settings', fresh, extra), fresh, changes))
  }

  /** Writes a pending entry before a write (a change, a create, a delete); waits for it at most PENDING_WAIT_MS; never throws. */
  async function beginEntry(entry: JournalEntry): Promise<JournalHandle> {
    remember(entry)
    const handle: JournalHandle = { entry, written: Promise.resolve() }
    handle.written = write(entry).then((w) => {
      replaceInMemory(handle.entry, w)
      handle.entry = w
    }, () => {})
    await Promise.race([handle.written, new Promise(r => setTimeout(r, PENDING_WAIT_MS))])
    return handle
  }

  /** Completes a begun entry with its outcome (`next` gets the pending entry, with its ID once written). Never throws. */
  async function settle(handle: JournalHandle, next: (pending: JournalEntry) => JournalEntry) {
    // A slow pending write is waited for, so the entry is completed, not written twice.
    await handle.written
    const old = handle.entry
    // Completes the pending item when it was written, else writes the whole entry.
    const entry = { ...next(old), id: old.id }
    handle.entry = entry
    replaceInMemory(old, entry)
    try {
      const written = await write(entry)
      replaceInMemory(entry, written)
      handle.entry = written
    }
    catch (e) {
      keepForRetry(entry, e)
    }
  }

  /** After the write: the outcome as the portal answered (what did not stick is named). Never throws. */
  function complete(handle: JournalHandle, fresh: SmartProcessType, saved: SmartProcessType, missed: readonly string[] = []): Promise<void> {
    return settle(handle, pending => completedChange(pending, fresh, saved, missed))
  }

  /** After a refused or unanswered write. Never throws. */
  function fail(handle: JournalHandle, error: AppError, fresh: SmartProcessType | null): Promise<void> {
    return settle(handle, pending => failedChange(pending, error.code, fresh))
  }

  /**
   * Many entries begun at once (an import: one per type), written in batches;
   * answers a handle each. Never throws: entries not written are completed
   * by `settleMany` as new ones.
   */
  async function beginMany(entries: JournalEntry[]): Promise<JournalHandle[]> {
    entries.forEach(remember)
    const handles = entries.map(entry => ({ entry, written: Promise.resolve() }))
    try {
      const ids = await (await open()).writeMany(entries)
      ids.forEach((id, i) => {
        if (id !== null) {
          const w = { ...handles[i]!.entry, id }
          replaceInMemory(handles[i]!.entry, w)
          handles[i]!.entry = w
        }
      })
    }
    catch {
      // Written as whole entries at the end.
    }
    return handles
  }

  /** Completes many begun entries in batches; what fails is kept and retried. Never throws. */
  async function settleMany(handles: JournalHandle[], next: (pending: JournalEntry, index: number) => JournalEntry): Promise<void> {
    const entries = handles.map((h, i) => ({ ...next(h.entry, i), id: h.entry.id }))
    handles.forEach((h, i) => {
      replaceInMemory(h.entry, entries[i]!)
      h.entry = entries[i]!
    })
    let ids: (number | null)[] = entries.map(() => null)
    let failure: unknown = new Error('not written')
    try {
      ids = await (await open()).writeMany(entries)
    }
    catch (e) {
      failure = e
    }
    ids.forEach((id, i) => {
      if (id === null)
        keepForRetry(entries[i]!, failure)
      else if (entries[i]!.id === 0)
        replaceInMemory(entries[i]!, { ...entries[i]!, id })
    })
  }

  /**
   * The journal's side of a chunked run over many types (portal/bulk-apply.ts:
   * a bulk change, its undo, a relation map edit): the pending entries of a
   * chunk written in one batch before its writes, completed in one batch from
   * the read-back after; a refused write is failed, one not read back stays
   * "not finished" (it may have stuck). `settled` gets each chunk's entries.
   */
  function runHooks(start: (fresh: SmartProcessType) => EntryStart, settled: (entries: JournalEntry[]) => void = () => {}) {
    return {
      beforeWrite: async (steps: BulkStep[]): Promise<RunHandle> => ({ steps, handles: await beginMany(steps.map(s => pendingChange(start(s.fresh!), s.fresh!, s.plan!.changes))) }),
      afterChunk: async (_steps: BulkStep[], run: RunHandle | null): Promise<void> => {
        if (!run)
          return
        await settleMany(run.handles, (pending, i) => {
          const s = run.steps[i]!
          if (s.write && !s.write.ok)
            return failedChange(pending, s.write.error, s.fresh)
          return s.saved ? completedChange(pending, s.fresh!, s.saved) : pending
        })
        settled(run.handles.map(h => h.entry))
      },
    }
  }

  /** The history of one type, newest first (first page), kept for the outside check. */
  async function loadType(entityTypeId: number): Promise<JournalPage> {
    // With the baseline: the newest entry, whatever it is, is the last known state.
    const page = await (await open()).list({ entityTypeId, withBaseline: true })
    learnNames(page.entries)
    const map = new Map(byType.value)
    // Entries not written yet stay on top of what the portal has.
    const mine = (map.get(entityTypeId) ?? []).filter(e => e.id === 0)
    map.set(entityTypeId, [...mine, ...page.entries])
    byType.value = map
    version.value++
    return page
  }

  /** Any page of the portal's history (the app page's filters). */
  async function list(query: JournalQuery): Promise<JournalPage> {
    const page = await (await open()).list(query)
    learnNames(page.entries)
    return page
  }

  /**
   * A type as read by the screen: when it differs from the journal's last
   * known state, "changed outside the app" is recorded (seen now, not when
   * it happened). Needs the type's entries loaded; never throws.
   */
  async function checkOutside(read: SmartProcessType): Promise<JournalEntry | null> {
    const known = byType.value.get(read.entityTypeId)
    if (!known || !context.canEdit || !read.relations)
      return null
    // Nothing known of it yet: this read is the starting point (kept, never shown).
    if (known.length === 0) {
      await record(baselineEntry(start('baseline', read), read))
      return null
    }
    const outside = outsideChange(known[0] ?? null, read, new Date())
    return outside ? record(outside) : null
  }

  /** Lets old entries go (retention), once a session, from the app page. */
  let pruned = false
  async function prune(): Promise<number> {
    if (pruned || !context.canEdit)
      return 0
    pruned = true
    try {
      return await (await open()).prune(new Date())
    }
    catch {
      return 0
    }
  }

  return { unavailable, unwritten, problem, byType, names, version, source, start, begin, beginEntry, beginMany, settle, settleMany, complete, fail, record, loadType, list, checkOutside, retryNow, prune, open, runHooks }
})
