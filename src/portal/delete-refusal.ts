import { AppError } from '@/domain/errors'

/**
 * Tells a delete refused because of items from any other refusal, by the
 * facts rather than the portal's text: crm.type.delete answers the generic
 * `BX_ERROR` (REST) or `BITRIX_ERROR` (/v1) in the portal's language
 * (docs/platform.md "Errors"), so a validation refusal is followed by an item
 * count, and only a count above zero makes it `has_items` (with the count).
 * Anything else passes through unchanged, the portal's text kept as detail.
 */
export async function explainDeleteRefusal(e: unknown, countItems: () => Promise<number>): Promise<unknown> {
  if (!(e instanceof AppError) || e.code !== 'validation')
    return e
  const count = await countItems().catch(() => null)
  if (count === null || count === 0)
    return e
  return new AppError({ code: 'has_items', status: e.status ?? undefined, detail: e.detail, wireCode: e.wireCode, params: { count } })
}
