/**
 * The seam between the gateway and the wire: call, callList (all pages),
 * batch (≤ 50) and batchByChunk. The production client runs over
 * b24jssdk's `actions.v2` (docs/platform.md "Frame"); tests run the same SDK over the
 * emulator (testing.ts). Every failure leaves as an AppError; nothing here
 * hangs: each call races a timeout, retries are bounded.
 */
import type { AbstractB24, AjaxResult, Result } from '@bitrix24/b24jssdk'
import type { AppError } from '@/domain/errors'
import { AppError as AppErrorClass } from '@/domain/errors'
import { mapPortalError, readSdkError, wireErrorFromBody, wireErrorToAppError } from './errors'
import { scopeOf } from './scopes'

/** One answer of a REST method: `result` plus `total` for lists. */
export interface RestAnswer {
  result: unknown
  /** `total` of a list answer; 0 when the answer has none. */
  total: number
}

/** Params of a REST method, as JSON. */
export type RestParams = Record<string, unknown>

/** One command of a batch. */
export interface RestCall {
  method: string
  params?: RestParams
}

/** What one batch command gave: its answer, or its own error. */
export type BatchRow =
  | ({ ok: true } & RestAnswer)
  | { ok: false, error: AppError }

export interface ListOptions {
  /** The id field of each row, which drives the cursor (`id` for crm.type.list). */
  idKey: string
  /** When the rows sit under a key of `result` (`types` for crm.type.list). */
  customKeyForResult?: string
}

export interface BatchOptions {
  /** Stop at the first failing command (the portal's `halt`). @default false */
  halt?: boolean
}

/** Everything the REST gateway needs of the wire. Every method throws AppError only. */
export interface RestClient {
  call: (method: string, params?: RestParams) => Promise<RestAnswer>
  /** Every row of a list method, all pages (cursor by `>idKey`, docs/platform.md "Frame"). */
  callList: (method: string, params: RestParams, options: ListOptions) => Promise<unknown[]>
  /** One `batch` request: at most 50 commands, keys are the command names. */
  batch: (calls: Record<string, RestCall>, options?: BatchOptions) => Promise<Record<string, BatchRow>>
}

/** Most commands one batch request carries (docs/platform.md "Batch"). */
export const BATCH_LIMIT = 50

export interface ChunkProgress {
  /** Commands answered so far (successfully or not). */
  done: number
  total: number
}

/**
 * Many commands in batches of at most 50, one request each, one after the
 * other. A batch request that fails as a whole marks its commands failed with
 * that error and the next batch still runs.
 */
export async function batchByChunk(
  client: RestClient,
  calls: Record<string, RestCall>,
  options: BatchOptions & { onChunk?: (p: ChunkProgress) => void } = {},
): Promise<Record<string, BatchRow>> {
  const entries = Object.entries(calls)
  const out: Record<string, BatchRow> = {}
  for (let i = 0; i < entries.length; i += BATCH_LIMIT) {
    const chunk = Object.fromEntries(entries.slice(i, i + BATCH_LIMIT))
    try {
      Object.assign(out, await client.batch(chunk, { halt: options.halt }))
    }
    catch (e) {
      const error = mapPortalError(e)
      for (const key of Object.keys(chunk))
        out[key] = { ok: false, error }
    }
    options.onChunk?.({ done: Math.min(i + BATCH_LIMIT, entries.length), total: entries.length })
  }
  return out
}

export interface RestClientOptions {
  /** Longest wait for one attempt of one request; b24jssdk has none of its own in the frame (docs/platform.md "Frame"). @default 20000 */
  timeoutMs?: number
  /** Extra attempts for reads after a network failure, a timeout or a 5xx. Writes are never repeated by us. @default 2 */
  readRetries?: number
  /** First pause before a read is tried again; doubles each time. @default 300 */
  retryDelayMs?: number
}

/**
 * Limits of b24jssdk's own retries that keep a write from being sent twice.
 * The SDK retries a network failure (retryOnNetworkError) and any 5xx it does
 * not know, such as a proxy's 502/504 with an HTML body (axios
 * ERR_BAD_RESPONSE), for writes too: the portal may have run the write, and a
 * crm.type.add would create the type twice. Reads are retried here instead
 * (`guarded`); 503 QUERY_LIMIT_EXCEEDED stays with the SDK (the portal refused it).
 */
export const SDK_WRITE_SAFETY = {
  retryOnNetworkError: false,
  hardErrorCodes: ['ERR_BAD_RESPONSE'],
} as const satisfies { retryOnNetworkError: boolean, hardErrorCodes: string[] }

/** Methods that only read, so repeating them after a lost answer is safe. */
const READ_METHOD = /\.(get|list|fields|current|admin|getbyentitytypeid)$/i

export function isReadMethod(method: string): boolean {
  return READ_METHOD.test(method)
}

function timeoutError(label: string, ms: number): AppError {
  return new AppErrorClass({ code: 'timeout', retryable: true, detail: `${label}: no answer in ${ms} ms` })
}

/** Resolves or rejects with `promise`, or rejects with AppError `timeout` after `ms`. Clears its timer either way. */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(label, ms)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

/**
 * `insufficient_scope` names the scope the method wanted (docs/platform.md
 * "Scopes"), so the message can say what to ask the administrator for.
 */
export function withScope(error: AppError, method: string): AppError {
  if (error.code !== 'insufficient_scope' || error.params.scope)
    return error
  const scope = scopeOf(method)
  return new AppErrorClass({ code: error.code, status: error.status ?? undefined, detail: error.detail, wireCode: error.wireCode, params: { ...error.params, scope: scope && scope !== 'basic' ? scope : method } })
}

