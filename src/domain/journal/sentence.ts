/**
 * What an entry says, as phrases the view turns into one sentence in the
 * user's language ("Alex Morgan turned off Recycle bin and removed the link
 * to Deals"). Pure: the i18n keys live under `history.phrase.*`.
 */
import type { JournalEntry } from './entry'
import type { FieldKey } from '@/domain/settings-fields'
import type { RelationSide } from '@/domain/types'

export type Phrase =
  | { key: 'on' | 'off', field: FieldKey }
  | { key: 'title', from: string, to: string }
  | { key: 'code', to: string }
  | { key: 'code_cleared' }
  | { key: 'link_added' | 'link_removed' | 'list_on' | 'list_off', side: RelationSide, entityTypeId: number }
  | { key: 'created' | 'deleted', title: string }
  | { key: 'nothing' }

export function phrasesOf(entry: JournalEntry): Phrase[] {
  if (entry.kind === 'delete')
    return [{ key: 'deleted', title: entry.type.title }]
  const out: Phrase[] = []
  // A creation (by the create dialog, an import or a recreate) has a title from nothing.
  const created = entry.kind === 'create' || entry.fields.some(f => f.key === 'title' && f.before === null)
  if (created)
    out.push({ key: 'created', title: entry.type.title })
  for (const f of entry.fields) {
    if (created && (f.key === 'title' || f.key === 'code'))
      continue
    if (f.key === 'title')
      out.push({ key: 'title', from: String(f.before ?? ''), to: String(f.after ?? '') })
    else if (f.key === 'code')
      out.push(f.after === null || f.after === '' ? { key: 'code_cleared' } : { key: 'code', to: String(f.after) })
    else
      out.push({ key: f.after === true ? 'on' : 'off', field: f.key })
  }
  for (const l of entry.links) {
    const key = l.before === null ? 'link_added' : l.after === null ? 'link_removed' : l.after ? 'list_on' : 'list_off'
    out.push({ key, side: l.side, entityTypeId: l.entityTypeId })
  }
  return out.length > 0 ? out : [{ key: 'nothing' }]
}
