/**
 * What the reliability and security specs do to the emulated portal: reset
 * it, flip its fault switches, act as another user over REST, and read the
 * portal's state back through its inbound webhook (user 1's
 * `/rest/1/<secret>/`, the fixed secret of scripts/e2e-servers.ts), so a
 * case can assert what the portal holds, not only what the screen says.
 */
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { E2E_APP_URL, E2E_PORTAL_URL } from '../ports'

export const REPAIRS = 1030
export const CONTRACTS = 1032
export const CAMPAIGNS = 1034
export const TAB_TITLE = 'Smart Process Studio'
const WEBHOOK = `${E2E_PORTAL_URL}/rest/1/${process.env.E2E_PORTAL_WEBHOOK ?? 'e2e-webhook-secret'}`
const API = `${E2E_PORTAL_URL}/emulator/api`

/** A type as the portal's wire holds it (Y/N flags, relations with Y/N). */
export type WireType = Record<string, unknown> & {
  id: number
  entityTypeId: number
  title: string
  relations: { parent: WireRelation[], child: WireRelation[] }
}
export interface WireRelation { entityTypeId: number, isChildrenListEnabled: string, isPredefined: string }

/** Fault switches of the emulator and of its pages (refreshSilent: the parent leaves refreshAuth unanswered). */
export interface FaultSwitches {
  latencyMs?: number
  errorRate?: number
  rateLimit?: boolean
  rateLimitBurst?: number
  dropRelationsTo?: number[]
  refreshSilent?: boolean
  /** The app's registered scopes (insufficient_scope outside them). */
  appScopes?: string[]
  planForbidsUpdate?: boolean
  planForbidsCreate?: boolean
  bindRefusedInBatch?: boolean
  placementMaxCount?: boolean
  /** The admin limited the app to these users (user_access_error for the rest); null: everyone. */
  appUsers?: number[] | null
}

/** The portal's rules switched back to a normal portal's. */
export const NORMAL_PORTAL: FaultSwitches = { appScopes: ['crm', 'placement', 'entity'], planForbidsUpdate: false, planForbidsCreate: false, bindRefusedInBatch: false, placementMaxCount: false, appUsers: null }

/** Calls a REST method through the inbound webhook (user 1, admin); the body as JSON. */
export async function hook(request: APIRequestContext, method: string, params: Record<string, unknown> = {}) {
  const res = await request.post(`${WEBHOOK}/${method}`, { data: params })
  return { status: res.status(), body: await res.json() as Record<string, any> }
}

/** The type as the portal holds it now, or null when it is gone. */
export async function typeOnPortal(request: APIRequestContext, entityTypeId = REPAIRS): Promise<WireType | null> {
  const { status, body } = await hook(request, 'crm.type.getByEntityTypeId', { entityTypeId })
  return status === 200 ? body.result.type as WireType : null
}

/** entityTypeIds of a relation side, sorted. */
export function relationIds(type: WireType | null, side: 'parent' | 'child'): number[] {
  return (type?.relations[side] ?? []).map(r => r.entityTypeId).sort((a, b) => a - b)
}

/** Calls REST as a user of the app with a fresh OAuth token (1 admin, 2 employee, 3 second admin). */
export async function restAs(request: APIRequestContext, userId: number, method: string, params: Record<string, unknown> = {}) {
  const { accessToken } = await (await request.post(`${API}/tokens`, { data: { userId } })).json() as { accessToken: string }
  const res = await request.post(`${E2E_PORTAL_URL}/rest/${method}`, { data: { ...params, auth: accessToken } })
  return { status: res.status(), body: await res.json() as Record<string, any> }
}

export async function setFaults(request: APIRequestContext, faults: FaultSwitches): Promise<void> {
  expect((await request.post(`${E2E_PORTAL_URL}/emulator/pages/faults`, { data: faults })).ok()).toBe(true)
}

export async function expireTokens(request: APIRequestContext): Promise<void> {
  await request.post(`${API}/expire-tokens`)
}

export async function otherAdminEdit(request: APIRequestContext, entityTypeId = REPAIRS): Promise<{ flag: string, relationTo: number | null }> {
  return (await request.post(`${API}/other-admin-edit`, { data: { entityTypeId } })).json()
}

/** A pipeline as crm.category.list gives it for a smart process. */
export interface WireCategory { id: number, name: string, sort: number, entityTypeId: number, isDefault: 'Y' | 'N' }

/** The type's pipelines on the portal (crm.category.list through the webhook, user 1). */
export async function categories(request: APIRequestContext, entityTypeId = REPAIRS): Promise<WireCategory[]> {
  const { status, body } = await hook(request, 'crm.category.list', { entityTypeId })
  expect(status).toBe(200)
  return body.result.categories as WireCategory[]
}

/** An item in the emulator's recycle bin (GET /emulator/api/recyclebin). */
export interface RecycleBinEntry { entityTypeId: number, id: number, title: string, deletedBy: number, deletedAt: string, item: Record<string, unknown> }

/** What the recycle bin holds now (crm.item.delete of a type with isRecyclebinEnabled Y puts items there). */
export async function recycleBin(request: APIRequestContext): Promise<RecycleBinEntry[]> {
  return (await (await request.get(`${API}/recyclebin`)).json()).entries
}

/** Empties the recycle bin, or one type's part of it; returns how many items were erased. */
export async function emptyRecycleBin(request: APIRequestContext, entityTypeId?: number): Promise<number> {
  return (await (await request.post(`${API}/recyclebin/empty`, { data: entityTypeId === undefined ? {} : { entityTypeId } })).json()).erased
}

