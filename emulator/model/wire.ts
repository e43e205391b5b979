/**
 * The portal REST wire format: "Y"/"N" flags, loose boolean input, numbers
 * that arrive as strings from forms and batch queries (docs/platform.md "Flags", "Batch").
 */

/** "Y" / "N" for a boolean. */
export function yn(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N'
}

/**
 * A boolean from what Bitrix24 accepts: "Y"/"N", "true"/"false", "1"/"0",
 * booleans and numbers (crm-type-add.md sends isChildrenListEnabled "true").
 * `undefined` when the value says neither.
 */
export function parseBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean')
    return value
  if (typeof value === 'number')
    return value !== 0
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase()
    if (v === 'y' || v === 'true' || v === '1')
      return true
    if (v === 'n' || v === 'false' || v === '0' || v === '')
      return false
  }
  return undefined
}

/** An integer from a number or a numeric string; `undefined` otherwise. */
export function parseIntLoose(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value))
    return Math.trunc(value)
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value))
    return Number.parseInt(value, 10)
  return undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Values of an array, or of a PHP-style object with numeric keys (form and batch input). */
export function listValues(value: unknown): unknown[] {
  if (Array.isArray(value))
    return value
  if (isRecord(value))
    return Object.values(value)
  return []
}
