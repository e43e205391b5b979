/**
 * crm.enum.ownertype (api-reference/crm/auxiliary/enum/crm-enum-owner-type.md):
 * the standard owner types in the order and with the codes the doc shows,
 * then every smart process (`DYNAMIC_<id>`, `T<hex id>`). Any user may call
 * it. Names come in the caller's language: the Russian ones are the doc's,
 * the English ones the English portal's words (not shown in the docs).
 */
import type { PortalLang } from '../contract'
import type { PortalState } from './state'

interface OwnerType { id: number, en: string, ru: string, symbol: string, short: string }

export const OWNER_TYPES: readonly OwnerType[] = [
  { id: 1, en: 'Lead', ru: 'Лид', symbol: 'LEAD', short: 'L' },
  { id: 2, en: 'Deal', ru: 'Сделка', symbol: 'DEAL', short: 'D' },
  { id: 3, en: 'Contact', ru: 'Контакт', symbol: 'CONTACT', short: 'C' },
  { id: 4, en: 'Company', ru: 'Компания', symbol: 'COMPANY', short: 'CO' },
  { id: 5, en: 'Invoice (old version)', ru: 'Счёт (старая версия)', symbol: 'INVOICE', short: 'I' },
  { id: 31, en: 'Invoice', ru: 'Счёт', symbol: 'SMART_INVOICE', short: 'SI' },
  { id: 7, en: 'Estimate', ru: 'Предложение', symbol: 'QUOTE', short: 'Q' },
  { id: 8, en: 'Requisite', ru: 'Реквизиты', symbol: 'REQUISITE', short: 'RQ' },
  { id: 36, en: 'Document', ru: 'Документ', symbol: 'SMART_DOCUMENT', short: 'DO' },
  { id: 39, en: 'Company document', ru: 'Документ компании', symbol: 'SMART_B2E_DOC', short: 'SBD' },
]

/** The rows of crm.enum.ownertype: `ID` a number, smart processes after the standard types. */
export function ownerTypes(state: PortalState, lang: PortalLang = 'en'): Record<string, unknown>[] {
  return [
    ...OWNER_TYPES.map(t => ({ ID: t.id, NAME: t[lang], SYMBOL_CODE: t.symbol, SYMBOL_CODE_SHORT: t.short })),
    ...state.types.map(t => ({
      ID: t.entityTypeId,
      NAME: t.title,
      SYMBOL_CODE: `DYNAMIC_${t.entityTypeId}`,
      SYMBOL_CODE_SHORT: `T${t.entityTypeId.toString(16)}`,
    })),
  ]
}
