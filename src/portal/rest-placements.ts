/**
 * Binding the app's placements (docs/platform.md "Placements", "Batch"):
 * in batches of 50, and one call at a time, paced under the portal's
 * 2 requests a second, for what a portal refuses inside a batch
 * (ERROR_BATCH_METHOD_NOT_ALLOWED). A placement that takes one handler of
 * the app only (ERROR_PLACEMENT_MAX_COUNT) is unbound, then bound again.
 * `ERROR_CORE` ("Handler already binded" on the portals we know, but a
 * generic code) is checked against placement.get, never read from its text.
 */
import type { BindProgress } from './gateway'
import type { BatchRow, RestCall, RestClient } from './rest-client'
import type { BindOutcome, PlacementBinding, PlacementBindRequest } from '@/domain/types'
import { mapPortalError } from './errors'
import { batchByChunk } from './rest-client'
import { isRecord, malformed, pick, readStringOrNull } from './wire-common'

/** placement.get rows → bindings (key case varies between portals). */
export function parsePlacementBindings(raw: unknown): PlacementBinding[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : malformed('placement.get is not a list')
  const out: PlacementBinding[] = []
  for (const row of rows) {
    if (!isRecord(row))
      continue
    const placement = readStringOrNull(pick(row, 'placement'))
    const handler = readStringOrNull(pick(row, 'handler'))
    if (!placement || !handler)
      continue
    out.push({ placement, handler, title: readStringOrNull(pick(row, 'title')) ?? '' })
  }
  return out
}

/** The params of one placement.bind: TITLE plus LANG_ALL titles. */
export function bindParams(req: PlacementBindRequest): Record<string, unknown> {
  const langs = Object.entries(req.titles).filter(([, title]) => title.trim() !== '')
  const title = req.titles.en ?? langs[0]?.[1] ?? req.placement
  return {
    PLACEMENT: req.placement,
    HANDLER: req.handler,
    TITLE: title,
    LANG_ALL: Object.fromEntries(langs.map(([lang, t]) => [lang, { TITLE: t }])),
  }
}

export interface BindOptions {
  /** Shortest time between two single calls: 500 ms keeps a run of them at the portal's 2/s. @default 500 */
  singleIntervalMs?: number
}

/** What to do with a bind the first pass did not finish. */
type Pending = 'single' | 'rebind' | 'check'

function pendingOf(row: BatchRow | undefined): Pending | 'failed' | 'bound' {
  if (row?.ok)
    return 'bound'
  const error = row?.error
  if (error?.code === 'batch_not_allowed')
    return 'single'
  if (error?.code === 'placement_limit')
    return 'rebind'
  if (error?.wireCode === 'ERROR_CORE')
    return 'check'
  return 'failed'
}

/** A gate that lets one call through every `interval` ms. */
function pacer(interval: number): () => Promise<void> {
  let next = 0
  return async () => {
    const wait = next - Date.now()
    if (wait > 0)
      await new Promise(resolve => setTimeout(resolve, wait))
    next = Date.now() + interval
  }
}

/** Runs one call; its failure comes back as a row, as in a batch. */
async function single(client: RestClient, call: RestCall): Promise<BatchRow> {
  try {
    return { ok: true, ...(await client.call(call.method, call.params)) }
  }
  catch (e) {
    return { ok: false, error: mapPortalError(e) }
  }
}

/** Binds every request; "already bound" and "bound again" count as done. */
export async function bindPlacementRequests(
  client: RestClient,
  requests: PlacementBindRequest[],
  onProgress: (p: BindProgress) => void = () => {},
  options: BindOptions = {},
): Promise<Map<string, BindOutcome>> {
  const calls: Record<string, RestCall> = {}
  requests.forEach((req, i) => {
    calls[`bind_${i}`] = { method: 'placement.bind', params: bindParams(req) }
  })
  const total = requests.length
  onProgress({ done: 0, total, mode: 'batch' })
  const rows = await batchByChunk(client, calls, { halt: false, onChunk: p => onProgress({ ...p, mode: 'batch' }) })

  const outcomes = new Map<string, BindOutcome>()
  const later: { req: PlacementBindRequest, key: string, what: Pending }[] = []
  requests.forEach((req, i) => {
    const key = `bind_${i}`
    const what = pendingOf(rows[key])
    if (what === 'bound' || what === 'failed')
      outcomes.set(req.placement, what)
    else
      later.push({ req, key, what })
  })
  if (later.length === 0)
    return outcomes

  // One call at a time for the rest, paced; the progress bar goes on counting.
  const pace = pacer(options.singleIntervalMs ?? 500)
  const bindAlone = async (key: string) => {
    await pace()
    return pendingOf(await single(client, calls[key]!))
  }
  const settle = async (req: PlacementBindRequest, key: string, first: Pending): Promise<BindOutcome | 'check'> => {
    let what = first === 'single' ? await bindAlone(key) : first
    if (what === 'rebind') {
      // Unbinds this app's handlers of the placement only (placement.unbind acts on the calling app).
      await pace()
      await single(client, { method: 'placement.unbind', params: { PLACEMENT: req.placement } })
      what = await bindAlone(key)
      if (what === 'bound')
        return 'rebound'
    }
    if (what === 'check')
      return 'check'
    return what === 'bound' ? 'bound' : 'failed'
  }
  let done = total - later.length
  const toCheck: PlacementBindRequest[] = []
  for (const { req, key, what } of later) {
    const outcome = await settle(req, key, what)
    if (outcome === 'check')
      toCheck.push(req)
    else
      outcomes.set(req.placement, outcome)
    onProgress({ done: ++done, total, mode: 'single' })
  }
  if (toCheck.length > 0)
    await checkBound(client, toCheck, outcomes)
  return outcomes
}

/** ERROR_CORE rows: bound already when placement.get lists the handler, failed otherwise. */
async function checkBound(client: RestClient, reqs: PlacementBindRequest[], outcomes: Map<string, BindOutcome>): Promise<void> {
  let bound: PlacementBinding[] = []
  try {
    bound = parsePlacementBindings((await client.call('placement.get')).result)
  }
  catch {
    // Cannot tell: these stay failed, and Repair placements tries them again.
  }
  for (const req of reqs) {
    const has = bound.some(b => b.placement === req.placement && b.handler === req.handler)
    outcomes.set(req.placement, has ? 'already_bound' : 'failed')
  }
}
