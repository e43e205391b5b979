/**
 * The history journal over portal REST (issue 19): the app's own storage,
 * `entity.*` with scope `entity` (docs/platform.md "App storages"). Loaded
 * with the history, never with a placement's first screen.
 *
 * Rights: the storage is created by whoever needs it first (entity-add.md:
 * any user with the app; the creator gets X) with `AU: W`, because the
 * people who change smart processes (CRM administrators) are no group an
 * access code can name; the app shows the history to them only.
 */
import type { JournalEntry } from '@/domain/journal/entry'
import type { JournalPage, JournalPort, JournalQuery } from './journal-port'
import type { RestClient } from './rest-client'
import { entriesToPrune, KEEP_ENTRIES, retentionCutoff } from '@/domain/journal/retention'
import { AppError } from '@/domain/errors'
import { batchByChunk } from './rest-client'
import { entryToItem, itemToEntry, JOURNAL_ENTITY, JOURNAL_NAME, JOURNAL_PROPERTIES } from './journal-wire'

const missingStorage = (e: unknown) => e instanceof AppError && e.wireCode === 'ERROR_ENTITY_NOT_FOUND'

function filterOf(q: JournalQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {}
  if (q.entityTypeId !== undefined)
    f.PROPERTY_TYPE_ID = q.entityTypeId
  if (q.userId !== undefined)
    f.PROPERTY_USER_ID = q.userId
  if (q.kind !== undefined)
    f.PROPERTY_KIND = q.kind
  else if (!q.withBaseline)
    f['!PROPERTY_KIND'] = 'baseline'
  if (q.from)
    f['>=DATE_ACTIVE_FROM'] = q.from.toISOString()
  if (q.to)
    f['<=DATE_ACTIVE_FROM'] = q.to.toISOString()
  const search = q.search?.trim()
  if (search)
    f['%NAME'] = search
  return f
}

export function createRestJournal(client: RestClient): JournalPort {
  /** Adds the properties the storage lacks (a first ensure cut short leaves none): the filters need them. */
  async function addProperties(have: Set<string>): Promise<void> {
    const missing = JOURNAL_PROPERTIES.filter(p => !have.has(p.PROPERTY))
    if (missing.length === 0)
      return
    const rows = await client.batch(Object.fromEntries(missing.map(p => [p.PROPERTY, { method: 'entity.item.property.add', params: { ENTITY: JOURNAL_ENTITY, ...p } }])))
    const failed = Object.values(rows).find(r => !r.ok && r.error.wireCode !== 'ERROR_PROPERTY_ALREADY_EXISTS')
    if (failed && !failed.ok)
      throw failed.error
  }

  async function ensure(): Promise<boolean> {
    try {
      await client.call('entity.get', { ENTITY: JOURNAL_ENTITY })
      const { result } = await client.call('entity.item.property.get', { ENTITY: JOURNAL_ENTITY })
      const have = new Set((Array.isArray(result) ? result : []).map(p => String((p as { PROPERTY?: unknown }).PROPERTY)))
      // Only X may add them (entity-item-property-add.md): whoever created the storage, or a portal administrator.
      await addProperties(have).catch(() => {})
      return false
    }
    catch (e) {
      if (!missingStorage(e))
        throw e
    }
    try {
      await client.call('entity.add', { ENTITY: JOURNAL_ENTITY, NAME: JOURNAL_NAME, ACCESS: { AU: 'W' } })
    }
    catch (e) {
      // Two users creating it at once: the other one won, which is as good.
      if (!(e instanceof AppError && e.wireCode === 'ERROR_ENTITY_ALREADY_EXISTS'))
        throw e
    }
    await addProperties(new Set())
    return true
  }

  // A batch of adds cannot create the storage on its first refusal as add() does: it is made sure of once first.
  let ensured: Promise<boolean> | null = null
  const ensureOnce = () => (ensured ??= ensure().catch((e) => {
    ensured = null
    throw e
  }))

  async function add(entry: JournalEntry): Promise<number> {
    const send = () => client.call('entity.item.add', { ENTITY: JOURNAL_ENTITY, ...entryToItem(entry) })
    let answer
    try {
      answer = await send()
    }
    catch (e) {
      if (!missingStorage(e))
        throw e
      // Deleted with the app's data, or never created (an install before history): made again, as repair does.
      await ensure()
      answer = await send()
    }
    const id = Number(answer.result)
    if (!Number.isInteger(id) || id <= 0)
      throw new AppError({ code: 'malformed_response', detail: 'entity.item.add without an ID' })
    return id
  }

  async function list(query: JournalQuery = {}): Promise<JournalPage> {
    let answer
    try {
      answer = await client.call('entity.item.get', { ENTITY: JOURNAL_ENTITY, SORT: { ID: 'DESC' }, FILTER: filterOf(query), start: query.start ?? 0 })
    }
    catch (e) {
      if (missingStorage(e))
        return { entries: [], total: 0, next: null }
      throw e
    }
    const rows = Array.isArray(answer.result) ? answer.result : []
    const start = query.start ?? 0
    const next = start + rows.length < answer.total ? start + rows.length : null
    return { entries: rows.map(itemToEntry).filter((e): e is JournalEntry => e !== null), total: answer.total, next }
  }

  return {
    ensure,
    add,
    async update(entry) {
      await client.call('entity.item.update', { ENTITY: JOURNAL_ENTITY, ID: entry.id, ...entryToItem(entry) })
    },
    async writeMany(entries) {
      const call = (e: JournalEntry) => e.id > 0
        ? { method: 'entity.item.update', params: { ENTITY: JOURNAL_ENTITY, ID: e.id, ...entryToItem(e) } }
        : { method: 'entity.item.add', params: { ENTITY: JOURNAL_ENTITY, ...entryToItem(e) } }
      if (entries.some(e => e.id === 0))
        await ensureOnce()
      const rows = await batchByChunk(client, Object.fromEntries(entries.map((e, i) => [`e${i}`, call(e)])))
      return entries.map((e, i) => {
        const row = rows[`e${i}`]
        if (!row?.ok)
          return null
        return e.id > 0 ? e.id : Number(row.result) || null
      })
    },
    list,
    async latestOf(entityTypeId) {
      // The first page is newest first; an unreadable newest item is skipped, the next one stands.
      return (await list({ entityTypeId, withBaseline: true })).entries[0] ?? null
    },
    async prune(now) {
      const { total } = await list()
      if (total <= KEEP_ENTRIES)
        return 0
      // The old ones, oldest first, a page at a time until enough are found.
      const ids: number[] = []
      let start = 0
      for (;;) {
        const { result, total: old } = await client.call('entity.item.get', { ENTITY: JOURNAL_ENTITY, SORT: { ID: 'ASC' }, FILTER: { '<DATE_ACTIVE_FROM': retentionCutoff(now).toISOString() }, start })
        const rows = Array.isArray(result) ? result : []
        ids.push(...rows.map(r => Number((r as { ID?: unknown }).ID)).filter(Number.isInteger))
        start += rows.length
        if (rows.length === 0 || start >= old || ids.length >= total - KEEP_ENTRIES)
          break
      }
      const gone = entriesToPrune(total, ids)
      const answers = await batchByChunk(client, Object.fromEntries(gone.map(id => [`del_${id}`, { method: 'entity.item.delete', params: { ENTITY: JOURNAL_ENTITY, ID: id } }])))
      return Object.values(answers).filter(r => r.ok).length
    },
  }
}
