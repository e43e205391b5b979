/**
 * `batch` (docs/platform.md "Batch"): up to 50 commands `{key: "method?query"}`,
 * `halt` stops at the first error, later commands may reference earlier
 * results with `$result[key][field]...`. The answer is
 * `{result, result_error, result_total, result_next, result_time}`, each a
 * PHP array: a JSON list when keyed 0..n-1, else an object (empty: `[]`).
 */
import type { CallContext } from '../contract'
import type { MethodOutcome } from './methods'
import { formatPortalTime } from './clock'
import { errors, RestError } from './errors'
import { parsePhpQuery } from './php-query'
import { isRecord, parseBool } from './wire'

export const MAX_BATCH_COMMANDS = 50

/** Runs one command of the batch (no rate limit or auth: the batch was checked as a whole). */
export type CommandRunner = (method: string, params: Record<string, unknown>, ctx: CallContext) => MethodOutcome

function phpArray(map: Map<string, unknown>): unknown {
  const keys = [...map.keys()]
  if (keys.every((k, i) => k === String(i)))
    return keys.map(k => map.get(k))
  return Object.fromEntries(map)
}

function lookup(results: Map<string, unknown>, path: string[]): unknown {
  let value: unknown = results.get(path[0]!)
  for (const key of path.slice(1)) {
    if (Array.isArray(value))
      value = value[Number(key)]
    else if (isRecord(value))
      value = value[key]
    else
      return undefined
  }
  return value
}

/** Replaces `$result[key][a][b]` in every string value by the earlier result it names. */
function resolveRefs(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$result((?:\[[^\]]*\])+)$/.exec(value)
    if (whole)
      return lookup(results, [...whole[1]!.matchAll(/\[([^\]]*)\]/g)].map(m => m[1]!)) ?? ''
    return value.replace(/\$result((?:\[[^\]]*\])+)/g, (_, p: string) =>
      String(lookup(results, [...p.matchAll(/\[([^\]]*)\]/g)].map(m => m[1]!)) ?? ''))
  }
  if (Array.isArray(value))
    return value.map(v => resolveRefs(v, results))
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, results)]))
  return value
}

/** Splits `"method?query"` into the method and its PHP-parsed params. */
export function parseCommand(cmd: string): { method: string, params: Record<string, unknown> } {
  const q = cmd.indexOf('?')
  return q < 0
    ? { method: cmd.trim(), params: {} }
    : { method: cmd.slice(0, q).trim(), params: parsePhpQuery(cmd.slice(q + 1)) }
}

/** The `batch` method; `commands` lists what ran, for the request log. */
export function runBatch(params: Record<string, unknown>, ctx: CallContext, run: CommandRunner, now: () => number): MethodOutcome & { commands: string[] } {
  const cmd = params.cmd
  const entries: [string, string][] = Array.isArray(cmd)
    ? cmd.map((c, i) => [String(i), String(c)])
    : isRecord(cmd) ? Object.entries(cmd).map(([k, c]) => [k, String(c)]) : []
  if (entries.length > MAX_BATCH_COMMANDS)
    throw errors.batchTooLarge()
  const halt = parseBool(params.halt) ?? false
  const result = new Map<string, unknown>()
  const resultError = new Map<string, unknown>()
  const total = new Map<string, unknown>()
  const next = new Map<string, unknown>()
  const time = new Map<string, unknown>()
  const commands: string[] = []
  for (const [key, row] of entries) {
    const { method, params: raw } = parseCommand(row)
    commands.push(method)
    const started = now()
    try {
      if (method.toLowerCase() === 'batch')
        throw errors.batchMethodNotAllowed()
      const out = run(method, resolveRefs(raw, result) as Record<string, unknown>, ctx)
      result.set(key, out.result)
      if (out.total !== undefined)
        total.set(key, out.total)
      if (out.next !== undefined)
        next.set(key, out.next)
    }
    catch (e) {
      if (!(e instanceof RestError))
        throw e
      resultError.set(key, e.toBody(ctx.lang))
    }
    const finished = now()
    time.set(key, timeBlock(started, finished))
    if (halt && resultError.size > 0)
      break
  }
  return {
    result: {
      result: phpArray(result),
      result_error: phpArray(resultError),
      result_total: phpArray(total),
      result_next: phpArray(next),
      result_time: phpArray(time),
    },
    commands,
  }
}

/** The `time` block of an answer (docs/platform.md "Frame": without it the SDK fails). */
export function timeBlock(startMs: number, finishMs: number): Record<string, unknown> {
  const duration = (finishMs - startMs) / 1000
  return {
    start: startMs / 1000,
    finish: finishMs / 1000,
    duration,
    processing: duration,
    date_start: formatPortalTime(startMs),
    date_finish: formatPortalTime(finishMs),
    operating: 0,
  }
}
