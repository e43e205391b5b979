/**
 * The setup import over the vibecode gateway (issue 18; docs/platform.md
 * "Vibecode gateway"): `/v1` has smart processes only, no pipelines or
 * stages (seeds 000–004), and no batch. Types are read one by one (the list
 * omits relations and linkedUserFields), a few at a time, and written one
 * by one; every pipeline or stage write answers `not_supported`.
 */
import type { ReadTypesOptions, SmartProcessGateway, TypesRead } from './gateway'
import { standardTypeNames } from '@/domain/entity-type-id'
import { settableFlags } from '@/domain/flags'
import type { SetupWrite, TargetState, WriteResult } from '@/domain/setup/types'
import { isAppError } from '@/domain/errors'
import { failedWrite, knownEntityTypeIds, mapLimited, newTypeOf, toTargetType } from './setup-common'

/** Reads in flight at once: a few, as loadPlacement sends them (the gateway's own limit is unverified: docs/platform.md "Where sources disagree"). */
const READ_CONCURRENCY = 4

type TypeReads = Pick<SmartProcessGateway, 'listTypes' | 'getType'>
type TypeWrites = Pick<SmartProcessGateway, 'createType' | 'updateType'>

/** Every smart process (or the given ones) with relations and linked fields; pipelines null. */
export async function readVibecodeTarget(gw: TypeReads, entityTypeIds?: number[]): Promise<TargetState> {
  const read = await readVibecodeTypes(gw, entityTypeIds)
  const types = read.types.map(t => toTargetType(t, null))
  return {
    types,
    knownEntityTypeIds: knownEntityTypeIds([...read.names, ...types]),
    pipelinesSupported: false,
    settableFlags: settableFlags('vibecode'),
  }
}

/** Many types read one by one (the gateway's readTypes): no batch on /v1, a few at a time; no pipelines (null). */
export async function readVibecodeTypes(gw: TypeReads, entityTypeIds?: number[], options: ReadTypesOptions = {}): Promise<TypesRead> {
  const wantNames = entityTypeIds === undefined || options.names !== false
  const rows = wantNames ? await gw.listTypes() : []
  const ids = entityTypeIds === undefined ? rows.map(r => r.entityTypeId) : [...new Set(entityTypeIds)]
  const read = await mapLimited(ids, READ_CONCURRENCY, async (id) => {
    try {
      return await gw.getType(id)
    }
    catch (e) {
      // Gone since it was listed, or never there: left out.
      if (isAppError(e) && e.code === 'not_found')
        return null
      throw e
    }
  })
  const types = read.filter((t): t is NonNullable<typeof t> => t !== null)
  const names = wantNames ? [...standardTypeNames(), ...rows.map(r => ({ entityTypeId: r.entityTypeId, title: r.title, isStandard: false }))] : []
  return { types, names, pipelines: null }
}

async function applyOne(gw: TypeWrites, w: SetupWrite): Promise<WriteResult> {
  try {
    if (w.kind === 'create_type') {
      const created = await gw.createType(newTypeOf(w))
      return { ok: true, id: created.id, entityTypeId: created.entityTypeId }
    }
    if (w.kind === 'update_type') {
      await gw.updateType({ id: w.id, entityTypeId: w.entityTypeId }, w.changes)
      return { ok: true }
    }
    return { ok: false, error: 'not_supported', detail: `${w.kind}: the /v1 gateway has no pipelines or stages` }
  }
  catch (e) {
    return failedWrite(e)
  }
}

/** The writes one by one, in order; pipelines and stages answer not_supported without a request. */
export async function applyVibecodeWrites(gw: TypeWrites, writes: SetupWrite[], onProgress: (done: number, total: number) => void = () => {}): Promise<WriteResult[]> {
  const results: WriteResult[] = []
  onProgress(0, writes.length)
  for (const w of writes) {
    results.push(await applyOne(gw, w))
    onProgress(results.length, writes.length)
  }
  return results
}
