import type { FieldValues } from './settings-fields'
import type { RelationSet } from './types'
import { describe, expect, it } from 'vitest'
import { keepDraft, parseKeptDraft, restorePlan } from './kept-draft'

const base = { title: 'Repairs', code: null, isSourceEnabled: false, isClientEnabled: true } as unknown as FieldValues
const link = (entityTypeId: number, isChildrenListEnabled = false) => ({ entityTypeId, isChildrenListEnabled, isPredefined: false })
const rel = (parent: number[], child: number[]): RelationSet => ({ parent: parent.map(id => link(id)), child: child.map(id => link(id)) })
const now = new Date('2026-12-02T10:00:00Z')

describe('a draft kept for the slider\'s Close', () => {
  it('round-trips through its stored text', () => {
    const kept = keepDraft({ entityTypeId: 1030, typeId: 3, base, draft: { isSourceEnabled: true, title: 'Fixes' }, relations: { base: rel([], []), mine: rel([], [1034]) }, now })
    expect(parseKeptDraft(JSON.stringify(kept))).toEqual(kept)
    expect(kept.fields).toEqual({ title: { base: 'Repairs', mine: 'Fixes' }, isSourceEnabled: { base: false, mine: true } })
  })

  it('refuses text that is not a kept draft: not JSON, another version, an unknown field, a bad link', () => {
    const good = keepDraft({ entityTypeId: 1030, typeId: 3, base, draft: { isSourceEnabled: true }, relations: null, now })
    expect(parseKeptDraft('{')).toBeNull()
    expect(parseKeptDraft(null)).toBeNull()
    expect(parseKeptDraft(JSON.stringify({ ...good, v: 2 }))).toBeNull()
    expect(parseKeptDraft(JSON.stringify({ ...good, fields: { isEvilEnabled: { base: false, mine: true } } }))).toBeNull()
    expect(parseKeptDraft(JSON.stringify({ ...good, relations: { base: rel([], []), mine: { parent: [{ entityTypeId: 'x' }], child: [] } } }))).toBeNull()
  })

  it('restores what nobody changed since, and keeps the portal\'s value where someone did', () => {
    const kept = keepDraft({ entityTypeId: 1030, typeId: 3, base, draft: { isSourceEnabled: true, title: 'Fixes' }, relations: null, now })
    const plan = restorePlan(kept, { ...base, title: 'Renamed elsewhere' }, rel([], []))
    expect(plan.fields).toEqual({ isSourceEnabled: true })
    expect(plan.changedSince).toEqual(['title'])
  })

  it('a field changed elsewhere to the user\'s own value is neither restored nor a loss', () => {
    const kept = keepDraft({ entityTypeId: 1030, typeId: 3, base, draft: { isSourceEnabled: true }, relations: null, now })
    expect(restorePlan(kept, { ...base, isSourceEnabled: true }, rel([], []))).toMatchObject({ fields: {}, changedSince: [] })
  })

  it('merges the kept links into the links as they are now: a link added elsewhere stays', () => {
    const kept = keepDraft({ entityTypeId: 1030, typeId: 3, base, draft: {}, relations: { base: rel([], [1032]), mine: rel([], [1032, 1034]) }, now })
    const plan = restorePlan(kept, base, rel([2], [1032]))
    expect(plan.relations).toEqual(rel([2], [1032, 1034]))
    expect(plan.relationsChangedSince).toBe(false)
  })
})
