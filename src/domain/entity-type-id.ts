/**
 * entityTypeId rules (docs/platform.md "Types", seed 000 "Known specifics"): the
 * standard CRM types, the ranges a smart process id may take, and the
 * validation of an id a user asks for when creating a type.
 */
import type { CrmTypeName } from './types'

/** The standard CRM types a relation can point to, with the i18n key of their name. */
export const STANDARD_TYPES = [
  { entityTypeId: 1, name: 'lead', i18nKey: 'domain.standard_types.lead' },
  { entityTypeId: 2, name: 'deal', i18nKey: 'domain.standard_types.deal' },
  { entityTypeId: 3, name: 'contact', i18nKey: 'domain.standard_types.contact' },
  { entityTypeId: 4, name: 'company', i18nKey: 'domain.standard_types.company' },
  { entityTypeId: 7, name: 'quote', i18nKey: 'domain.standard_types.quote' },
  { entityTypeId: 31, name: 'invoice', i18nKey: 'domain.standard_types.invoice' },
] as const

/** The standard types as relation targets, with English fallback titles (views show `standardTypeNameKey` in the user's language). */
export function standardTypeNames(): CrmTypeName[] {
  return STANDARD_TYPES.map(t => ({ entityTypeId: t.entityTypeId, title: t.name.charAt(0).toUpperCase() + t.name.slice(1), isStandard: true }))
}

/** The first custom range, both ends inclusive. */
export const SMART_PROCESS_RANGE_LOW = { min: 128, max: 192 } as const
/** From here on, even numbers only. */
export const SMART_PROCESS_HIGH_FROM = 1030

/** Whether the id is one of the standard CRM types (1, 2, 3, 4, 7, 31). */
export function isStandardTypeId(id: number): boolean {
  return STANDARD_TYPES.some(t => t.entityTypeId === id)
}

/** i18n key of a standard type's name, or null for any other id. */
export function standardTypeNameKey(id: number): string | null {
  return STANDARD_TYPES.find(t => t.entityTypeId === id)?.i18nKey ?? null
}

/** Whether the id lies where a smart process can live: 128–192 inclusive, or even and ≥ 1030. */
export function isSmartProcessId(id: number): boolean {
  if (!Number.isSafeInteger(id))
    return false
  if (id >= SMART_PROCESS_RANGE_LOW.min && id <= SMART_PROCESS_RANGE_LOW.max)
    return true
  return id >= SMART_PROCESS_HIGH_FROM && id % 2 === 0
}

export type EntityTypeIdProblem = 'not_a_number' | 'standard' | 'out_of_range' | 'taken'

export type EntityTypeIdCheck =
  | { ok: true, /** null: leave it to the portal to assign one. */ value: number | null }
  | { ok: false, problem: EntityTypeIdProblem, messageKey: string, params: Record<string, number> }

function problem(p: EntityTypeIdProblem, params: Record<string, number> = {}): EntityTypeIdCheck {
  return { ok: false, problem: p, messageKey: `domain.entity_type_id.${p}`, params }
}

/**
 * Checks an entityTypeId a user typed for a new type. Empty input is valid
 * and means "let the portal assign one" (it does, seed 000). `taken` holds
 * the ids in use, and ideally those of deleted types too: the portal never
 * reuses them (seed 004).
 */
export function validateEntityTypeId(input: string | number | null | undefined, taken: Iterable<number> = []): EntityTypeIdCheck {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === ''))
    return { ok: true, value: null }
  const text = String(input).trim()
  if (!/^\d+$/.test(text))
    return problem('not_a_number')
  const id = Number(text)
  if (!Number.isSafeInteger(id))
    return problem('not_a_number')
  if (isStandardTypeId(id))
    return problem('standard', { id })
  if (!isSmartProcessId(id)) {
    return problem('out_of_range', {
      id,
      min: SMART_PROCESS_RANGE_LOW.min,
      max: SMART_PROCESS_RANGE_LOW.max,
      from: SMART_PROCESS_HIGH_FROM,
    })
  }
  for (const t of taken) {
    if (t === id)
      return problem('taken', { id })
  }
  return { ok: true, value: id }
}
