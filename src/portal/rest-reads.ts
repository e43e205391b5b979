/**
 * Reading who the user is and what the CRM types are called, with methods
 * every user may call (docs/platform.md "Scopes", "Rights"): `profile` (no
 * scope) instead of user.current (scope user), `crm.enum.ownertype` (any
 * user) instead of crm.type.list (CRM administrators only), and
 * `crm.type.fields` as the probe of the right to edit types: a read only a
 * CRM administrator may make, so nobody learns it from a failed write.
 */
import type { BatchRow, RestCall } from './rest-client'
import type { Pipeline } from '@/domain/portal-rules'
import type { CrmTypeName, CurrentUser } from '@/domain/types'
import { standardTypeNames } from '@/domain/entity-type-id'
import { isRecord, malformed, pick, readBool, readInt, readStringOrNull } from './wire-common'

/** The batch commands that tell the user and the right to edit types. */
export const USER_CALLS: Record<'user' | 'rights', RestCall> = {
  user: { method: 'profile' },
  rights: { method: 'crm.type.fields' },
}

/** The batch command that names every CRM type. */
export const NAMES_CALL: RestCall = { method: 'crm.enum.ownertype' }

/** The answer of a batch row, or its error thrown. */
export function rowResult(rows: Record<string, BatchRow>, key: string): BatchRow & { ok: true } {
  const row = rows[key]
  if (!row)
    malformed(`batch row ${key} missing`)
  if (!row.ok)
    throw row.error
  return row
}

/** profile → the user (docs/platform.md "Rights": ADMIN is the portal administrator). */
export function parseProfile(raw: unknown, canEditTypes: boolean): CurrentUser {
  if (!isRecord(raw))
    malformed('profile is not an object')
  const id = readInt(pick(raw, 'ID'))
  if (id === undefined)
    malformed('profile without ID')
  const name = [readStringOrNull(pick(raw, 'NAME')), readStringOrNull(pick(raw, 'LAST_NAME'))]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join(' ')
    .trim()
  return { id, name: name || `#${id}`, isAdmin: readBool(pick(raw, 'ADMIN')) ?? false, canEditTypes }
}

/**
 * The crm.type.fields probe: answered means CRM administrator; ACCESS_DENIED
 * means not. Anything else (a network failure, say) is thrown: guessing
 * "no right" would hide the real problem.
 */
export function readEditRight(row: BatchRow | undefined): boolean {
  if (!row)
    malformed('batch row rights missing')
  if (row.ok)
    return true
  if (row.error.code === 'access_denied')
    return false
  throw row.error
}

/** The user and the edit right from the rows of USER_CALLS. */
export function readUser(rows: Record<string, BatchRow>): CurrentUser {
  return parseProfile(rowResult(rows, 'user').result, readEditRight(rows.rights))
}

/**
 * crm.enum.ownertype → names of every CRM type a relation can point to: the
 * standard ones (the app names them in the user's language) and every smart
 * process (`SYMBOL_CODE` `DYNAMIC_<id>`). Other owner types (requisites,
 * documents, old invoices) cannot be linked and are left out.
 */
export function parseOwnerTypes(raw: unknown): CrmTypeName[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : malformed('crm.enum.ownertype is not a list')
  const out = standardTypeNames()
  const seen = new Set(out.map(n => n.entityTypeId))
  for (const row of rows) {
    if (!isRecord(row))
      continue
    const id = readInt(pick(row, 'ID'))
    const symbol = readStringOrNull(pick(row, 'SYMBOL_CODE')) ?? ''
    if (id === undefined || !symbol.startsWith('DYNAMIC_') || seen.has(id))
      continue
    seen.add(id)
    out.push({ entityTypeId: id, title: readStringOrNull(pick(row, 'NAME')) ?? '', isStandard: false })
  }
  return out
}

/** The batch command that reads a type's pipelines (crm.category.list: any user, docs/platform.md "Rights"). */
export function pipelinesCall(entityTypeId: number): RestCall {
  return { method: 'crm.category.list', params: { entityTypeId } }
}

/**
 * crm.category.list → pipelines; null when the row failed or is unreadable:
 * the screen then knows no lock and the portal's own refusal still tells.
 */
export function readPipelines(row: BatchRow | undefined): Pipeline[] | null {
  if (!row?.ok)
    return null
  const raw = isRecord(row.result) ? pick(row.result, 'categories') : row.result
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : null
  if (!rows)
    return null
  const out: Pipeline[] = []
  for (const r of rows) {
    if (!isRecord(r))
      continue
    const id = readInt(pick(r, 'id'))
    if (id === undefined)
      continue
    out.push({ id, name: readStringOrNull(pick(r, 'name')) ?? '', sort: readInt(pick(r, 'sort')) ?? 0, isDefault: readBool(pick(r, 'isDefault')) ?? false })
  }
  return out
}
