import type { ComputedRef } from 'vue'
import type { JournalEntry } from '@/domain/journal/entry'
import type { Phrase } from '@/domain/journal/sentence'
import type { FieldKey } from '@/domain/settings-fields'
import { useI18n } from 'vue-i18n'
import { parseLinkKey } from '@/domain/journal/entry'
import { phrasesOf } from '@/domain/journal/sentence'
import { FIELD_KEYS } from '@/domain/settings-fields'
import enHistory from '@/i18n/en/history.json'
import { useContextStore } from '@/stores/context'
import { useJournalStore } from '@/stores/journal'
import { useCrmTypeNames } from './useCrmTypeNames'
import { useFieldLabels } from './useFieldLabels'
import { useLocaleReady } from './useLocaleReady'

/** What HistoryEntryItem shows of an entry. */
export interface HistoryItemProps {
  sentence: string
  iso: string
  ago: string
  exact: string
  place: string
  warning: string
  undoText: string
  undoLabel: string
}

export interface UseHistoryTextReturn {
  /** True once the history's messages are in, in the portal's language. */
  ready: ComputedRef<boolean>
  /** The entry as one sentence: who did what ("Alex Morgan turned off Recycle bin and removed the link to Deals"). */
  sentence: (entry: JournalEntry) => string
  /** What the entry changed, without who (for "Undo: …"). */
  what: (entry: JournalEntry) => string
  /** "2 min ago", in the user's language. */
  ago: (iso: string, now: number) => string
  /** The exact moment, for the tooltip and screen readers. */
  exact: (iso: string) => string
  /** The outcome as a warning, or '' when applied. */
  outcome: (entry: JournalEntry) => string
  /** What did not stick, named and joined. */
  missedNames: (entry: JournalEntry) => string
  /**
   * HistoryEntryItem's props for an entry: `withType` names the type (the
   * portal's history lists many), `undoable` gives it its Undo button.
   */
  itemProps: (entry: JournalEntry, now: number, options: { withType: boolean, undoable: boolean }) => HistoryItemProps
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3_600], ['minute', 60]]

/**
 * The history's words (issue 19): entries as sentences, times as "2 min
 * ago". Used by the card tab's History and the app page's; its messages
 * (`history.*`) come with the history's chunk, never with the first screen.
 * Titles and names are portal data: the views render them as text.
 */
export function useHistoryText(): UseHistoryTextReturn {
  const i18n = useI18n({ useScope: 'global' })
  i18n.mergeLocaleMessage('en', { history: enHistory })
  const ready = useLocaleReady({ part: 'history' })
  const { t } = i18n
  const { label } = useFieldLabels()
  const { nameOf } = useCrmTypeNames()

  function phrase(p: Phrase): string {
    switch (p.key) {
      case 'on':
      case 'off':
        return t(`history.phrase.${p.key}`, { field: label(p.field) })
      case 'title':
        return t('history.phrase.title', { from: p.from, to: p.to })
      case 'code':
        return t('history.phrase.code', { to: p.to })
      case 'created':
      case 'deleted':
        return t(`history.phrase.${p.key}`, { title: p.title })
      case 'code_cleared':
      case 'nothing':
        return t(`history.phrase.${p.key}`)
      default:
        return t(`history.phrase.${p.key}`, { type: nameOf(p.entityTypeId), side: t(`relations.side_name.${p.side}`) })
    }
  }

  function what(entry: JournalEntry): string {
    return new Intl.ListFormat(i18n.locale.value, { type: 'conjunction' }).format(phrasesOf(entry).map(phrase))
  }

  const journal = useJournalStore()
  const context = useContextStore()

  function who(entry: JournalEntry): string {
    if (!entry.by)
      return t('history.someone')
    const known = context.user?.id === entry.by.id ? context.user.name : journal.names.get(entry.by.id)
    return entry.by.name.trim() || known?.trim() || t('history.user', { id: entry.by.id })
  }

  function sentence(entry: JournalEntry): string {
    if (entry.kind === 'outside')
      return entry.by ? t('history.outside_by', { who: who(entry), what: what(entry) }) : t('history.outside', { what: what(entry) })
    if (entry.kind === 'undo')
      return t('history.undid', { who: who(entry), what: what(entry) })
    return t('history.sentence', { who: who(entry), what: what(entry) })
  }

  function ago(iso: string, now: number): string {
    const seconds = Math.round((Date.parse(iso) - now) / 1000)
    const format = new Intl.RelativeTimeFormat(i18n.locale.value, { numeric: 'auto', style: 'short' })
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size)
        return format.format(Math.trunc(seconds / size), unit)
    }
    return format.format(0, 'minute')
  }

  function exact(iso: string): string {
    return new Intl.DateTimeFormat(i18n.locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
  }

  function outcome(entry: JournalEntry): string {
    if (entry.outcome === 'pending')
      return t('history.outcome.pending')
    if (entry.outcome === 'failed')
      return t('history.outcome.failed', { reason: t(`errors.${entry.error ?? 'unknown'}`) })
    if (entry.outcome === 'partial')
      return t('history.outcome.partial', { names: missedNames(entry) })
    return ''
  }

  /** What did not stick, named: fields by their labels, links by type and side, anything else as the entry says it. */
  function missedNames(entry: JournalEntry): string {
    return entry.missed.map((m) => {
      const link = parseLinkKey(m)
      if (link)
        return `${nameOf(link.entityTypeId)} (${t(`relations.side_name.${link.side}`)})`
      return (FIELD_KEYS as readonly string[]).includes(m) ? label(m as FieldKey) : m
    }).join(', ')
  }

  function itemProps(entry: JournalEntry, now: number, { withType, undoable }: { withType: boolean, undoable: boolean }): HistoryItemProps {
    // Seen late: the record's own time says when it changed (the entry's, when the app noticed).
    const seen = entry.kind === 'outside' && entry.updatedTime && !Number.isNaN(Date.parse(entry.updatedTime)) ? ` · ${t('history.updated_at', { time: exact(entry.updatedTime) })}` : ''
    const place = `${t(`history.source.${entry.source}`)}${seen}`
    const what_ = withType ? `${what(entry)} (${entry.type.title})` : what(entry)
    return {
      sentence: sentence(entry),
      iso: entry.at,
      ago: ago(entry.at, now),
      exact: exact(entry.at),
      place: withType ? `${entry.type.title} · ${place}` : place,
      warning: outcome(entry),
      undoText: t(entry.kind === 'delete' ? 'history.undo.recreate' : 'history.undo.action'),
      // The accessible name starts with the visible text (WCAG 2.5.3).
      undoLabel: undoable ? t(entry.kind === 'delete' ? 'history.undo.recreate_label' : 'history.undo.action_label', { what: what_ }) : '',
    }
  }

  return { ready, sentence, what, ago, exact, outcome, missedNames, itemProps }
}
