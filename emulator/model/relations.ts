/**
 * Relations between CRM types (docs/platform.md "Relations"): bidirectional (one stored
 * edge, read from both ends), full overwrite on update, predefined client
 * links (contacts 3 and companies 4) while isClientEnabled is on.
 */
import type { Relation, RelationSet } from '../../src/domain/types'
import type { Edge, PortalState } from './state'
import { typeExists } from './state'
import { isRecord, listValues, parseBool, parseIntLoose } from './wire'

/** Contacts and companies: the parents isClientEnabled adds (docs/platform.md "Relations"). */
export const CLIENT_PARENTS = [3, 4] as const

/** The relations of a type as read from the edges (predefined ones first). */
export function relationsOf(state: PortalState, entityTypeId: number): RelationSet {
  const rank = (e: Edge) => (e.isPredefined ? 0 : 1)
  const parent = state.edges.filter(e => e.child === entityTypeId).sort((a, b) => rank(a) - rank(b))
  const child = state.edges.filter(e => e.parent === entityTypeId).sort((a, b) => rank(a) - rank(b))
  return {
    parent: parent.map(e => ({ entityTypeId: e.parent, isChildrenListEnabled: e.isChildrenListEnabled, isPredefined: e.isPredefined })),
    child: child.map(e => ({ entityTypeId: e.child, isChildrenListEnabled: e.isChildrenListEnabled, isPredefined: e.isPredefined })),
  }
}

/** A requested relation (input side: no isPredefined). */
export type RelationInput = Omit<Relation, 'isPredefined'>

/**
 * Parses `relations` input: `{parent: [...], child: [...]}`. `isOn` reads
 * isChildrenListEnabled: on portal REST only the string 'true' is on
 * (docs/platform.md "Relations", crm/lib/controller/type.php); the vibecode gateway takes
 * "Y"/"N" (seed 000).
 */
export function parseRelationsInput(value: unknown, isOn: (v: unknown) => boolean = v => parseBool(v) ?? false, absentSide: 'empty' | 'keep' = 'empty'): { parent?: RelationInput[], child?: RelationInput[] } {
  const side = (v: unknown): RelationInput[] => listValues(v).flatMap((r) => {
    if (!isRecord(r))
      return []
    const id = parseIntLoose(r.entityTypeId)
    if (id === undefined)
      return []
    return [{ entityTypeId: id, isChildrenListEnabled: isOn(r.isChildrenListEnabled) }]
  })
  const rec = isRecord(value) ? value : {}
  // Portal REST handles only the sides present: crm/lib/controller/type.php saveRelations checks
  // array_key_exists('PARENT') and ('CHILD') apart. The vibecode gateway overwrites both (seed 001).
  const read = (key: 'parent' | 'child') => (absentSide === 'keep' && !(key in rec) ? undefined : side(rec[key]))
  return { parent: read('parent'), child: read('child') }
}

function sameEdge(a: Pick<Edge, 'parent' | 'child'>, b: Pick<Edge, 'parent' | 'child'>): boolean {
  return a.parent === b.parent && a.child === b.child
}

/**
 * Replaces every user-defined relation of a type with `input` (full
 * overwrite, both sides: crm.type.update, seed 001). Predefined relations
 * stay as they are. Relations to unknown types, to itself, and to the
 * `dropTo` types are dropped silently, as the portal drops relation save
 * errors (docs/platform.md "Relations"): for a dropped target the stored state is kept.
 */
export function overwriteRelations(
  state: PortalState,
  entityTypeId: number,
  input: { parent?: RelationInput[], child?: RelationInput[] },
  dropTo: readonly number[] = [],
): void {
  // A side left out of the input keeps its links (only the sides sent are overwritten).
  const touches = (e: Edge) => (input.parent !== undefined && e.child === entityTypeId) || (input.child !== undefined && e.parent === entityTypeId)
  const other = (e: Edge) => (e.parent === entityTypeId ? e.child : e.parent)
  const kept = state.edges.filter(e => !touches(e) || e.isPredefined || dropTo.includes(other(e)))
  const wanted: Edge[] = []
  const add = (edge: Edge) => {
    const target = edge.parent === entityTypeId ? edge.child : edge.parent
    if (target === entityTypeId || dropTo.includes(target) || !typeExists(state, target))
      return
    if (kept.some(e => sameEdge(e, edge)) || wanted.some(e => sameEdge(e, edge)))
      return
    wanted.push(edge)
  }
  for (const r of input.parent ?? [])
    add({ parent: r.entityTypeId, child: entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled, isPredefined: false })
  for (const r of input.child ?? [])
    add({ parent: entityTypeId, child: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled, isPredefined: false })
  state.edges = [...kept, ...wanted]
}

/**
 * isClientEnabled on: contacts and companies become predefined parents
 * (an existing user-defined link to them turns predefined); off: the
 * predefined client links go away.
 */
export function syncClientRelations(state: PortalState, entityTypeId: number, isClientEnabled: boolean): void {
  if (!isClientEnabled) {
    state.edges = state.edges.filter(e => !(e.isPredefined && e.child === entityTypeId && (CLIENT_PARENTS as readonly number[]).includes(e.parent)))
    return
  }
  for (const parent of CLIENT_PARENTS) {
    const existing = state.edges.find(e => e.parent === parent && e.child === entityTypeId)
    if (existing)
      existing.isPredefined = true
    else
      state.edges.push({ parent, child: entityTypeId, isChildrenListEnabled: true, isPredefined: true })
  }
}
