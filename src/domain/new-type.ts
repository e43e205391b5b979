/**
 * The checks a new type passes before it is sent (docs/platform.md "Types"): a title,
 * and an optional entityTypeId within the portal's rules.
 */
import type { Flags } from './flags'
import type { NewType } from './types'
import { validateEntityTypeId } from './entity-type-id'

/** What the create form holds: text as typed, flags as toggled. */
export interface NewTypeForm {
  title: string
  /** Empty: the portal assigns one. */
  entityTypeId: string
  flags: Flags
}

/** A message to show next to a field: an i18n key and its parameters. */
export interface FieldMessage {
  key: string
  params: Record<string, number>
}

export type NewTypeCheck =
  | { ok: true, input: NewType }
  | { ok: false, errors: Partial<Record<'title' | 'entityTypeId', FieldMessage>> }

/**
 * Checks the form; `taken` holds the entityTypeIds in use and those of
 * types deleted in this session (the portal never reuses them, seed 004).
 */
export function checkNewType(form: NewTypeForm, taken: Iterable<number>): NewTypeCheck {
  const errors: Partial<Record<'title' | 'entityTypeId', FieldMessage>> = {}
  const title = form.title.trim()
  if (title === '')
    errors.title = { key: 'home.create.title_required', params: {} }
  const id = validateEntityTypeId(form.entityTypeId, taken)
  if (!id.ok)
    errors.entityTypeId = { key: id.messageKey, params: id.params }
  if (errors.title || errors.entityTypeId || !id.ok)
    return { ok: false, errors }
  const input: NewType = { ...form.flags, title }
  if (id.value !== null)
    input.entityTypeId = id.value
  return { ok: true, input }
}
