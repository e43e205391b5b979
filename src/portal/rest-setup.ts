/**
 * The setup import over portal REST (issue 18): reading a target portal's
 * smart processes with their relations, linked fields, pipelines and stages
 * in as few batch requests as the 50-command limit allows, and sending the
 * planned writes in batches of at most 50, one batch at a time
 * (docs/platform.md "Batch", "Limits").
 *
 * Requests of readTarget(): one crm.enum.ownertype (every smart process, no
 * paging, any user), then ceil(2·types / 50) batches of
 * crm.type.getByEntityTypeId + crm.category.list per type (crm.type.list
 * rows carry no relations), then ceil(pipelines / 50) batches of
 * crm.status.list. With entityTypeIds given, the names ride in the first
 * batch instead.
 */
import type { ReadTypesOptions, TypesRead } from './gateway'
import type { BatchRow, RestCall, RestClient } from './rest-client'
import type { Pipeline } from '@/domain/portal-rules'
import type { AppError } from '@/domain/errors'
import { settableFlags } from '@/domain/flags'
import type { SetupWrite, TargetState, TargetType, WriteResult } from '@/domain/setup/types'
import type { CrmTypeName, SmartProcessType } from '@/domain/types'
import { mapPortalError } from './errors'
import { BATCH_LIMIT } from './rest-client'
import { NAMES_CALL, parseOwnerTypes, pipelinesCall, readPipelines, rowResult } from './rest-reads'
import { createdIds, parseStageRows, setupWriteCall, stagesCall, survivesQueryString } from './rest-setup-wire'
import { parseRestType } from './rest-wire'
import { failedWrite, knownEntityTypeIds, toTargetType } from './setup-common'
import { malformed } from './wire-common'

export interface SetupOptions {
  /**
   * Times a request refused with 503 QUERY_LIMIT_EXCEEDED is sent again after
   * the SDK's own retries gave up. The portal refused it before running
   * anything, so a batch of writes may be resent. @default 4
   */
  rateLimitRetries?: number
  /** First pause before that; doubles each time ("retry with growing delay", docs/platform.md "Limits"). @default 2000 */
  rateLimitDelayMs?: number
}

/** 503 QUERY_LIMIT_EXCEEDED: the leaky bucket refused the request, nothing ran. 429 is not retried soon (docs/platform.md "Limits"). */
function refusedByBucket(e: AppError): boolean {
  return e.code === 'rate_limited' && (e.wireCode === 'QUERY_LIMIT_EXCEEDED' || e.status === 503)
}

/** Sends `send` again, with growing pauses, while the portal's bucket refuses it; any other failure is thrown as AppError. */
async function paced<T>(send: () => Promise<T>, options: SetupOptions): Promise<T> {
  const retries = options.rateLimitRetries ?? 4
  let delay = options.rateLimitDelayMs ?? 2000
  for (let attempt = 0; ; attempt++) {
    try {
      return await send()
    }
    catch (e) {
      const error = mapPortalError(e)
      if (!refusedByBucket(error) || attempt >= retries)
        throw error
      await new Promise(resolve => setTimeout(resolve, delay))
      delay *= 2
    }
  }
}

/** Read commands in batches of at most 50, one after the other; a batch that fails as a whole throws. */
async function readBatches(client: RestClient, calls: Record<string, RestCall>, options: SetupOptions): Promise<Record<string, BatchRow>> {
  const entries = Object.entries(calls)
  const out: Record<string, BatchRow> = {}
  for (let i = 0; i < entries.length; i += BATCH_LIMIT) {
    const chunk = Object.fromEntries(entries.slice(i, i + BATCH_LIMIT))
    Object.assign(out, await paced(() => client.batch(chunk, { halt: false }), options))
  }
  return out
}

/** Every smart process of the portal (or the given ones) as the planner needs it. */
export async function readRestTarget(client: RestClient, entityTypeIds: number[] | undefined, options: SetupOptions = {}): Promise<TargetState> {
  const { types: read, names, pipelines } = await readRestTypes(client, entityTypeIds, { names: true, pipelines: true }, options)
  const stageCalls: Record<string, RestCall> = {}
  for (const type of read) {
    for (const p of pipelines!.get(type.entityTypeId)!)
      stageCalls[`stages_${type.entityTypeId}_${p.id}`] = stagesCall(type.entityTypeId, p.id)
  }
  const stageRows = await readBatches(client, stageCalls, options)
  const types: TargetType[] = read.map(type => toTargetType(type, pipelines!.get(type.entityTypeId)!.map(p => ({
    ...p,
    stages: parseStageRows(rowResult(stageRows, `stages_${type.entityTypeId}_${p.id}`).result, type.entityTypeId, p.id),
  }))))
  const known = [...names]
  for (const t of types) {
    if (!known.some(n => n.entityTypeId === t.entityTypeId))
      known.push({ entityTypeId: t.entityTypeId, title: t.title, isStandard: false })
  }
  // The planner writes only the flags this gateway takes (docs/platform.md "Flags").
  return { types, knownEntityTypeIds: knownEntityTypeIds(known), pipelinesSupported: true, settableFlags: settableFlags('rest') }
}

