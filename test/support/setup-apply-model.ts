/**
 * A small in-memory portal for the import's writes: what a TargetState
 * becomes after a list of SetupWrites, following the rules of
 * docs/platform.md the planner relies on (and refusing what the portal
 * refuses). Test support (the planner's unit and property tests), never for a
 * real portal. The emulator (emulator/model/) is the faithful one; this one is
 * small enough to run thousands of times in a property test.
 */
import type { Edge } from '@/domain/setup/edges'
import type { ImportPhase } from '@/domain/setup/plan'
import type { ImportChoices, SetupFile, SetupWrite, TargetPipeline, TargetState, TargetType, WriteResult } from '@/domain/setup/types'
import type { AppErrorCode } from '@/domain/errors'
import type { FlagKey } from '@/domain/flags'
import { validateEntityTypeId } from '@/domain/entity-type-id'
import { defaultFlags, defaultLinkedUserFields, FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { edgeKey, edgesOf, setOf } from '@/domain/setup/edges'
import { choicesAfterCreate, IMPORT_PHASES, writesFor } from '@/domain/setup/plan'
import { DEFAULT_PIPELINE_NAME, DEFAULT_PIPELINE_SORT, NEW_PIPELINE_STAGES } from '@/domain/setup/portal-defaults'

export interface ApplyModelOptions {
  /** The language of whoever applies: names of the default pipeline and stages. @default 'en' */
  lang?: 'en' | 'ru'
}

export interface ApplyModelOutcome {
  state: TargetState
  /** One per write, in order; a refused write changes nothing. */
  results: WriteResult[]
}

/** Contacts and companies: the predefined parents isClientEnabled adds (docs/platform.md "Relations"). */
const CLIENT_PARENTS = [3, 4] as const

class Refused extends Error {
  constructor(readonly code: AppErrorCode, detail: string) {
    super(detail)
  }
}

function refuse(code: AppErrorCode, detail: string): never {
  throw new Refused(code, detail)
}

/** Applies `writes` to a copy of `state`, in order. */
export function applySetupWrites(state: TargetState, writes: readonly SetupWrite[], options: ApplyModelOptions = {}): ApplyModelOutcome {
  const lang = options.lang ?? 'en'
  const s: TargetState = structuredClone(state)
  const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0)
  let nextTypeId = maxOf(s.types.map(t => t.id)) + 1
  let nextCategoryId = maxOf(s.types.flatMap(t => t.pipelines ?? []).map(p => p.id)) + 1
  let nextStageId = maxOf(s.types.flatMap(t => t.pipelines ?? []).flatMap(p => p.stages).map(x => x.id)) + 1
  let edges: Edge[] = [...edgesOf(s.types).values()]

  const known = () => new Set([...s.knownEntityTypeIds, ...s.types.map(t => t.entityTypeId)])
  const settable = (key: FlagKey) => !s.settableFlags || s.settableFlags.includes(key)
  const typeOf = (entityTypeId: number) => s.types.find(t => t.entityTypeId === entityTypeId) ?? refuse('not_found', `type ${entityTypeId}`)
  const pipelinesOf = (t: TargetType) => t.pipelines ?? refuse('not_supported', 'pipelines')
  const relink = () => {
    for (const t of s.types)
      t.relations = setOf(edges, t.entityTypeId)
  }
  const codeTaken = (code: string | null, self: number | null) => code !== null && code.trim() !== '' && s.types.some(t => t.entityTypeId !== self && t.code === code)

  const newPipeline = (name: string, sort: number, isDefault: boolean): TargetPipeline => ({
    id: nextCategoryId++,
    name,
    sort,
    isDefault,
    // Every new pipeline gets the five default stages (docs/platform.md "Stages").
    stages: NEW_PIPELINE_STAGES.map(d => ({ id: nextStageId++, code: d.code, name: d.name[lang], sort: d.sort, semantics: d.semantics, color: d.color, system: d.system })),
  })

  const syncClient = (id: number, on: boolean) => {
    if (!on) {
      edges = edges.filter(e => !(e.isPredefined && e.child === id && (CLIENT_PARENTS as readonly number[]).includes(e.parent)))
      return
    }
    for (const parent of CLIENT_PARENTS) {
      const e = edges.find(x => x.parent === parent && x.child === id)
      if (e)
        e.isPredefined = true
      else
        edges.push({ parent, child: id, isChildrenListEnabled: true, isPredefined: true })
    }
  }

  function apply(w: SetupWrite): WriteResult {
    switch (w.kind) {
      case 'create_type': {
        const title = w.title.trim()
        if (title === '')
          refuse('validation', 'title required')
        if (codeTaken(w.code, null))
          refuse('validation', 'code taken')
        let entityTypeId = w.entityTypeId
        if (entityTypeId !== null && !validateEntityTypeId(entityTypeId, known()).ok)
          refuse('validation', `entityTypeId ${entityTypeId}`)
        if (entityTypeId === null) {
          const taken = known()
          let id = 128
          while (taken.has(id))
            id = id < 191 ? id + 1 : id < 1030 ? 1030 : id + 2
          entityTypeId = id
        }
        const flags = defaultFlags()
        for (const key of FLAG_KEYS) {
          const v = w.flags[key]
          if (v !== undefined && settable(key))
            flags[key] = v
        }
        const linked = defaultLinkedUserFields()
        if (w.linkedUserFields && flags.isUseInUserfieldEnabled)
          Object.assign(linked, w.linkedUserFields)
        const t: TargetType = {
          id: nextTypeId++,
          entityTypeId,
          title,
          code: w.code,
          flags,
          linkedUserFields: linked,
          relations: { parent: [], child: [] },
          // A new type has a default pipeline with its stages (docs/platform.md "Pipelines and the recycle bin").
          pipelines: s.pipelinesSupported ? [newPipeline(DEFAULT_PIPELINE_NAME[lang], DEFAULT_PIPELINE_SORT, true)] : null,
        }
        s.types.push(t)
        s.knownEntityTypeIds = [...s.knownEntityTypeIds, entityTypeId]
        if (flags.isClientEnabled)
          syncClient(entityTypeId, true)
        relink()
        return { ok: true, id: t.id, entityTypeId }
      }
      case 'update_type': {
        const t = typeOf(w.entityTypeId)
        if (t.id !== w.id)
          refuse('not_found', `type record ${w.id}`)
        const c = w.changes
        const title = c.title?.trim()
        if (title === '')
          refuse('validation', 'title required')
        if (c.code !== undefined && codeTaken(c.code, t.entityTypeId))
          refuse('validation', 'code taken')
        // The whole update fails, nothing saved (docs/platform.md "Pipelines and the recycle bin").
        if (c.isCategoriesEnabled === false && t.flags.isCategoriesEnabled && (t.pipelines?.length ?? 0) > 1)
          refuse('validation', 'You cannot disable pipelines if there more than one of them.')
        if (title !== undefined)
          t.title = title
        if (c.code !== undefined)
          t.code = c.code
        for (const key of FLAG_KEYS) {
          const v = c[key]
          // The portal drops what it does not take, without an error (docs/platform.md "Flags").
          if (v !== undefined && settable(key))
            t.flags[key] = v
        }
        // Counted only with isUseInUserfieldEnabled on (docs/platform.md "linkedUserFields").
        if (c.linkedUserFields && t.flags.isUseInUserfieldEnabled) {
          for (const key of LINKED_USER_FIELD_KEYS)
            t.linkedUserFields[key] = c.linkedUserFields[key]
        }
        if (c.isClientEnabled !== undefined && settable('isClientEnabled'))
          syncClient(t.entityTypeId, c.isClientEnabled)
        if (c.relations) {
          // Full overwrite of the user links; predefined ones stay; links to unknown types dropped (docs/platform.md "Relations").
          const id = t.entityTypeId
          const ids = known()
          const kept = edges.filter(e => (e.parent !== id && e.child !== id) || e.isPredefined)
          const keys = new Set(kept.map(e => edgeKey(e.parent, e.child)))
          const add = (parent: number, child: number, isChildrenListEnabled: boolean) => {
            const other = parent === id ? child : parent
            if (other === id || !ids.has(other) || keys.has(edgeKey(parent, child)))
              return
            keys.add(edgeKey(parent, child))
            kept.push({ parent, child, isChildrenListEnabled, isPredefined: false })
          }
          for (const r of c.relations.parent)
            add(r.entityTypeId, id, r.isChildrenListEnabled)
          for (const r of c.relations.child)
            add(id, r.entityTypeId, r.isChildrenListEnabled)
          edges = kept
        }
        relink()
        return { ok: true }
      }
      case 'add_pipeline': {
        const list = pipelinesOf(typeOf(w.entityTypeId))
        if (w.name.trim() === '')
          refuse('validation', `Field 'NAME' is required`)
        const p = newPipeline(w.name, Math.max(0, w.sort), w.isDefault)
        if (w.isDefault) {
          for (const x of list)
            x.isDefault = false
        }
        list.push(p)
        return { ok: true, id: p.id }
      }
      case 'update_pipeline': {
        const list = pipelinesOf(typeOf(w.entityTypeId))
        const p = list.find(x => x.id === w.id) ?? refuse('not_found', `pipeline ${w.id}`)
        if (w.name.trim() === '')
          refuse('validation', `Field 'NAME' is required`)
        p.name = w.name
        if (w.sort >= 0)
          p.sort = w.sort
        if (w.isDefault) {
          for (const x of list)
            x.isDefault = x === p
        }
        return { ok: true }
      }
      case 'delete_pipeline': {
        const t = typeOf(w.entityTypeId)
        const p = pipelinesOf(t).find(x => x.id === w.id) ?? refuse('not_found', `pipeline ${w.id}`)
        if (p.isDefault)
          refuse('validation', 'This is a default pipeline')
        t.pipelines = pipelinesOf(t).filter(x => x !== p)
        return { ok: true }
      }
      case 'add_stage': {
        const p = pipelinesOf(typeOf(w.entityTypeId)).find(x => x.id === w.categoryId) ?? refuse('not_found', `pipeline ${w.categoryId}`)
        const name = w.name.trim()
        if (p.stages.some(x => x.code === w.code))
          refuse('validation', 'The specified status ID already exists.')
        if (w.semantics === 'success' && p.stages.some(x => x.semantics === 'success'))
          refuse('validation', 'Only one success status can exist for any one type')
        if (name === '')
          refuse('validation', 'The field Title is required.')
        const id = nextStageId++
        p.stages.push({ id, code: w.code, name, sort: w.sort > 0 ? w.sort : 10, semantics: w.semantics, color: w.color, system: false })
        return { ok: true, id }
      }
      case 'update_stage': {
        const stage = pipelinesOf(typeOf(w.entityTypeId)).flatMap(p => p.stages).find(x => x.id === w.id) ?? refuse('not_found', 'Status is not found.')
        // crm.status.update: an empty NAME is ignored, SORT not positive becomes 10 (docs/platform.md "Stages").
        if (w.name.trim() !== '')
          stage.name = w.name.trim()
        stage.sort = w.sort > 0 ? w.sort : 10
        stage.color = w.color
        return { ok: true }
      }
      case 'delete_stage': {
        const p = pipelinesOf(typeOf(w.entityTypeId)).find(x => x.stages.some(st => st.id === w.id)) ?? refuse('not_found', 'Status is not found.')
        const stage = p.stages.find(x => x.id === w.id)
        if (stage?.system)
          refuse('validation', 'CRM System Status can be deleted only if parameter FORCED is specified and equal to "Y".')
        p.stages = p.stages.filter(x => x.id !== w.id)
        return { ok: true }
      }
    }
  }

  const results = writes.map((w): WriteResult => {
    // A refused write leaves the state as it was: work on a copy and keep it only on success.
    const before = structuredClone({ types: s.types, edges, nextTypeId, nextCategoryId, nextStageId })
    try {
      return apply(w)
    }
    catch (e) {
      if (!(e instanceof Refused))
        throw e
      s.types = before.types
      edges = before.edges
      nextTypeId = before.nextTypeId
      nextCategoryId = before.nextCategoryId
      nextStageId = before.nextStageId
      return { ok: false, error: e.code, detail: e.message }
    }
  })
  return { state: s, results }
}

