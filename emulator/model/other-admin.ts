/**
 * "Another admin edits this type": user 3 flips a flag and adds a relation,
 * through the model as a real second session would (updatedTime changes),
 * so the app's conflict handling can be exercised.
 */
import type { ModelContext } from './context'
import { settableFlags } from '../../src/domain/flags'
import { relationsOf } from './relations'
import { STANDARD_TYPES } from './state'
import { findTypeByEntityTypeId, updateType } from './types'

/** Flags the other admin flips, in turn: harmless ones with no side effects. */
const FLIPPABLE = ['isObserversEnabled', 'isSourceEnabled', 'isDocumentsEnabled', 'isBeginCloseDatesEnabled'] as const

export const OTHER_ADMIN_ID = 3

export function otherAdminEdit(ctx: ModelContext, entityTypeId: number): { flag: string, relationTo: number | null } {
  const rec = findTypeByEntityTypeId(ctx, entityTypeId)
  const flag = FLIPPABLE.find(k => settableFlags('rest').includes(k)) ?? 'isObserversEnabled'
  const current = relationsOf(ctx.state, entityTypeId)
  const linked = new Set([...current.parent, ...current.child].map(r => r.entityTypeId))
  const candidates = [...STANDARD_TYPES.map(t => t.entityTypeId), ...ctx.state.types.map(t => t.entityTypeId)]
  const relationTo = candidates.find(id => id !== entityTypeId && !linked.has(id) && !ctx.dropRelationsTo().includes(id)) ?? null
  const strip = (rs: typeof current.parent) => rs.filter(r => !r.isPredefined).map(r => ({ entityTypeId: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled }))
  const parent = strip(current.parent)
  if (relationTo !== null)
    parent.push({ entityTypeId: relationTo, isChildrenListEnabled: true })
  // Straight into the model, as the other admin's own screen would save it (no wire to parse).
  updateType(ctx, OTHER_ADMIN_ID, rec.id, {
    flags: { [flag]: !rec.flags[flag] },
    relations: { parent, child: strip(current.child) },
  })
  return { flag, relationTo }
}