/**
 * Many types read one by one (readTypes of the gateway): one
 * crm.enum.ownertype when no ids are given (or riding in the first batch
 * when names are asked for with ids), then batches of at most 50 commands:
 * crm.type.getByEntityTypeId, and crm.category.list beside each with
 * `pipelines`. A type the portal does not find is left out.
 */
export async function readRestTypes(client: RestClient, entityTypeIds: number[] | undefined, read: ReadTypesOptions = {}, options: SetupOptions = {}): Promise<TypesRead> {
  const calls: Record<string, RestCall> = {}
  let names: CrmTypeName[] | null = null
  let ids: number[]
  if (entityTypeIds === undefined) {
    names = parseOwnerTypes((await paced(() => client.call(NAMES_CALL.method), options)).result)
    ids = names.filter(n => !n.isStandard).map(n => n.entityTypeId)
  }
  else {
    ids = [...new Set(entityTypeIds)]
    if (read.names !== false)
      calls.names = NAMES_CALL
  }
  for (const id of ids) {
    calls[`type_${id}`] = { method: 'crm.type.getByEntityTypeId', params: { entityTypeId: id } }
    if (read.pipelines)
      calls[`pipelines_${id}`] = pipelinesCall(id)
  }
  const rows = await readBatches(client, calls, options)
  if (names === null)
    names = 'names' in calls ? parseOwnerTypes(rowResult(rows, 'names').result) : []
  const types: SmartProcessType[] = []
  const pipelines = read.pipelines ? new Map<number, Pipeline[]>() : null
  for (const id of ids) {
    const row = rows[`type_${id}`]
    // Gone since it was listed (or never there): left out, the caller tells.
    if (row && !row.ok && row.error.code === 'not_found')
      continue
    const type = parseRestType(rowResult(rows, `type_${id}`).result)
    types.push(type)
    if (pipelines) {
      const list = readPipelines(rowResult(rows, `pipelines_${id}`))
      if (!list)
        malformed(`crm.category.list of ${id} is not a list`)
      pipelines.set(id, list)
    }
  }
  return { types, names, pipelines }
}

/** A write's answer as its result. */
function writeResult(w: SetupWrite, row: BatchRow | undefined): WriteResult {
  if (!row)
    return { ok: false, error: 'malformed_response', detail: 'no answer for this command' }
  if (!row.ok)
    return { ok: false, error: row.error.code, detail: row.error.detail }
  const ids = createdIds(w, row.result)
  if (!ids)
    return { ok: false, error: 'malformed_response', detail: `${w.kind}: the answer has no id` }
  return { ok: true, ...ids }
}

/**
 * Sends the writes in their order, in batches of at most 50 (halt off: a
 * failing command fails alone), one request at a time. A write whose params
 * a batch cannot carry (an empty relation side: survivesQueryString) goes
 * alone, as JSON, in its place. A batch refused by the rate limit is sent
 * again (paced); any other failure of a whole request fails its writes.
 */
export async function applyRestWrites(
  client: RestClient,
  writes: SetupWrite[],
  onProgress: (done: number, total: number) => void = () => {},
  options: SetupOptions = {},
): Promise<WriteResult[]> {
  const calls = writes.map(setupWriteCall)
  const results: WriteResult[] = Array.from({ length: writes.length })
  let done = 0
  onProgress(0, writes.length)

  let pending: number[] = []
  const flush = async () => {
    if (pending.length === 0)
      return
    const chunk = pending
    pending = []
    try {
      const rows = await paced(() => client.batch(Object.fromEntries(chunk.map(i => [`w${i}`, calls[i]!])), { halt: false }), options)
      for (const i of chunk)
        results[i] = writeResult(writes[i]!, rows[`w${i}`])
    }
    catch (e) {
      for (const i of chunk)
        results[i] = failedWrite(e, mapPortalError)
    }
    done += chunk.length
    onProgress(done, writes.length)
  }

  for (let i = 0; i < writes.length; i++) {
    const call = calls[i]!
    if (survivesQueryString(call.params ?? {})) {
      pending.push(i)
      if (pending.length === BATCH_LIMIT)
        await flush()
      continue
    }
    await flush()
    try {
      const answer = await paced(() => client.call(call.method, call.params), options)
      results[i] = writeResult(writes[i]!, { ok: true, ...answer })
    }
    catch (e) {
      results[i] = failedWrite(e, mapPortalError)
    }
    onProgress(++done, writes.length)
  }
  await flush()
  return results
}
