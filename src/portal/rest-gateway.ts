/**
 * SmartProcessGateway over portal REST (docs/platform.md "Scopes", "Rights",
 * "Flags", "Errors"): crm.type.*, crm.item.list, crm.enum.ownertype,
 * placement.*, profile. Booleans in and out; the Y/N wire lives in
 * rest-wire.ts; every failure is an AppError (errors.ts). A placement's
 * first screen costs one batch request, whatever the number of types.
 */
import type { PlacementSnapshot, SmartProcessGateway } from './gateway'
import type { BindOptions } from './rest-placements'
import type { RestClient } from './rest-client'
import type { SetupOptions } from './rest-setup'
import type { SmartProcessType } from '@/domain/types'
import { explainDeleteRefusal } from './delete-refusal'
import { bindPlacementRequests, parsePlacementBindings } from './rest-placements'
import { batchByChunk } from './rest-client'
import { NAMES_CALL, parseOwnerTypes, pipelinesCall, readPipelines, readUser, rowResult, USER_CALLS } from './rest-reads'
import { parseRestType, parseRestTypeList, toRestChanges, toRestNewType } from './rest-wire'
import { isRecord, malformed } from './wire-common'

export { bindParams, parsePlacementBindings } from './rest-placements'
export { parseOwnerTypes, parseProfile } from './rest-reads'

export type RestGatewayOptions = BindOptions & SetupOptions

/**
 * The REST adapter of the gateway over a RestClient (createSdkRestClient in
 * the portal, the emulator's test client in tests).
 */
export function createRestGateway(client: RestClient, options: RestGatewayOptions = {}): SmartProcessGateway {
  async function getType(entityTypeId: number): Promise<SmartProcessType> {
    const { result } = await client.call('crm.type.getByEntityTypeId', { entityTypeId })
    return parseRestType(result)
  }

  async function countItems(entityTypeId: number): Promise<number> {
    const { result, total } = await client.call('crm.item.list', { entityTypeId, select: ['id'] })
    if (!isRecord(result) && !Array.isArray(result))
      malformed('crm.item.list without result')
    return total
  }

  return {
    kind: 'rest',

    async listTypes() {
      // CRM administrators only (docs/platform.md "Rights"). Cursor paging by id:
      // offset paging can stop after 50 rows (docs/platform.md "Frame").
      const rows = await client.callList('crm.type.list', {}, { idKey: 'id', customKeyForResult: 'types' })
      return parseRestTypeList(rows)
    },

    getType,

    async createType(input) {
      const { result } = await client.call('crm.type.add', { fields: toRestNewType(input) })
      return parseRestType(result)
    },

    async updateType(ref, changes) {
      // Only the keys present: relations and linkedUserFields overwrite whole (docs/platform.md "Relations").
      const { result } = await client.call('crm.type.update', { id: ref.id, fields: toRestChanges(changes) })
      return parseRestType(result)
    },

    async deleteType(ref) {
      try {
        await client.call('crm.type.delete', { id: ref.id })
      }
      catch (e) {
        throw await explainDeleteRefusal(e, () => countItems(ref.entityTypeId))
      }
    },

    countItems,

    async listPlacements() {
      const { result } = await client.call('placement.get')
      return parsePlacementBindings(result)
    },

    bindPlacements: (requests, onProgress) => bindPlacementRequests(client, requests, onProgress, options),

    async unbindPlacements(bindings) {
      const calls = Object.fromEntries(bindings.map((b, i) => [`unbind_${i}`, { method: 'placement.unbind', params: { PLACEMENT: b.placement, HANDLER: b.handler } }]))
      const rows = await batchByChunk(client, calls, { halt: false })
      const failed = Object.values(rows).find(r => !r.ok)
      if (failed && !failed.ok)
        throw failed.error
    },

    async currentUser() {
      return readUser(await client.batch(USER_CALLS))
    },

    async listTypeNames() {
      const { result } = await client.call(NAMES_CALL.method)
      return parseOwnerTypes(result)
    },

    async loadPlacement(entityTypeId): Promise<PlacementSnapshot> {
      // The first screen in one request, whatever the number of types, and
      // with methods an employee may call (docs/platform.md "Rights"): the
      // type with its relations, the names of every CRM type, the user, the
      // probe of the right to edit types, and the type's pipelines (the
      // portal refuses pipelines off while there are several: docs/platform.md "Flags").
      const rows = await client.batch({
        type: { method: 'crm.type.getByEntityTypeId', params: { entityTypeId } },
        names: NAMES_CALL,
        ...USER_CALLS,
        pipelines: pipelinesCall(entityTypeId),
      })
      const type = parseRestType(rowResult(rows, 'type').result)
      const typeNames = parseOwnerTypes(rowResult(rows, 'names').result)
      if (!typeNames.some(n => n.entityTypeId === type.entityTypeId))
        typeNames.push({ entityTypeId: type.entityTypeId, title: type.title, isStandard: false })
      return { type, typeNames, user: readUser(rows), pipelines: readPipelines(rows.pipelines) }
    },

    // Setups move on the app page only: their code is fetched there, not with the card tab's first screen.
    readTarget: entityTypeIds => import('./rest-setup').then(m => m.readRestTarget(client, entityTypeIds, options)),

    readTypes: (entityTypeIds, read) => import('./rest-setup').then(m => m.readRestTypes(client, entityTypeIds, read, options)),

    applyWrites: (writes, onProgress) => import('./rest-setup').then(m => m.applyRestWrites(client, writes, onProgress, options)),

    openJournal: () => import('./rest-journal').then(m => m.createRestJournal(client)),
  }
}
