import type { SetupFile, SetupFileError } from './types'
import { describe, expect, it } from 'vitest'
import { FLAG_KEYS, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { parseSetupFile, SETUP_FILE_SCHEMA, stringifySetupFile } from './parse'
import { SETUP_FILE_MAX_BYTES } from './types'

function sample(): SetupFile {
  return {
    kind: 'smart-process-studio/setup',
    version: 1,
    exportedAt: '2026-12-02T10:00:00.000Z',
    source: { portal: 'example.bitrix24.com' },
    types: [{
      entityTypeId: 1030,
      title: 'Equipment repairs',
      code: 'repairs',
      flags: { isCategoriesEnabled: true, isStagesEnabled: true, isClientEnabled: true },
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': true },
      relations: {
        parent: [{ entityTypeId: 2, isChildrenListEnabled: true }],
        child: [{ entityTypeId: 1032, isChildrenListEnabled: false, smartProcess: { code: null, title: 'Spare parts' } }],
      },
      pipelines: [{
        sourceId: 7,
        name: 'Repairs',
        sort: 500,
        isDefault: true,
        stages: [
          { code: 'NEW', name: 'Received', sort: 10, semantics: 'process', color: '#22B9FF' },
          { code: 'SUCCESS', name: 'Fixed', sort: 20, semantics: 'success', color: '#00ff00' },
          { code: 'FAIL', name: 'Beyond repair', sort: 30, semantics: 'failure', color: '#FF0000' },
        ],
      }],
    }],
  }
}

const parse = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return parseSetupFile(text, new TextEncoder().encode(text).length)
}

function errorOf(value: unknown): SetupFileError {
  const r = parse(value)
  if (r.ok)
    throw new Error('expected a refusal')
  return r.error
}

function problemsOf(value: unknown): { path: string, rule: string }[] {
  const e = errorOf(value)
  if (e.code !== 'invalid')
    throw new Error(`expected invalid, got ${e.code}`)
  return e.problems
}

