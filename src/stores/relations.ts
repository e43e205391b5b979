import type { RelationChoice, RelationNamer, RelationRow } from '@/domain/relation-draft'
import type { RelationConflict, RelationRef } from '@/domain/relations'
import type { RelationSet, RelationSide, SmartProcessType, TypeChanges } from '@/domain/types'
import type { PlacementSnapshot } from '@/portal/gateway'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError, toAppError } from '@/domain/errors'
import { diffRelations, emptyRelationSet, findRelation, mergeRelations, normalizeRelations, RELATION_SIDES, relationsEqual, withoutRelation, withRelation } from '@/domain/relations'
import { conflictKey, resolveConflicts, unsavedAfterWrite } from '@/domain/relation-draft'
import { crmTypeLabel } from '@/domain/type-names'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { useTypeSettingsStore } from './type-settings'

/**
 * The smart process's links to other CRM types: a draft over what was
 * loaded, saved by the settings' one Save (it joins as a DraftParticipant).
 * The portal overwrites relations whole and drops failed links silently
 * (docs/platform.md "Relations"), so a save re-reads, merges base / mine / theirs, writes
 * the whole merged set, re-reads again and reports every link not there;
 * those stay in the draft for a retry.
 */
export const useRelationsStore = defineStore('relations', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const settings = useTypeSettingsStore()

  const entityTypeId = ref<number | null>(null)
  /** What the draft started from (the last read). */
  const base = shallowRef<RelationSet>(emptyRelationSet())
  /** The user's draft (mine). */
  const draft = shallowRef<RelationSet>(emptyRelationSet())
  /** Conflicts found by the last save's merge; nothing is written until the user chooses. */
  const conflicts = shallowRef<RelationConflict[]>([])
  const choices = ref<Record<string, RelationChoice>>({})
  /** Links the last save sent that the portal did not keep. */
  const unsaved = shallowRef<RelationRef[]>([])
  // The fresh read the conflicts were found against: the base once they are resolved.
  let conflictTheirs: RelationSet | null = null
  // The set the current save sent, to verify after the write; null when relations were not written.
  let sent: RelationSet | null = null
  let namer: RelationNamer = ref => defaultName(ref.entityTypeId)
  // Bumped by every load: a verification that outlives its type is dropped (stale guard).
  let epoch = 0

  const isDirty = computed(() => !relationsEqual(base.value, draft.value))
  /** The draft against what was loaded: the rows' marks, the removed links and the count read it. */
  const diff = computed(() => diffRelations(base.value, draft.value))
  /** Each link added, removed or with its list switch changed is one change in the draft bar's count. */
  const changeCount = computed(() => RELATION_SIDES.reduce((n, s) => n + diff.value[s].added.length + diff.value[s].removed.length + diff.value[s].changed.length, 0))
  const canEdit = computed(() => settings.canEdit && entityTypeId.value !== null)

  const rows = computed<Record<RelationSide, RelationRow[]>>(() => {
    const d = diff.value
    const side = (s: RelationSide): RelationRow[] => draft.value[s].map(r => ({
      ...r,
      side: s,
      state: d[s].added.some(a => a.entityTypeId === r.entityTypeId) ? 'added' : d[s].changed.some(c => c.entityTypeId === r.entityTypeId) ? 'changed' : 'unchanged',
      isDeleted: catalog.isDeleted(r.entityTypeId),
      bothWays: draft.value[s === 'parent' ? 'child' : 'parent'].some(o => o.entityTypeId === r.entityTypeId),
    }))
    return { parent: side('parent'), child: side('child') }
  })

  /** Links of the draft removed since load, so the lists can offer to bring them back. */
  const removed = computed(() => RELATION_SIDES.flatMap(s => diff.value[s].removed.map(r => ({ side: s, entityTypeId: r.entityTypeId }))))

  /** Types that can be linked on `side`: every known CRM type except this one and those already linked there. */
  function candidates(side: RelationSide) {
    const linked = new Set(draft.value[side].map(r => r.entityTypeId))
    return catalog.names.filter(n => n.entityTypeId !== entityTypeId.value && !linked.has(n.entityTypeId))
  }

  /** Until the view hands its translated namer: the title, or the id (crmTypeLabel's kinds, untranslated). */
  function defaultName(id: number): string {
    const label = crmTypeLabel(id, catalog.titleOf)
    return label.kind === 'smart_process' ? label.title : `#${id}`
  }

  /** Sets how links are named in the save report (the view's, in the user's language). */
  function setNamer(fn: RelationNamer) {
    namer = fn
  }

  function edit(next: RelationSet) {
    if (!canEdit.value)
      return
    draft.value = next
  }

  function add(side: RelationSide, id: number, isChildrenListEnabled = false) {
    if (id === entityTypeId.value || findRelation(draft.value, side, id))
      return
    // A link removed in this draft comes back as it was loaded.
    const before = findRelation(base.value, side, id)
    edit(withRelation(draft.value, side, id, before?.isChildrenListEnabled ?? isChildrenListEnabled))
  }

  function remove(side: RelationSide, id: number) {
    edit(withoutRelation(draft.value, side, id))
  }

  function setListEnabled(side: RelationSide, id: number, value: boolean) {
    if (findRelation(draft.value, side, id))
      edit(withRelation(draft.value, side, id, value))
  }

  function reset(set: RelationSet) {
    base.value = normalizeRelations(set)
    draft.value = normalizeRelations(set)
    conflicts.value = []
    choices.value = {}
    conflictTheirs = null
  }

  /** Drops the draft; returns it for the settings' Undo. */
  function discard(): RelationSet {
    const kept = draft.value
    // After a conflict, discarding shows what the portal holds now (as the settings do).
    reset(conflictTheirs ?? base.value)
    unsaved.value = []
    return kept
  }

  function restore(kept: unknown) {
    if (kept && typeof kept === 'object' && 'parent' in kept && 'child' in kept)
      draft.value = kept as RelationSet
  }

  function choose(c: RelationConflict, choice: RelationChoice) {
    choices.value = { ...choices.value, [conflictKey(c)]: choice }
  }

  /** Rebases the draft on the portal's read with the user's choices; the next Save writes it. */
  function applyChoices() {
    const theirs = conflictTheirs
    if (!theirs)
      return
    const { merged } = mergeRelations(base.value, draft.value, theirs)
    const resolved = resolveConflicts(merged, conflicts.value, choices.value)
    base.value = normalizeRelations(theirs)
    draft.value = resolved
    conflicts.value = []
    choices.value = {}
    conflictTheirs = null
  }

  function onLoaded(snapshot: PlacementSnapshot) {
    epoch++
    entityTypeId.value = snapshot.type.entityTypeId
    catalog.fillNames(snapshot.typeNames)
    reset(snapshot.type.relations ?? emptyRelationSet())
    unsaved.value = []
    sent = null
  }

  function changesFor(fresh: SmartProcessType): TypeChanges {
    sent = null
    const theirs = fresh.relations ?? emptyRelationSet()
    const { merged, conflicts: found } = mergeRelations(base.value, draft.value, theirs)
    if (found.length > 0) {
      conflicts.value = found
      choices.value = Object.fromEntries(found.map(c => [conflictKey(c), 'mine' as const]))
      conflictTheirs = normalizeRelations(theirs)
      throw new AppError({ code: 'conflict', messageKey: 'relations.conflict.error' })
    }
    // Turning the client off in the same save: contacts and companies stop being predefined,
    // so sending them would keep them as ordinary links (docs/platform.md "Relations").
    const out = settings.draft.isClientEnabled === false
      ? { parent: merged.parent.filter(r => !r.isPredefined), child: merged.child.filter(r => !r.isPredefined) }
      : merged
    sent = out
    // Full overwrite: always the whole merged set (docs/platform.md "Relations").
    return { relations: out }
  }

  async function onSaved(saved: SmartProcessType): Promise<AppError | void> {
    const intended = sent
    sent = null
    if (!intended) {
      // Relations were not written: the portal's answer is the new base.
      if (!isDirty.value && saved.relations)
        reset(saved.relations)
      return
    }
    const mine = epoch
    let actual: RelationSet
    try {
      // The portal drops relation save errors silently: read back and compare (docs/platform.md "Relations").
      actual = (await context.requireGateway().getType(saved.entityTypeId)).relations ?? emptyRelationSet()
    }
    catch (e) {
      // Written but not verified: the draft stays, and the next Save merges and checks again.
      return mine === epoch ? toAppError(e) : undefined
    }
    if (mine !== epoch)
      return
    const lost = unsavedAfterWrite(intended, actual)
    let next = normalizeRelations(actual)
    for (const l of lost) {
      const want = findRelation(intended, l.side, l.entityTypeId)
      if (want)
        next = withRelation(next, l.side, l.entityTypeId, want.isChildrenListEnabled)
    }
    base.value = normalizeRelations(actual)
    draft.value = next
    unsaved.value = lost
    if (lost.length === 0)
      return
    return new AppError({ code: 'relations_dropped', retryable: true, params: { names: lost.map(l => namer(l)).join(', ') } })
  }

  /** A read taken while editing: without a draft of links it is the new base (with one, the Save merges). */
  function onFresh(fresh: SmartProcessType) {
    if (!isDirty.value && conflicts.value.length === 0)
      reset(fresh.relations ?? emptyRelationSet())
  }

  settings.registerParticipant({ id: 'relations', isDirty: () => isDirty.value, changeCount: () => changeCount.value, onFresh, onLoaded, changesFor, onSaved, discard, restore })

  return { entityTypeId, base, draft, conflicts, choices, unsaved, isDirty, canEdit, rows, removed, candidates, setNamer, add, remove, setListEnabled, discard, restore, choose, applyChoices }
})
