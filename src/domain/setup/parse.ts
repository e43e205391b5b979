/**
 * Reading a setup file from untrusted text (issue 18): size first, then JSON,
 * then kind and version, then the published JSON Schema, then the rules a
 * schema cannot express. Nothing of the file is ever run or rendered as
 * markup: titles and names stay plain strings.
 *
 * The validator interprets the schema (no eval, no `new Function`): the
 * app's Content-Security-Policy has no 'unsafe-eval' (README "Deploy").
 */
import type { OutputUnit, Schema } from '@cfworker/json-schema'
import type { SetupFile, SetupFileError, SetupFileProblem } from './types'
import { Validator } from '@cfworker/json-schema'
import schema from './setup-file.schema.json'
import { SETUP_FILE_KIND, SETUP_FILE_MAX_BYTES, SETUP_FILE_VERSION } from './types'

export type { SetupFileError, SetupFileProblem } from './types'

/** The published schema (docs/setup-file.md links to it). */
export const SETUP_FILE_SCHEMA = schema as unknown as Schema

/** At most this many problems are named; `more` counts the rest. */
const MAX_PROBLEMS = 20
/** A hostile key can be megabytes long: paths are cut to this. */
const MAX_PATH = 200

let validator: Validator | null = null

function schemaValidator(): Validator {
  // Built on first use: dereferencing the schema is cheap, but nobody pays it at import.
  validator ??= new Validator(SETUP_FILE_SCHEMA, '2020-12', false)
  return validator
}

/** Keywords that only say "something below failed": the error below names the place. */
const CONTAINER_KEYWORDS = new Set(['properties', 'items', 'prefixItems', '$ref', 'additionalProperties', 'if', 'then', 'else', 'allOf'])

/** A plain JSON pointer from the validator's URI fragment (`#/a%7Cb` → `/a|b`). */
function shortPath(pointer: string): string {
  let path = pointer.replace(/^#/, '') || '/'
  try {
    path = decodeURI(path).replace(/%23/g, '#')
  }
  catch {
    // A key with a lone surrogate cannot be decoded: keep the encoded form.
  }
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path
}

/** The leaf errors of the validator's output, one per place (the first rule broken there). */
function schemaProblems(errors: readonly OutputUnit[]): SetupFileProblem[] {
  const seen = new Set<string>()
  const out: SetupFileProblem[] = []
  const anyOfAt = new Set<string>()
  for (const e of errors) {
    if (CONTAINER_KEYWORDS.has(e.keyword))
      continue
    // The branches of an anyOf (the entityTypeId ranges) say the same thing again.
    if (e.keywordLocation.includes('/anyOf/') && anyOfAt.has(e.instanceLocation))
      continue
    let path = e.instanceLocation
    let rule: string = e.keyword
    if (e.keyword === 'anyOf') {
      anyOfAt.add(e.instanceLocation)
      rule = 'out_of_range'
    }
    else if (e.keyword === 'false') {
      // additionalProperties: false (and smartProcess on a standard type): the key is not in the format.
      rule = 'unknown_key'
    }
    else if (e.keyword === 'required') {
      const key = /required property "(.*)"\.$/s.exec(e.error)?.[1]
      if (key !== undefined)
        path = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`
    }
    // One problem per place: an empty name breaks minLength and pattern alike.
    if (seen.has(path))
      continue
    seen.add(path)
    out.push({ path: shortPath(path), rule })
  }
  return out
}

/** Rules of version 1 the schema cannot say: ids, codes and names unique where matching or the portal needs them unique. */
function semanticProblems(file: SetupFile): SetupFileProblem[] {
  const out: SetupFileProblem[] = []
  const typeIds = new Set<number>()
  const codes = new Set<string>()
  file.types.forEach((type, i) => {
    const at = `/types/${i}`
    if (typeIds.has(type.entityTypeId))
      out.push({ path: `${at}/entityTypeId`, rule: 'duplicate_type' })
    typeIds.add(type.entityTypeId)
    // The import matches types by code: two types with one code could not be told apart.
    const code = type.code?.trim()
    if (code) {
      if (codes.has(code))
        out.push({ path: `${at}/code`, rule: 'duplicate_code' })
      codes.add(code)
    }
    for (const side of ['parent', 'child'] as const) {
      const seen = new Set<number>()
      type.relations[side].forEach((r, j) => {
        if (r.entityTypeId === type.entityTypeId)
          out.push({ path: `${at}/relations/${side}/${j}/entityTypeId`, rule: 'self_relation' })
        else if (seen.has(r.entityTypeId))
          out.push({ path: `${at}/relations/${side}/${j}/entityTypeId`, rule: 'duplicate_relation' })
        seen.add(r.entityTypeId)
      })
    }
    let defaults = 0
    type.pipelines?.forEach((p, j) => {
      const pat = `${at}/pipelines/${j}`
      if (p.isDefault && ++defaults > 1)
        out.push({ path: `${pat}/isDefault`, rule: 'two_default_pipelines' })
      let successes = 0
      const codes = new Set<string>()
      p.stages.forEach((s, k) => {
        // One S stage per dictionary (docs/platform.md "Stages": crm.status.add).
        if (s.semantics === 'success' && ++successes > 1)
          out.push({ path: `${pat}/stages/${k}/semantics`, rule: 'two_success_stages' })
        // STATUS_ID is unique in its dictionary: a second one would be refused.
        if (codes.has(s.code))
          out.push({ path: `${pat}/stages/${k}/code`, rule: 'duplicate_stage_code' })
        codes.add(s.code)
      })
    })
  })
  return out
}

function invalid(problems: SetupFileProblem[]): { ok: false, error: SetupFileError } {
  return { ok: false, error: { code: 'invalid', problems: problems.slice(0, MAX_PROBLEMS), more: Math.max(0, problems.length - MAX_PROBLEMS) } }
}

/**
 * Reads a setup file. `byteLength` is the file's size in bytes (File.size):
 * a file over SETUP_FILE_MAX_BYTES is refused before it is parsed. A leading
 * byte order mark is allowed. Promises: never throws; `ok` means the value
 * follows the published schema and the rules above, so the planner may trust
 * its shape (its strings are still the user's text).
 */
export function parseSetupFile(text: string, byteLength: number): { ok: true, file: SetupFile } | { ok: false, error: SetupFileError } {
  if (byteLength > SETUP_FILE_MAX_BYTES || text.length > SETUP_FILE_MAX_BYTES)
    return { ok: false, error: { code: 'too_big', byteLength: Math.max(byteLength, text.length), maxBytes: SETUP_FILE_MAX_BYTES } }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  }
  catch {
    return { ok: false, error: { code: 'not_json' } }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: { code: 'not_setup' } }
  const record = value as Record<string, unknown>
  if (record.kind !== SETUP_FILE_KIND)
    return { ok: false, error: { code: 'not_setup' } }
  const version = record.version
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > SETUP_FILE_VERSION)
    return { ok: false, error: { code: 'newer_version', version } }
  if (version !== SETUP_FILE_VERSION)
    return { ok: false, error: { code: 'bad_version' } }
  const result = schemaValidator().validate(value)
  if (!result.valid)
    return invalid(schemaProblems(result.errors))
  const file = value as SetupFile
  const problems = semanticProblems(file)
  if (problems.length > 0)
    return invalid(problems)
  return { ok: true, file }
}

/** A file as text: two-space JSON with a final newline, what the export downloads. */
export function stringifySetupFile(file: SetupFile): string {
  return `${JSON.stringify(file, null, 2)}\n`
}