function isTransient(e: AppError): boolean {
  return e.code === 'network' || e.code === 'timeout' || (e.code === 'unknown' && (e.status ?? 0) >= 500)
}

/**
 * Runs `attempt` with a timeout each time, mapping failures to AppError;
 * reads are tried again (bounded) after transient failures. The SDK itself
 * already retries 503/429 and refreshes an expired token once (docs/platform.md "Frame").
 */
export async function guarded<T>(label: string, isRead: boolean, options: RestClientOptions, attempt: () => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const tries = 1 + (isRead ? (options.readRetries ?? 2) : 0)
  let delay = options.retryDelayMs ?? 300
  for (let i = 1; ; i++) {
    try {
      return await withTimeout(attempt(), timeoutMs, label)
    }
    catch (e) {
      const error = withScope(mapPortalError(e), label)
      if (i >= tries || !isTransient(error))
        throw error
      await new Promise(resolve => setTimeout(resolve, delay))
      delay *= 2
    }
  }
}

function firstError(result: Result): unknown {
  const first = result.errors.values().next()
  return first.done ? new AppErrorClass({ code: 'unknown', detail: 'failed without an error' }) : first.value
}

function malformed(detail: string): AppError {
  return new AppErrorClass({ code: 'malformed_response', detail })
}

/** A successful AjaxResult's answer; its error (soft failure, docs/platform.md "Frame") thrown as AppError. */
function unwrap(res: AjaxResult): RestAnswer {
  if (!res.isSuccess)
    throw mapPortalError(firstError(res))
  const data = res.getData()
  if (!data || data.result === undefined) {
    // A batch row whose error code is the number 0 (crm.type.get "not found")
    // looks like a success to the SDK: the error is only in the raw answer.
    const w = wireErrorFromBody(Reflect.get(res, '_data'), res.getStatus())
    if (w)
      throw wireErrorToAppError({ ...w, status: w.status === 200 ? 400 : w.status })
    throw malformed('answer without result')
  }
  return { result: data.result, total: res.getTotal() }
}

/** A successful-looking batch row, which may still hide an error (see unwrap). */
function readRow(row: AjaxResult): BatchRow {
  try {
    return { ok: true, ...unwrap(row) }
  }
  catch (e) {
    return { ok: false, error: mapPortalError(e) }
  }
}

/** Batch rows that the portal skipped after a failure with `halt`. */
function skippedRow(): BatchRow {
  return { ok: false, error: new AppErrorClass({ code: 'unknown', retryable: true, detail: 'not run: the batch halted at an earlier error' }) }
}

/**
 * The production client over a b24jssdk instance (B24Frame in the portal;
 * any AbstractB24 in tests). Uses only `actions.v2` (3.0 drops the rest,
 * docs/platform.md "Frame").
 */
export function createSdkRestClient(b24: AbstractB24, options: RestClientOptions = {}): RestClient {
  const v2 = () => b24.actions.v2

  return {
    call(method, params = {}) {
      return guarded(method, isReadMethod(method), options, async () =>
        unwrap(await v2().call.make({ method, params })))
    },

    callList(method, params, list) {
      return guarded(method, true, options, async () => {
        const res: Result<unknown[]> = await v2().callList.make({
          method,
          params,
          idKey: list.idKey,
          customKeyForResult: list.customKeyForResult,
        })
        if (!res.isSuccess)
          throw mapPortalError(firstError(res))
        const rows = res.getData()
        if (!Array.isArray(rows))
          throw malformed(`${method}: rows are not a list`)
        return rows
      })
    },

    batch(calls, batchOptions = {}) {
      const keys = Object.keys(calls)
      if (keys.length === 0)
        return Promise.resolve({})
      if (keys.length > BATCH_LIMIT)
        return Promise.reject(new AppErrorClass({ code: 'validation', detail: `batch of ${keys.length} commands (at most ${BATCH_LIMIT})` }))
      const isRead = Object.values(calls).every(c => isReadMethod(c.method))
      return guarded('batch', isRead, options, async () => {
        const res = await v2().batch.make({
          calls: Object.fromEntries(keys.map(k => [k, { method: calls[k]!.method, params: calls[k]!.params ?? {} }])),
          options: { isHaltOnError: batchOptions.halt ?? false, returnAjaxResult: true },
        }) as Result<Record<string, AjaxResult>>
        const rows = res.getData()
        if (!rows || typeof rows !== 'object' || (res.errors.size > 0 && !keys.some(k => rows[k]))) {
          // Nothing came back for any command: the batch request as a whole failed.
          throw mapPortalError(firstError(res))
        }
        const out: Record<string, BatchRow> = {}
        for (const key of keys) {
          const row = rows[key]
          if (!row)
            out[key] = skippedRow()
          else if (!row.isSuccess)
            out[key] = { ok: false, error: withScope(rowError(firstError(row)), calls[key]!.method) }
          else
            out[key] = readRow(row)
        }
        return out
      })
    },
  }
}

/**
 * A failed batch row. The portal gives rows no HTTP status (the batch itself
 * is 200), so a row's error is read as a single call would have got it: 400.
 */
function rowError(e: unknown): AppError {
  const w = readSdkError(e)
  return w ? wireErrorToAppError({ ...w, status: w.status === 200 || w.status === 0 ? 400 : w.status }) : mapPortalError(e)
}
