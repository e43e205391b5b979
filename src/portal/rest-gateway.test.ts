import type { Portal } from '../../emulator/model/portal'
import type { PlacementBindRequest } from '@/domain/types'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import { SEED_TYPES } from '../../emulator/model/seed'
import { AppError } from '@/domain/errors'
import { placementCode } from '@/domain/placement'
import { createInProcessGateway } from '@test/emulator-gateway'

const HANDLER = 'https://app.example.com/handler/'

/** Requests the portal answered (its own log), not what the client thinks it sent. */
function portalRequests(portal: Portal) {
  return portal.log.list()
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('rest gateway over the emulator (real b24jssdk, in-process)', () => {
  let portal: Portal
  let gw: ReturnType<typeof createInProcessGateway>

  beforeEach(() => {
    portal = createPortal()
    gw = createInProcessGateway(portal)
  })

  describe('loadPlacement', () => {
    it('reads the type, every type name and the user in exactly one request', async () => {
      const snap = await gw.loadPlacement(SEED_TYPES.contracts)
      expect(portalRequests(portal)).toHaveLength(1)
      expect(portalRequests(portal)[0]!.method).toBe('batch')
      // Methods an employee may call, and one probe of the CRM admin right (docs/platform.md "Rights").
      expect(portalRequests(portal)[0]!.commands).toEqual(['crm.type.getByEntityTypeId', 'crm.enum.ownertype', 'profile', 'crm.type.fields', 'crm.category.list'])
      expect(snap.type.entityTypeId).toBe(SEED_TYPES.contracts)
      expect(snap.type.relations?.parent.map(r => r.entityTypeId).sort((a, b) => a - b)).toEqual([4, SEED_TYPES.repairs])
      expect(snap.type.linkedUserFields).toBeDefined()
      expect(snap.user).toEqual({ id: 1, name: 'Alex Morgan', isAdmin: true, canEditTypes: true })
      const ids = snap.typeNames.map(t => t.entityTypeId)
      expect(ids).toEqual([1, 2, 3, 4, 7, 31, SEED_TYPES.repairs, SEED_TYPES.contracts, SEED_TYPES.campaigns])
      expect(snap.typeNames.filter(t => t.isStandard).map(t => t.entityTypeId)).toEqual([1, 2, 3, 4, 7, 31])
    })

    // crm-type-get-by-entity-type-id.md (readers may read), crm-type-fields.md (CRM admins only), profile.md (ADMIN).
    it('tells the three kinds of user apart, and gives an employee the read-only screen, not an error', async () => {
      const employee = await createInProcessGateway(portal, { userId: 2 }).loadPlacement(SEED_TYPES.repairs)
      expect(employee.user).toMatchObject({ id: 2, isAdmin: false, canEditTypes: false })
      expect(employee.type.entityTypeId).toBe(SEED_TYPES.repairs)
      expect(employee.typeNames.map(t => t.entityTypeId)).toContain(SEED_TYPES.campaigns)
      const crmAdmin = await createInProcessGateway(portal, { userId: 4 }).loadPlacement(SEED_TYPES.repairs)
      expect(crmAdmin.user).toMatchObject({ id: 4, isAdmin: false, canEditTypes: true })
    })

    it('an employee without read permission on the type gets access_denied', async () => {
      const e = await rejection(createInProcessGateway(portal, { userId: 5 }).loadPlacement(SEED_TYPES.campaigns))
      expect(e.code).toBe('access_denied')
    })

    it('stays one request with hundreds of types: the names come from crm.enum.ownertype, not pages of crm.type.list', async () => {
      const big = createPortal({ extraTypes: 300 })
      const all = await createInProcessGateway(big).loadPlacement(SEED_TYPES.repairs)
      expect(big.log.list().map(e => e.method)).toEqual(['batch'])
      expect(all.typeNames.filter(t => !t.isStandard)).toHaveLength(303)
    })

    it('fails with not_found for a type that does not exist, still in one request', async () => {
      const e = await rejection(gw.loadPlacement(1098))
      expect(e.code).toBe('not_found')
      expect(portalRequests(portal)).toHaveLength(1)
    })
  })

  describe('types', () => {
    it('lists every smart process across pages', async () => {
      portal.addTypes(120)
      const types = await gw.listTypes()
      expect(types).toHaveLength(123)
      expect(new Set(types.map(t => t.id)).size).toBe(123)
      expect(types.every(t => t.relations === undefined)).toBe(true)
    })

    it('reads one type with relations and linkedUserFields as booleans', async () => {
      const t = await gw.getType(SEED_TYPES.repairs)
      expect(t.isClientEnabled).toBe(true)
      expect(t.isMycompanyEnabled).toBe(false)
      expect(t.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': true, 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': false, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': true })
      expect(t.relations?.parent).toContainEqual({ entityTypeId: 3, isChildrenListEnabled: expect.any(Boolean), isPredefined: true })
    })

    it('creates, updates only the given fields, and deletes', async () => {
      const created = await gw.createType({ title: 'Vendor Audits', isObserversEnabled: true })
      expect(created.title).toBe('Vendor Audits')
      expect(created.isObserversEnabled).toBe(true)
      expect(created.isSetOpenPermissions).toBe(true)

      const updated = await gw.updateType(created, { isSourceEnabled: true })
      expect(updated.isSourceEnabled).toBe(true)
      expect(updated.isObserversEnabled).toBe(true)
      expect(updated.title).toBe('Vendor Audits')
      const update = portalRequests(portal).at(-1)!
      expect(update.method).toBe('crm.type.update')

      await gw.deleteType(created)
      expect((await rejection(gw.getType(created.entityTypeId))).code).toBe('not_found')
    })

    it('writes relations whole and reads them back', async () => {
      const t = await gw.getType(SEED_TYPES.campaigns)
      const relations = { parent: [{ entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false }], child: [{ entityTypeId: SEED_TYPES.repairs, isChildrenListEnabled: false, isPredefined: false }] }
      await gw.updateType(t, { relations })
      const after = await gw.getType(SEED_TYPES.campaigns)
      expect(after.relations?.parent.map(r => r.entityTypeId)).toEqual([2])
      expect(after.relations?.child.map(r => r.entityTypeId)).toEqual([SEED_TYPES.repairs])
    })

    it('refuses a type without a title as validation, with the portal text in detail', async () => {
      const e = await rejection(gw.createType({ title: '' }))
      expect(e.code).toBe('validation')
      expect(e.detail).toMatch(/Title/)
    })

    it('refuses an entityTypeId out of range as validation', async () => {
      const e = await rejection(gw.createType({ title: 'X', entityTypeId: 500 }))
      expect(e.code).toBe('validation')
      expect(e.detail).toMatch(/range/)
    })

    it('maps the smart process limit to limit_exceeded', async () => {
      const full = createPortal({ maxTypes: 3 })
      const e = await rejection(createInProcessGateway(full).createType({ title: 'One too many' }))
      expect(e.code).toBe('limit_exceeded')
    })

    it('refuses to delete a type with items as has_items, with the count', async () => {
      const repairs = await gw.getType(SEED_TYPES.repairs)
      const count = await gw.countItems(SEED_TYPES.repairs)
      expect(count).toBeGreaterThan(0)
      const e = await rejection(gw.deleteType(repairs))
      expect(e.code).toBe('has_items')
      expect(e.params.count).toBe(count)
      expect((await gw.getType(SEED_TYPES.repairs)).id).toBe(repairs.id)
    })

    it('counts items with one request', async () => {
      expect(await gw.countItems(SEED_TYPES.campaigns)).toBe(0)
      expect(portalRequests(portal).map(e => e.method)).toEqual(['crm.item.list'])
    })

    it('refuses writes by an employee as access_denied', async () => {
      const employee = createInProcessGateway(portal, { userId: 2 })
      const t = await employee.getType(SEED_TYPES.repairs)
      const e = await rejection(employee.updateType(t, { isSourceEnabled: true }))
      expect(e.code).toBe('access_denied')
      expect((await gw.getType(SEED_TYPES.repairs)).isSourceEnabled).toBe(false)
    })
  })

  describe('placements', () => {
    function requests(n: number): PlacementBindRequest[] {
      const names = ['DETAIL_TAB', 'LIST_TOOLBAR'] as const
      const ids = [SEED_TYPES.repairs, SEED_TYPES.contracts, SEED_TYPES.campaigns, ...portal.addTypes(Math.max(0, Math.ceil(n / 2) - 3))]
      const out: PlacementBindRequest[] = []
      for (const id of ids) {
        for (const name of names) {
          if (out.length < n)
            out.push({ placement: placementCode(id, name), handler: HANDLER, titles: { en: 'Settings', ru: 'Настройки' } })
        }
      }
      return out
    }

    it('binds N placements in ceil(N/50) requests, reporting progress', async () => {
      const reqs = requests(120)
      portal.log.clear()
      const progress: number[] = []
      const outcomes = await gw.bindPlacements(reqs, p => progress.push(p.done))
      expect(portalRequests(portal).map(e => e.method)).toEqual(['batch', 'batch', 'batch'])
      expect([...outcomes.values()].every(o => o === 'bound')).toBe(true)
      expect(outcomes.size).toBe(120)
      expect(progress).toEqual([0, 50, 100, 120])
      const bound = await gw.listPlacements()
      expect(bound).toHaveLength(120)
      expect(bound[0]).toMatchObject({ handler: HANDLER, title: 'Settings' })
    })

    it('counts a handler bound before as already_bound and an unknown placement as failed, and goes on', async () => {
      const reqs = requests(4)
      await gw.bindPlacements(reqs.slice(0, 2))
      const bad = { placement: 'CRM_DYNAMIC_1098_NOPE', handler: HANDLER, titles: { en: 'x' } }
      const outcomes = await gw.bindPlacements([...reqs, bad])
      expect(outcomes.get(reqs[0]!.placement)).toBe('already_bound')
      expect(outcomes.get(reqs[1]!.placement)).toBe('already_bound')
      expect(outcomes.get(reqs[2]!.placement)).toBe('bound')
      expect(outcomes.get(reqs[3]!.placement)).toBe('bound')
      expect(outcomes.get(bad.placement)).toBe('failed')
    })

    it('marks a whole failed batch as failed and still runs the next one', async () => {
      const reqs = requests(60)
      portal.log.clear()
      portal.faults.errorRate = 1
      let first = true
      // The first batch request gets a 500; the second goes through.
      const original = portal.rest
      portal.rest = (req) => {
        if (first) {
          first = false
          return original(req)
        }
        portal.faults.errorRate = 0
        return original(req)
      }
      const outcomes = await gw.bindPlacements(reqs)
      const values = reqs.map(r => outcomes.get(r.placement))
      expect(values.slice(0, 50).every(v => v === 'failed')).toBe(true)
      expect(values.slice(50).every(v => v === 'bound')).toBe(true)
    })

    it('unbinds in batches', async () => {
      const reqs = requests(70)
      await gw.bindPlacements(reqs)
      portal.log.clear()
      await gw.unbindPlacements(reqs.map(r => ({ placement: r.placement, handler: r.handler })))
      expect(portalRequests(portal).map(e => e.method)).toEqual(['batch', 'batch'])
      expect(await gw.listPlacements()).toEqual([])
    })

    // _includes/system-errors.md: 405 ERROR_BATCH_METHOD_NOT_ALLOWED; a live portal refused placement.bind in a batch (docs/platform.md "Batch").
    it('binds one at a time, paced under 2 requests a second, what a portal refuses inside a batch', async () => {
      const reqs = requests(3)
      portal.faults.bindRefusedInBatch = true
      portal.log.clear()
      const progress: string[] = []
      const outcomes = await gw.bindPlacements(reqs, p => progress.push(`${p.mode}:${p.done}`))
      expect([...outcomes.values()]).toEqual(['bound', 'bound', 'bound'])
      const log = portalRequests(portal)
      expect(log.map(e => e.method)).toEqual(['batch', 'placement.bind', 'placement.bind', 'placement.bind'])
      const starts = log.slice(1).map(e => Date.parse(e.at))
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(450)
      expect(log.every(e => e.status === 200)).toBe(true)
      expect(progress).toEqual(['batch:0', 'batch:3', 'single:1', 'single:2', 'single:3'])
    })

    // placement-bind.md: ERROR_PLACEMENT_MAX_COUNT for a placement that takes one handler only.
    it('unbinds and binds again a placement that takes one handler of the app only, and tells it', async () => {
      const [tab] = requests(1)
      await gw.bindPlacements([{ ...tab!, handler: 'https://old.example.com/' }])
      portal.faults.placementMaxCount = true
      const fast = createInProcessGateway(portal, { gateway: { singleIntervalMs: 0 } })
      const outcomes = await fast.bindPlacements([tab!])
      expect(outcomes.get(tab!.placement)).toBe('rebound')
      expect((await gw.listPlacements()).map(b => b.handler)).toEqual([HANDLER])
    })

    it('refuses binding by an employee: every outcome failed', async () => {
      const employee = createInProcessGateway(portal, { userId: 2 })
      const outcomes = await employee.bindPlacements(requests(2))
      expect([...outcomes.values()]).toEqual(['failed', 'failed'])
    })
  })

  it('reads the current user', async () => {
    expect(await gw.currentUser()).toEqual({ id: 1, name: 'Alex Morgan', isAdmin: true, canEditTypes: true })
    expect(portalRequests(portal)).toHaveLength(1)
  })
})
