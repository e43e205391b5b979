/**
 * What both gateways share when they read a target portal for the setup
 * import (issue 18) and report how each write ended: the type as the
 * planner sees it, the ids a relation may point to, a failure as a
 * WriteResult. Pure.
 */
import type { AppError } from '@/domain/errors'
import type { FlagKey } from '@/domain/flags'
import type { SetupWrite, TargetPipeline, TargetType, WriteResult } from '@/domain/setup/types'
import type { CrmTypeName, NewType, SmartProcessType } from '@/domain/types'
import { STANDARD_TYPES } from '@/domain/entity-type-id'
import { FLAGS } from '@/domain/flags'
import { toAppError } from '@/domain/errors'

/**
 * A type read one by one (with relations and linkedUserFields) as the
 * planner needs it. Only the flags the record carried: a flag the wire
 * lacks (docs/platform.md "Flags") is neither compared nor written.
 */
export function toTargetType(type: SmartProcessType, pipelines: TargetPipeline[] | null): TargetType {
  const carried = new Set<FlagKey>(type.carriedFlags ?? FLAGS.map(f => f.key))
  const flags: TargetType['flags'] = {}
  for (const f of FLAGS) {
    if (carried.has(f.key))
      flags[f.key] = type[f.key]
  }
  return {
    id: type.id,
    entityTypeId: type.entityTypeId,
    title: type.title,
    code: type.code === '' ? null : type.code,
    flags,
    linkedUserFields: { ...type.linkedUserFields },
    relations: type.relations ?? { parent: [], child: [] },
    pipelines,
  }
}

/** Every entityTypeId a relation may point to: the standard types and every smart process named. */
export function knownEntityTypeIds(names: readonly Pick<CrmTypeName, 'entityTypeId'>[]): number[] {
  const ids = new Set<number>(STANDARD_TYPES.map(t => t.entityTypeId))
  for (const n of names)
    ids.add(n.entityTypeId)
  return [...ids].sort((a, b) => a - b)
}

/**
 * Any failure of one write, as its result. REST passes its own mapping
 * (portal/errors.ts); it is not imported here, so that module stays in the
 * first screen's chunk instead of a chunk of its own (npm run bench).
 */
export function failedWrite(e: unknown, map: (e: unknown) => AppError = toAppError): WriteResult & { ok: false } {
  const error = map(e)
  return { ok: false, error: error.code, detail: error.detail }
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of the answers. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = Array.from({ length: items.length })
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await task(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/**
 * What crm.type.add (or the gateway's create) gets for a create_type write:
 * the linked fields ride in the same call, with "use in user fields" on
 * (docs/platform.md "linkedUserFields"), so one pass of the types phase is enough.
 */
export function newTypeOf(w: Extract<SetupWrite, { kind: 'create_type' }>): NewType {
  const input: NewType = { ...w.flags, title: w.title }
  if (w.code !== null && w.code !== '')
    input.code = w.code
  // The source's id when the planner kept it; the portal assigns one otherwise (crm-type-add.md).
  if (w.entityTypeId !== null)
    input.entityTypeId = w.entityTypeId
  if (w.linkedUserFields)
    input.linkedUserFields = w.linkedUserFields
  return input
}
