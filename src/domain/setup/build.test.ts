import type { StageSemantics, TargetPipeline, TargetType } from './types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { buildSetupFile, normalizeColor, setupFileName } from './build'
import { parseSetupFile, stringifySetupFile } from './parse'

const NOW = new Date('2026-12-02T10:00:00.000Z')

function type(over: Partial<TargetType> = {}): TargetType {
  return {
    id: 1,
    entityTypeId: 1030,
    title: 'Equipment repairs',
    code: 'repairs',
    flags: { isCategoriesEnabled: true, isClientEnabled: true },
    linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false },
    relations: { parent: [], child: [] },
    pipelines: null,
    ...over,
  }
}

function pipeline(over: Partial<TargetPipeline> = {}): TargetPipeline {
  return { id: 1, name: 'New pipeline', sort: 500, isDefault: true, stages: [], ...over }
}

describe('buildSetupFile', () => {
  it('writes the kind, the version, the time and the portal, and nothing about the user', () => {
    const file = buildSetupFile({ portal: 'example.bitrix24.com', now: NOW, types: [type()], typeNames: [] })
    expect(file).toMatchObject({ kind: 'smart-process-studio/setup', version: 1, exportedAt: '2026-12-02T10:00:00.000Z', source: { portal: 'example.bitrix24.com' } })
    expect(Object.keys(file).sort()).toEqual(['exportedAt', 'kind', 'source', 'types', 'version'])
  })

  it('keeps the portal as a bare host, and drops one that is not a host', () => {
    const portal = (p: string | null) => buildSetupFile({ portal: p, now: NOW, types: [], typeNames: [] }).source.portal
    expect(portal('https://example.bitrix24.com/crm/')).toBe('example.bitrix24.com')
    expect(portal('127.0.0.1:5174')).toBe('127.0.0.1:5174')
    expect(portal('<script>')).toBeNull()
    expect(portal(null)).toBeNull()
  })

  it('carries the flags and linked fields the source read carried, and only those', () => {
    const [t] = buildSetupFile({ portal: null, now: NOW, types: [type()], typeNames: [] }).types
    expect(t!.flags).toEqual({ isCategoriesEnabled: true, isClientEnabled: true })
    expect(t!.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': true, 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': false })
  })

  it('leaves out predefined links; a smart process target carries its code and title, a standard one does not', () => {
    const [t] = buildSetupFile({
      portal: null,
      now: NOW,
      types: [type({
        relations: {
          parent: [
            { entityTypeId: 3, isChildrenListEnabled: true, isPredefined: true },
            { entityTypeId: 4, isChildrenListEnabled: true, isPredefined: true },
            { entityTypeId: 2, isChildrenListEnabled: true, isPredefined: false },
          ],
          child: [
            { entityTypeId: 1032, isChildrenListEnabled: false, isPredefined: false },
            { entityTypeId: 130, isChildrenListEnabled: true, isPredefined: false },
          ],
        },
      })],
      typeNames: [{ entityTypeId: 1032, title: 'Spare parts', code: null }, { entityTypeId: 130, title: 'Warranty', code: 'warranty' }],
    }).types
    expect(t!.relations).toEqual({
      parent: [{ entityTypeId: 2, isChildrenListEnabled: true }],
      child: [
        { entityTypeId: 130, isChildrenListEnabled: true, smartProcess: { code: 'warranty', title: 'Warranty' } },
        { entityTypeId: 1032, isChildrenListEnabled: false, smartProcess: { code: null, title: 'Spare parts' } },
      ],
    })
  })

  it('names a smart process target from the exported types when the catalogue lacks it', () => {
    const a = type({ entityTypeId: 1030, relations: { parent: [], child: [{ entityTypeId: 1032, isChildrenListEnabled: false, isPredefined: false }] } })
    const b = type({ id: 2, entityTypeId: 1032, title: 'Parts', code: 'parts' })
    const [t] = buildSetupFile({ portal: null, now: NOW, types: [a, b], typeNames: [] }).types
    expect(t!.relations.child).toEqual([{ entityTypeId: 1032, isChildrenListEnabled: false, smartProcess: { code: 'parts', title: 'Parts' } }])
  })

  it('leaves out a dangling link to a deleted smart process and a link to itself', () => {
    const [t] = buildSetupFile({
      portal: null,
      now: NOW,
      types: [type({ relations: { parent: [{ entityTypeId: 1030, isChildrenListEnabled: false, isPredefined: false }], child: [{ entityTypeId: 1040, isChildrenListEnabled: false, isPredefined: false }] } })],
      typeNames: [],
    }).types
    expect(t!.relations).toEqual({ parent: [], child: [] })
  })

  it('sorts pipelines by sort and stages by sort, dropping the portal prefix-free ids', () => {
    const [t] = buildSetupFile({
      portal: null,
      now: NOW,
      types: [type({
        pipelines: [
          pipeline({ id: 5, name: 'B', sort: 600, isDefault: false, stages: [
            { id: 3, code: 'FAIL', name: 'Lost', sort: 30, semantics: 'failure', color: '#FF0000', system: true },
            { id: 1, code: 'NEW', name: 'Start', sort: 10, semantics: 'process', color: '22b9ff', system: true },
          ] }),
          pipeline({ id: 2, name: ' A ', sort: 100 }),
        ],
      })],
      typeNames: [],
    }).types
    expect(t!.pipelines).toEqual([
      { sourceId: 2, name: 'A', sort: 100, isDefault: true, stages: [] },
      { sourceId: 5, name: 'B', sort: 600, isDefault: false, stages: [
        { code: 'NEW', name: 'Start', sort: 10, semantics: 'process', color: '#22B9FF' },
        { code: 'FAIL', name: 'Lost', sort: 30, semantics: 'failure', color: '#FF0000' },
      ] },
    ])
  })

  it('gives a code two source types share to the first only', () => {
    const types = buildSetupFile({ portal: null, now: NOW, types: [type(), type({ id: 2, entityTypeId: 1032, title: 'Other' })], typeNames: [] }).types
    expect(types.map(t => t.code)).toEqual(['repairs', null])
  })

  it('keeps null pipelines (a gateway that cannot read them) as null', () => {
    expect(buildSetupFile({ portal: null, now: NOW, types: [type({ pipelines: null })], typeNames: [] }).types[0]!.pipelines).toBeNull()
  })

  it('names the download after the portal and the day', () => {
    const file = buildSetupFile({ portal: 'example.bitrix24.com', now: NOW, types: [], typeNames: [] })
    expect(setupFileName(file)).toBe('smart-process-setup-example.bitrix24.com-2026-12-02.json')
  })
})

