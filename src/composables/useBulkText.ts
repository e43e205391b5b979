import type { ComputedRef } from 'vue'
import type { BulkBlock } from '@/domain/bulk/plan'
import type { BulkTypeResult } from '@/domain/bulk/result'
import type { AppPlacement } from '@/domain/install'
import type { FieldChange, LinkChange } from '@/domain/journal/entry'
import type { FieldKey } from '@/domain/settings-fields'
import { useI18n } from 'vue-i18n'
import { APP_PLACEMENTS } from '@/domain/install'
import { parseLinkKey } from '@/domain/journal/entry'
import { FIELD_KEYS } from '@/domain/settings-fields'
import enBulk from '@/i18n/en/bulk.json'
import { useCrmTypeNames } from './useCrmTypeNames'
import { useFieldLabels } from './useFieldLabels'
import { useLocaleReady } from './useLocaleReady'

export interface UseBulkTextReturn {
  /** True once the bulk change's messages are in, in the portal's language. */
  ready: ComputedRef<boolean>
  /** "Recycle bin: Off → On". */
  fieldLine: (change: FieldChange) => string
  /** "adds the link to Deals (parent, list shown in the card)", "removes the link to Deals (parent)". */
  linkLine: (change: LinkChange) => string
  /** Why a type is left out, in words (`pipelines`: how many it has, when known). */
  blockLine: (block: BulkBlock, pipelines: number | null) => string
  /** The app's placements named and joined ("the card tab and the list action"). */
  placementNames: (placements: readonly string[]) => string
  /** What a result says did not stick, named: fields by label, links by type and side, placements by name. */
  missedNames: (missed: readonly string[]) => string
  /** A failed or unverified result's error: the app's message, then the portal's own text. */
  errorLine: (result: Pick<BulkTypeResult, 'error' | 'detail'>) => string
  /** Titles joined as a list ("A, B and C"). */
  list: (items: readonly string[]) => string
}

const isPlacement = (s: string): s is AppPlacement => (APP_PLACEMENTS as readonly string[]).includes(s)

/**
 * The bulk change's words (issue 20): fields and links as the preview, the
 * results and the group's undo say them. Its messages (`bulk.*`) come with
 * the bulk screen's chunk (en) or a chunk of their own (ru), never with the
 * first screen. Titles are portal data: the components render them as text.
 */
export function useBulkText(): UseBulkTextReturn {
  const i18n = useI18n({ useScope: 'global' })
  i18n.mergeLocaleMessage('en', { bulk: enBulk })
  const ready = useLocaleReady({ part: 'bulk' })
  const { t, te } = i18n
  const { label, formatValue } = useFieldLabels()
  const { nameOf } = useCrmTypeNames()

  const list = (items: readonly string[]) => new Intl.ListFormat(i18n.locale.value, { type: 'conjunction' }).format(items)
  const side = (l: Pick<LinkChange, 'side' | 'entityTypeId'>) => ({ type: nameOf(l.entityTypeId), side: t(`relations.side_name.${l.side}`) })

  function fieldLine(change: FieldChange): string {
    return t('bulk.field', { field: label(change.key), from: formatValue(change.before), to: formatValue(change.after) })
  }

  function linkLine(change: LinkChange): string {
    if (change.before === null)
      return t(change.after ? 'bulk.link.add_list' : 'bulk.link.add', side(change))
    if (change.after === null)
      return t('bulk.link.remove', side(change))
    return t(change.after ? 'bulk.link.list_on' : 'bulk.link.list_off', side(change))
  }

  function blockLine(block: BulkBlock, pipelines: number | null): string {
    if (block === 'many_pipelines' && pipelines === null)
      return t('bulk.block.many_pipelines_uncounted')
    return t(`bulk.block.${block}`, { count: pipelines ?? '' })
  }

  function placementNames(placements: readonly string[]): string {
    return list(placements.map(p => isPlacement(p) ? t(`bulk.placement.${p.toLowerCase()}`) : p))
  }

  function missedNames(missed: readonly string[]): string {
    return list(missed.map((m) => {
      const link = parseLinkKey(m)
      if (link)
        return t('bulk.results.missed_link', side(link))
      if (isPlacement(m))
        return t(`bulk.placement.${m.toLowerCase()}`)
      return (FIELD_KEYS as readonly string[]).includes(m) ? label(m as FieldKey) : m
    }))
  }

  function errorLine(result: Pick<BulkTypeResult, 'error' | 'detail'>): string {
    const key = `errors.${result.error ?? 'unknown'}`
    const message = te(key) ? t(key) : t('errors.unknown')
    // The portal's own refusal is already in the user's language: said next to ours.
    return result.detail ? `${message} ${t('errors.portal_says', { text: result.detail })}` : message
  }

  return { ready, fieldLine, linkLine, blockLine, placementNames, missedNames, errorLine, list }
}
