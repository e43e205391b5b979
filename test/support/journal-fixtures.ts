/**
 * Fixtures of the history's tests (issue 19): a smart process as read one by
 * one (Deliveries, 1038) and a journal entry about it, each with overrides.
 */
import type { JournalEntry } from '@/domain/journal/entry'
import type { Relation, RelationSet, SmartProcessType } from '@/domain/types'
import { defaultFlags, defaultLinkedUserFields } from '@/domain/flags'

export const rel = (entityTypeId: number, isChildrenListEnabled = false, isPredefined = false): Relation => ({ entityTypeId, isChildrenListEnabled, isPredefined })
export const relSet = (parent: Relation[] = [], child: Relation[] = []): RelationSet => ({ parent, child })

/** Deliveries (1038) with every flag at its default and no link, unless told. */
export function deliveries(over: Partial<SmartProcessType> = {}): SmartProcessType {
  return {
    ...defaultFlags(),
    id: 7,
    entityTypeId: 1038,
    title: 'Deliveries',
    code: null,
    isInitialized: true,
    createdBy: 1,
    updatedBy: 1,
    createdTime: '2026-04-01T09:00:00+03:00',
    updatedTime: '2026-05-01T09:00:00+03:00',
    customSectionId: null,
    linkedUserFields: defaultLinkedUserFields(),
    relations: relSet(),
    ...over,
  }
}

/** An applied settings entry by Dana Petrova about Deliveries, changing nothing unless told. */
export function journalEntry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 0,
    at: '2026-05-02T09:00:00.000Z',
    by: { id: 4, name: 'Dana Petrova' },
    source: 'card',
    kind: 'settings',
    type: { id: 7, entityTypeId: 1038, title: 'Deliveries' },
    fields: [],
    links: [],
    outcome: 'applied',
    missed: [],
    error: null,
    undoes: null,
    state: null,
    setup: null,
    updatedTime: null,
    group: null,
    ...over,
  }
}