describe('normalizeColor', () => {
  it('reads what the portal stores as #RRGGBB, and falls back by semantics', () => {
    expect(normalizeColor('#22b9ff', 'process')).toBe('#22B9FF')
    expect(normalizeColor('22B9FF', 'process')).toBe('#22B9FF')
    expect(normalizeColor('#abc', 'process')).toBe('#AABBCC')
    expect(normalizeColor('', 'success')).toBe('#00FF00')
    expect(normalizeColor('red', 'failure')).toBe('#FF0000')
  })
})

// ─── every file the builder makes validates ────────────────────────────

const smartId = fc.oneof(fc.integer({ min: 128, max: 192 }), fc.integer({ min: 515, max: 2000 }).map(n => n * 2))
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '{{ 7*7 }}', 'Заявки', '  padded  ', '"quoted"\n\tline'),
).filter(s => s.trim() !== '')
const color = fc.oneof(fc.constantFrom('', '#22B9FF', '22b9ff', '#abc', 'red'), fc.string({ maxLength: 8 }))
const semantics = fc.constantFrom<StageSemantics>('process', 'success', 'failure')

const targetPipeline = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  name: text,
  sort: fc.integer({ min: 0, max: 10_000 }),
  isDefault: fc.boolean(),
  stages: fc.uniqueArray(fc.record({
    id: fc.integer({ min: 1, max: 100_000 }),
    code: fc.stringMatching(/^[A-Z_0-9]{1,20}$/),
    name: text,
    sort: fc.integer({ min: 1, max: 10_000 }),
    semantics,
    color,
    system: fc.boolean(),
  }), { selector: s => s.code, maxLength: 6 }),
}).map((p) => {
  // The portal keeps one success stage per pipeline.
  let success = false
  return { ...p, stages: p.stages.map(s => (s.semantics === 'success' && (success || !(success = true)) ? { ...s, semantics: 'failure' as const } : s)) }
})

const relation = fc.record({
  entityTypeId: fc.oneof(fc.constantFrom(1, 2, 3, 4, 7, 31, 14), smartId),
  isChildrenListEnabled: fc.boolean(),
  isPredefined: fc.boolean(),
})

const targetType = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  entityTypeId: smartId,
  title: text,
  code: fc.option(fc.stringMatching(/^[a-z_]{0,12}$/), { nil: null }),
  flags: fc.dictionary(fc.constantFrom(...FLAG_KEYS), fc.boolean()),
  linkedUserFields: fc.dictionary(fc.constantFrom(...LINKED_USER_FIELD_KEYS), fc.boolean()),
  relations: fc.record({ parent: fc.array(relation, { maxLength: 5 }), child: fc.array(relation, { maxLength: 5 }) }),
  pipelines: fc.option(fc.array(targetPipeline, { maxLength: 3 }).map(ps => ps.map((p, i) => ({ ...p, isDefault: i === 0 }))), { nil: null }),
}) as fc.Arbitrary<TargetType>

describe('the builder and the schema agree', () => {
  it('every file built from what a portal holds passes parseSetupFile, and reads back equal', () => {
    fc.assert(fc.property(
      fc.uniqueArray(targetType, { selector: t => t.entityTypeId, maxLength: 4 }),
      fc.array(fc.record({ entityTypeId: smartId, title: fc.string({ maxLength: 20 }), code: fc.option(fc.string({ maxLength: 10 }), { nil: null }) }), { maxLength: 5 }),
      fc.option(fc.constantFrom('example.bitrix24.com', 'https://b24.corp.local:8443/', 'not a host'), { nil: null }),
      (types, typeNames, portal) => {
        const file = buildSetupFile({ portal, now: NOW, types, typeNames })
        const text = stringifySetupFile(file)
        const parsed = parseSetupFile(text, new TextEncoder().encode(text).length)
        if (!parsed.ok)
          throw new Error(JSON.stringify(parsed.error))
        expect(parsed.file).toEqual(file)
      },
    ), { numRuns: 300 })
  })
})