/** Adds smart processes; returns their entityTypeIds. */
export async function addTypes(request: APIRequestContext, count: number): Promise<number[]> {
  return (await (await request.post(`${API}/add-types`, { data: { count } })).json()).entityTypeIds
}

export interface LoggedRequest { method: string, commands?: string[], status: number, via: string, userId: number | null, error?: string | number }

/** What the app asked of the portal over OAuth (webhook reads of the tests left out). */
export async function appRequests(request: APIRequestContext): Promise<LoggedRequest[]> {
  const { requests } = await (await request.get(`${API}/requests`)).json() as { requests: LoggedRequest[] }
  return requests.filter(r => r.via === 'rest')
}

/**
 * A fresh seed with no faults, the app installed, and the card tab and list
 * toolbar of the given types bound (what the app page leaves behind).
 */
export async function freshPortal(request: APIRequestContext, entityTypeIds: number[] = [REPAIRS]): Promise<void> {
  await request.post(`${API}/reset`)
  await setFaults(request, { latencyMs: 0, errorRate: 0, rateLimit: true, rateLimitBurst: 0, dropRelationsTo: [], refreshSilent: false, ...NORMAL_PORTAL })
  for (const id of entityTypeIds) {
    for (const name of ['DETAIL_TAB', 'LIST_TOOLBAR'])
      await restAs(request, 1, 'placement.bind', { PLACEMENT: `CRM_DYNAMIC_${id}_${name}`, HANDLER: E2E_APP_URL, TITLE: TAB_TITLE })
  }
  await request.post(`${E2E_PORTAL_URL}/emulator/pages/install-finish`, { data: { userId: 1 } })
}

/** Opens the item card and the app's tab; resolves once the frame's document has loaded (not the screen). */
export async function openCardTab(page: Page, entityTypeId = REPAIRS, query = ''): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${entityTypeId}/details/1/${query}`)
  await page.getByRole('tab', { name: TAB_TITLE }).click()
  return page.frameLocator('#panel-app iframe')
}

/** Opens the card tab and waits for the settings' heading. */
export async function openSettings(page: Page, entityTypeId = REPAIRS, query = ''): Promise<FrameLocator> {
  const app = await openCardTab(page, entityTypeId, query)
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

/** Opens the list's toolbar action (a slider) and waits for the settings' heading. */
export async function openListSlider(page: Page, entityTypeId = REPAIRS, query = ''): Promise<FrameLocator> {
  await page.goto(`${E2E_PORTAL_URL}/crm/type/${entityTypeId}/list/${query}`)
  await page.locator('#apps-button').click()
  await page.getByRole('menuitem', { name: TAB_TITLE }).click()
  const app = page.frameLocator('iframe').last()
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 })
  return app
}

/** The draft bar under the settings' title (the dock at the bottom has its own region, "Unsaved changes"). */
export const draftBar = (app: FrameLocator, lang: 'en' | 'ru' = 'en') => app.getByRole('region', { name: lang === 'en' ? 'Save changes' : 'Сохранение изменений' })
export const saveButton = (app: FrameLocator) => draftBar(app).getByRole('button', { name: 'Save', exact: true })
export const flagSwitch = (app: FrameLocator, name: string) => app.getByRole('switch', { name })

/** Where a user's change of one switch ended: on the portal, still in the draft on screen, or nowhere (lost). */
export async function switchOutcome(request: APIRequestContext, app: FrameLocator, o: { entityTypeId?: number, wireKey: string, label: string, value: boolean }) {
  const type = await typeOnPortal(request, o.entityTypeId ?? REPAIRS)
  const inPortal = type !== null && type[o.wireKey] === (o.value ? 'Y' : 'N')
  const sw = flagSwitch(app, o.label)
  const inDraft = (await sw.count()) > 0 && (await sw.getAttribute('aria-checked')) === String(o.value)
  return { inPortal, inDraft, lost: inPortal || inDraft ? 0 : 1 }
}

/**
 * Flips "Refresh does not answer" on an open portal page through its fault
 * panel: the page reads that switch once when it renders, so the API alone
 * does not reach a page that is already open.
 */
export async function setRefreshSilentOnPage(page: Page, on: boolean): Promise<void> {
  const panel = page.getByRole('region', { name: 'Fault switches' })
  const toggle = page.getByRole('button', { name: 'Fault switches' })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click()
  await panel.getByLabel('Refresh does not answer').setChecked(on)
  await panel.getByRole('button', { name: 'Apply' }).click()
  await expect(panel.getByRole('status')).toHaveText('Fault switches saved.')
}

/** A side's list in the relations editor. */
export const relationList = (app: FrameLocator, side: 'Parents' | 'Children') => app.getByRole('region', { name: side, exact: true })

/** Adds a link with the editor's picker: search, pick with Enter. */
export async function addLink(app: FrameLocator, side: 'Parents' | 'Children', search: string, option: string): Promise<void> {
  const adder = side === 'Parents' ? 'Add a parent' : 'Add a child'
  await relationList(app, side).getByRole('button', { name: adder }).click()
  const box = app.getByRole('combobox', { name: new RegExp(adder) })
  await box.fill(search)
  await expect(app.getByRole('option', { name: new RegExp(option) })).toBeVisible()
  await box.press('Enter')
  await expect(relationList(app, side).getByText(option, { exact: true })).toBeVisible()
}
