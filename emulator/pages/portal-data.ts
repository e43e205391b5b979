/**
 * What the portal pages read from the portal, through the same REST
 * dispatcher the app uses (PortalHandle.call), in the wire format of
 * docs/platform.md "Frame". The page itself is the portal: it reads as the admin where
 * Bitrix24 would read with its own rights (menus, placements).
 */
import type { PortalHandle } from '../contract'
import type { PortalLang } from './strings'

/** A smart process as the menu and titles need it. */
export interface TypeSummary {
  id: number
  entityTypeId: number
  title: string
}

/** A CRM item as the card shows it: every field, as the wire gives it. */
export type ItemRecord = Record<string, unknown> & { id: number, title?: string }

/** A placement handler bound by the app (placement.get row). */
export interface BoundPlacement {
  placement: string
  handler: string
  title: string
  langAll?: Record<string, { TITLE?: string }>
}

const PORTAL_CTX = { userId: 1 }

function result<T>(portal: PortalHandle, method: string, params: Record<string, unknown>, userId = PORTAL_CTX.userId): T | null {
  const reply = portal.call(method, params, { userId })
  if (reply.status !== 200 || typeof reply.body !== 'object' || reply.body === null || !('result' in reply.body))
    return null
  return (reply.body as { result: T }).result
}

function toSummary(row: Record<string, unknown>): TypeSummary {
  return { id: Number(row.id), entityTypeId: Number(row.entityTypeId), title: String(row.title ?? '') }
}

/** All smart processes, every page of crm.type.list (50 a page). */
export function listTypes(portal: PortalHandle): TypeSummary[] {
  const all: TypeSummary[] = []
  for (let start = 0; start < 5000; start += 50) {
    const page = result<{ types?: Record<string, unknown>[] }>(portal, 'crm.type.list', { start })
    const rows = page?.types ?? []
    all.push(...rows.map(toSummary))
    if (rows.length < 50)
      break
  }
  return all
}

/** One smart process by entityTypeId, or null. */
export function getType(portal: PortalHandle, entityTypeId: number): TypeSummary | null {
  const r = result<{ type?: Record<string, unknown> }>(portal, 'crm.type.getByEntityTypeId', { entityTypeId })
  return r?.type ? toSummary(r.type) : null
}

/** The first `limit` items of a type (id and title), as the list shows them. */
export function listItems(portal: PortalHandle, entityTypeId: number, userId: number, limit = 50): ItemRecord[] {
  const r = result<{ items?: ItemRecord[] }>(portal, 'crm.item.list', { entityTypeId, select: ['id', 'title', 'createdTime', 'assignedById'], order: { id: 'ASC' } }, userId)
  return (r?.items ?? []).slice(0, limit)
}

/** One item with all its fields, or null. */
export function getItem(portal: PortalHandle, entityTypeId: number, id: number, userId: number): ItemRecord | null {
  return result<{ item?: ItemRecord }>(portal, 'crm.item.get', { entityTypeId, id }, userId)?.item ?? null
}

/**
 * The handler bound for a placement code, if the app is installed: Bitrix24
 * shows widgets only after installFinish (REST docs, widgets/crm/detail-tab.md).
 */
export function visiblePlacement(portal: PortalHandle, code: string): BoundPlacement | null {
  if (!portal.isInstalled())
    return null
  const rows = result<BoundPlacement[]>(portal, 'placement.get', {}) ?? []
  return (Array.isArray(rows) ? rows : []).find(r => r.placement === code) ?? null
}

/** The title of a bound placement in the page's language (LANG_ALL), else its TITLE. */
export function placementTitle(bound: BoundPlacement, lang: PortalLang): string {
  const byLang = bound.langAll?.[lang]?.TITLE
  return byLang && byLang.trim() ? byLang : bound.title
}

/** Whether a user has portal admin rights (user.admin); false when the portal does not say. */
export function isAdmin(portal: PortalHandle, userId: number): boolean {
  const r = result<unknown>(portal, 'user.admin', {}, userId)
  return typeof r === 'boolean' ? r : false
}

/** A user's display name (user.current), else "User <id>". */
export function userName(portal: PortalHandle, userId: number): string {
  const u = result<{ NAME?: string, LAST_NAME?: string }>(portal, 'user.current', {}, userId)
  const name = [u?.NAME, u?.LAST_NAME].filter(Boolean).join(' ')
  return name || `User ${userId}`
}
