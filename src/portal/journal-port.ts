/**
 * The history journal's door to the portal (issue 19). The REST gateway
 * keeps it in the app's own storage (`entity.*`, rest-journal.ts); the
 * vibecode gateway has none (its `openJournal` throws not_supported).
 */
import type { JournalEntry, JournalKind } from '@/domain/journal/entry'

export interface JournalQuery {
  entityTypeId?: number
  userId?: number
  kind?: JournalKind
  /** Entries at or after / at or before (the moment of the change). */
  from?: Date
  to?: Date
  /** Part of the type's title (as it was at the time) or of its entityTypeId. */
  search?: string
  /** Also the baselines (never shown; the outside check needs them). */
  withBaseline?: boolean
  /** Paging: the `next` of the previous page. */
  start?: number
}

export interface JournalPage {
  /** Newest first. Entries the app cannot read (another version, damaged) are left out. */
  entries: JournalEntry[]
  total: number
  next: number | null
}

export interface JournalPort {
  /** Creates the storage and its properties where missing; true when it had to. */
  ensure: () => Promise<boolean>
  /** Writes a new entry; answers its ID. Creates the storage first if the portal has none. */
  add: (entry: JournalEntry) => Promise<number>
  /** Rewrites an entry written before (by its `id`). */
  update: (entry: JournalEntry) => Promise<void>
  /**
   * Many entries at once (an import's, one per type): batches of at most 50,
   * one request each. Answers each entry's ID, or null where its write failed.
   * Entries with an ID are rewritten, the others added.
   */
  writeMany: (entries: readonly JournalEntry[]) => Promise<(number | null)[]>
  list: (query?: JournalQuery) => Promise<JournalPage>
  /** The newest entry of a type, or null. */
  latestOf: (entityTypeId: number) => Promise<JournalEntry | null>
  /** Deletes what the retention rule lets go (domain/journal/retention.ts); answers how many. */
  prune: (now: Date) => Promise<number>
}