describe('parseSetupFile', () => {
  it('reads a file it wrote', () => {
    const file = sample()
    const r = parse(stringifySetupFile(file))
    expect(r).toEqual({ ok: true, file })
  })

  it('takes a file with a byte order mark', () => {
    expect(parse(`\uFEFF${JSON.stringify(sample())}`).ok).toBe(true)
  })

  it('refuses a file over 2 MB by its size, before parsing it', () => {
    const r = parseSetupFile('{}', SETUP_FILE_MAX_BYTES + 1)
    expect(r).toEqual({ ok: false, error: { code: 'too_big', byteLength: SETUP_FILE_MAX_BYTES + 1, maxBytes: SETUP_FILE_MAX_BYTES } })
  })

  it('refuses text longer than 2 MB even when told a smaller size', () => {
    expect(parseSetupFile(' '.repeat(SETUP_FILE_MAX_BYTES + 1), 10)).toMatchObject({ ok: false, error: { code: 'too_big' } })
  })

  it('takes a file of exactly 2 MB', () => {
    const text = JSON.stringify(sample())
    const padded = text + ' '.repeat(SETUP_FILE_MAX_BYTES - text.length)
    expect(parseSetupFile(padded, SETUP_FILE_MAX_BYTES).ok).toBe(true)
  })

  it('says not_json for text that is not JSON', () => {
    expect(errorOf('kind: smart-process-studio/setup')).toEqual({ code: 'not_json' })
    expect(errorOf('')).toEqual({ code: 'not_json' })
    expect(errorOf('{"kind": "smart-process-studio/setup",')).toEqual({ code: 'not_json' })
  })

  it('says not_setup for other JSON', () => {
    expect(errorOf([sample()])).toEqual({ code: 'not_setup' })
    expect(errorOf('null')).toEqual({ code: 'not_setup' })
    expect(errorOf('"smart-process-studio/setup"')).toEqual({ code: 'not_setup' })
    expect(errorOf({ ...sample(), kind: 'something-else' })).toEqual({ code: 'not_setup' })
    expect(errorOf({ name: 'package.json' })).toEqual({ code: 'not_setup' })
  })

  it('refuses a newer version, naming it', () => {
    expect(errorOf({ ...sample(), version: 2, somethingNew: true })).toEqual({ code: 'newer_version', version: 2 })
  })

  it('says bad_version for a version that is not 1 and not newer', () => {
    for (const version of [0, -1, 1.5, '1', null, undefined, 1e300])
      expect(errorOf({ ...sample(), version }).code).toBe('bad_version')
  })

  it('names unknown keys anywhere in the file', () => {
    const file = sample() as unknown as Record<string, any>
    file.token = 'secret'
    file.types[0].flags.isTeleportEnabled = true
    file.types[0].linkedUserFields['CRM_DEAL|UF_X'] = true
    file.types[0].pipelines[0].stages[0].extra = 1
    expect(problemsOf(file)).toEqual(expect.arrayContaining([
      { path: '/token', rule: 'unknown_key' },
      { path: '/types/0/flags/isTeleportEnabled', rule: 'unknown_key' },
      { path: '/types/0/linkedUserFields/CRM_DEAL|UF_X', rule: 'unknown_key' },
      { path: '/types/0/pipelines/0/stages/0/extra', rule: 'unknown_key' },
    ]))
  })

  it('names missing keys, wrong types and values out of range', () => {
    const file = sample() as unknown as Record<string, any>
    delete file.types[0].code
    file.types[0].flags.isClientEnabled = 'Y'
    file.types[0].entityTypeId = 1031
    file.types[0].pipelines[0].stages[0].color = 'red'
    file.types[0].pipelines[0].stages[0].semantics = 'won'
    file.types[0].pipelines[0].stages[1].sort = 0
    expect(problemsOf(file)).toEqual([
      { path: '/types/0/code', rule: 'required' },
      { path: '/types/0/entityTypeId', rule: 'out_of_range' },
      { path: '/types/0/flags/isClientEnabled', rule: 'type' },
      { path: '/types/0/pipelines/0/stages/0/semantics', rule: 'enum' },
      { path: '/types/0/pipelines/0/stages/0/color', rule: 'pattern' },
      { path: '/types/0/pipelines/0/stages/1/sort', rule: 'minimum' },
    ])
  })

  it('wants smartProcess on a link to a smart process, and none on a standard type', () => {
    const file = sample()
    const type = file.types[0]!
    type.relations.child = [{ entityTypeId: 1032, isChildrenListEnabled: false }]
    type.relations.parent = [{ entityTypeId: 2, isChildrenListEnabled: true, smartProcess: { code: null, title: 'Deals' } }]
    expect(problemsOf(file)).toEqual([
      { path: '/types/0/relations/parent/0/smartProcess', rule: 'unknown_key' },
      { path: '/types/0/relations/child/0/smartProcess', rule: 'required' },
    ])
  })

  it('refuses blank titles and names', () => {
    const file = sample()
    file.types[0]!.title = '   '
    file.types[0]!.pipelines![0]!.name = ''
    expect(problemsOf(file).map(p => p.path)).toEqual(['/types/0/title', '/types/0/pipelines/0/name'])
  })

  it('refuses two types with one entityTypeId', () => {
    const file = sample()
    file.types.push({ ...file.types[0]!, title: 'Copy', code: 'copy' })
    expect(problemsOf(file)).toEqual([{ path: '/types/1/entityTypeId', rule: 'duplicate_type' }])
  })

  it('refuses two types with one code: the import could not tell them apart', () => {
    const file = sample()
    file.types.push({ ...file.types[0]!, entityTypeId: 1034, title: 'Copy', code: ' repairs ' })
    expect(problemsOf(file)).toEqual([{ path: '/types/1/code', rule: 'duplicate_code' }])
  })

  it('refuses two default pipelines in a type', () => {
    const file = sample()
    const p = file.types[0]!.pipelines![0]!
    file.types[0]!.pipelines!.push({ ...p, sourceId: 8, name: 'Second' })
    expect(problemsOf(file)).toEqual([{ path: '/types/0/pipelines/1/isDefault', rule: 'two_default_pipelines' }])
  })

  it('refuses two success stages in a pipeline, and two stages with one code', () => {
    const file = sample()
    const stages = file.types[0]!.pipelines![0]!.stages
    stages.push({ code: 'WON', name: 'Won', sort: 40, semantics: 'success', color: '#00FF00' })
    stages.push({ code: 'NEW', name: 'Again', sort: 50, semantics: 'process', color: '#00FF00' })
    expect(problemsOf(file)).toEqual([
      { path: '/types/0/pipelines/0/stages/3/semantics', rule: 'two_success_stages' },
      { path: '/types/0/pipelines/0/stages/4/code', rule: 'duplicate_stage_code' },
    ])
  })

  it('refuses a link listed twice, and a link of a type to itself', () => {
    const file = sample()
    const rel = file.types[0]!.relations
    rel.parent.push({ entityTypeId: 2, isChildrenListEnabled: false })
    rel.child.push({ entityTypeId: 1030, isChildrenListEnabled: false, smartProcess: { code: 'repairs', title: 'Equipment repairs' } })
    expect(problemsOf(file)).toEqual([
      { path: '/types/0/relations/parent/1/entityTypeId', rule: 'duplicate_relation' },
      { path: '/types/0/relations/child/1/entityTypeId', rule: 'self_relation' },
    ])
  })

  it('names at most 20 problems and counts the rest', () => {
    const file = sample() as unknown as Record<string, any>
    for (let i = 0; i < 30; i++)
      file.types[0].flags[`unknown${i}`] = true
    const e = errorOf(file)
    expect(e).toMatchObject({ code: 'invalid', more: 10 })
    expect(e.code === 'invalid' && e.problems.length).toBe(20)
  })

  it('cuts the path of a hostile, very long key', () => {
    const file = sample() as unknown as Record<string, any>
    file[`x${'A'.repeat(100_000)}`] = 1
    const [problem] = problemsOf(file)
    expect(problem!.path.length).toBeLessThanOrEqual(201)
  })

  it('refuses __proto__ and constructor keys as unknown, without touching prototypes', () => {
    const text = JSON.stringify(sample()).replace('"flags":{', '"flags":{"__proto__":{"polluted":true},"constructor":{"x":1},')
    const r = parseSetupFile(text, text.length)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.code === 'invalid' && r.error.problems.map(p => p.path)).toEqual(['/types/0/flags/__proto__', '/types/0/flags/constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('survives deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const text = JSON.stringify({ ...sample(), types: '@' }).replace('"@"', deep)
    expect(parseSetupFile(text, text.length)).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })

  it('keeps hostile titles and names as plain strings, unchanged', () => {
    const file = sample()
    const hostile = '<img src=x onerror="alert(1)">{{ constructor.constructor(\'alert(1)\')() }}${process.exit()}\u202Eevil'
    file.types[0]!.title = hostile
    file.types[0]!.code = '"; DROP TABLE b_crm_dynamic_type; --'
    file.types[0]!.pipelines![0]!.name = hostile
    file.types[0]!.pipelines![0]!.stages[0]!.name = hostile
    file.types[0]!.relations.child[0]!.smartProcess!.title = hostile
    const r = parse(stringifySetupFile(file))
    expect(r).toEqual({ ok: true, file })
    expect(r.ok && r.file.types[0]!.title).toBe(hostile)
  })
})

describe('the published schema', () => {
  const defs = (SETUP_FILE_SCHEMA as { $defs: Record<string, any> }).$defs

  it('allows exactly the flag keys of the catalogue (flags.ts)', () => {
    expect(Object.keys(defs.type.properties.flags.properties).sort()).toEqual([...FLAG_KEYS].sort())
    expect(defs.type.properties.flags.additionalProperties).toBe(false)
  })

  it('allows exactly the linkedUserFields keys (flags.ts)', () => {
    expect(Object.keys(defs.type.properties.linkedUserFields.properties).sort()).toEqual([...LINKED_USER_FIELD_KEYS].sort())
  })

  it('closes every object it describes', () => {
    const open: string[] = []
    const walk = (node: unknown, at: string) => {
      if (typeof node !== 'object' || node === null)
        return
      const n = node as Record<string, unknown>
      if (n.type === 'object' && n.additionalProperties !== false)
        open.push(at)
      for (const [k, v] of Object.entries(n))
        walk(v, `${at}/${k}`)
    }
    walk(SETUP_FILE_SCHEMA, '#')
    expect(open).toEqual([])
  })
})