/** One phase as the in-memory import ran it. */
export interface ModelPhaseRun {
  phase: ImportPhase
  writes: SetupWrite[]
  results: WriteResult[]
}

/**
 * The whole import against the in-memory portal, as the apply loop runs it
 * on a real one: each phase planned from the state the previous one left,
 * created types turned into updates of the new ones after 'types'.
 * Returns the final state, the choices the later phases used, and each
 * phase's writes with their results.
 */
export function importIntoModel(file: SetupFile, state: TargetState, choices: ImportChoices, options: ApplyModelOptions = {}): { state: TargetState, choices: ImportChoices, phases: ModelPhaseRun[] } {
  let current = state
  let chosen = choices
  const phases: ModelPhaseRun[] = []
  for (const phase of IMPORT_PHASES) {
    const writes = writesFor(phase, file, current, chosen)
    const outcome = applySetupWrites(current, writes, options)
    current = outcome.state
    phases.push({ phase, writes, results: outcome.results })
    if (phase === 'types') {
      const created = writes.flatMap((w, i) => {
        const r = outcome.results[i]
        return w.kind === 'create_type' && r?.ok && r.entityTypeId !== undefined ? [{ sourceEntityTypeId: w.sourceEntityTypeId, entityTypeId: r.entityTypeId }] : []
      })
      chosen = choicesAfterCreate(chosen, created)
    }
  }
  return { state: current, choices: chosen, phases }
}
