/**
 * The REST method registry and dispatcher of the emulated portal: method
 * name (case-insensitive, optional `.json`) → handler. Handlers return the
 * `result` (plus total/next for lists) or throw a RestError.
 */
import type { CallContext } from '../contract'
import type { ModelContext } from './context'
import { appMethods } from './methods-app'
import { categoryMethods } from './methods-category'
import { crmMethods } from './methods-crm'
import { entityMethods } from './methods-entity'
import { statusMethods } from './methods-status'
import { errors } from './errors'
import { runBatch } from './batch'
import { isAllowed } from './scopes'

/** What a method answers before the wire adds `time`. */
export interface MethodOutcome {
  result: unknown
  total?: number
  next?: number
}

export type MethodHandler = (params: Record<string, unknown>, call: CallContext) => MethodOutcome

/** Normalises a method name as the portal does: lower case, no `.json`. */
export function normalizeMethod(method: string): string {
  return method.trim().replace(/\.json$/i, '').toLowerCase()
}

export interface Dispatcher {
  /** Runs a method (batch included); throws RestError. `commands` is set for batch. */
  run: (method: string, params: Record<string, unknown>, call: CallContext) => MethodOutcome & { commands?: string[] }
  /** Every method name the portal answers (the `methods` method). */
  names: () => string[]
}

export function createDispatcher(ctx: ModelContext): Dispatcher {
  const registry = new Map<string, MethodHandler>()
  const add = (table: Record<string, MethodHandler>) => {
    for (const [name, handler] of Object.entries(table))
      registry.set(name.toLowerCase(), handler)
  }
  add(crmMethods(ctx))
  add(categoryMethods(ctx))
  add(statusMethods(ctx))
  add(entityMethods(ctx))
  add(appMethods(ctx, () => [...registry.keys(), 'batch']))

  const single = (method: string, params: Record<string, unknown>, call: CallContext): MethodOutcome => {
    const name = normalizeMethod(method)
    // An app's token reaches only its scopes' methods (_includes/system-errors.md insufficient_scope);
    // the scope table knows methods this model does not implement, so it is asked first.
    if (call.scopes && !isAllowed(name, call.scopes))
      throw errors.insufficientScope()
    const handler = registry.get(name)
    if (!handler)
      throw errors.methodNotFound()
    return handler(params, call)
  }
  /** A batch command: checked alone, refused ones become their own result_error row. */
  const command = (method: string, params: Record<string, unknown>, call: CallContext): MethodOutcome => {
    // docs/platform.md "Batch": one team saw a live portal refuse placement.bind inside a batch (fault switch).
    if (ctx.faults?.().bindRefusedInBatch && normalizeMethod(method) === 'placement.bind')
      throw errors.batchMethodNotAllowed()
    return single(method, params, call)
  }
  return {
    run(method, params, call) {
      if (normalizeMethod(method) === 'batch')
        return runBatch(params, call, command, ctx.now)
      return single(method, params, call)
    },
    names: () => [...registry.keys(), 'batch'],
  }
}
