/**
 * The export (issue 18): a setup file from what the portal layer read of the
 * source portal. Pure; the file holds no token, no user and no item.
 */
import type { PipelineSetup, RelationSetup, SetupFile, StageSemantics, StageSetup, TargetPipeline, TargetType, TypeSetup } from './types'
import type { Relation } from '@/domain/types'
import { isSmartProcessId } from '@/domain/entity-type-id'
import { isFlagKey, LINKED_USER_FIELD_KEYS } from '@/domain/flags'
import { SETUP_FILE_KIND, SETUP_FILE_VERSION } from './types'

/** What the export is built from. */
export interface SetupExportInput {
  /** The source portal's domain, or null (never a token or a user). */
  portal: string | null
  now: Date
  /** The types to export, as the portal layer read them (relations whole, pipelines with stages or null). */
  types: TargetType[]
  /** Title and code of the smart processes the relations point to (the catalogue of the source). */
  typeNames: { entityTypeId: number, title: string, code: string | null }[]
}

/**
 * The colour a stage gets in the file when the source has none or one that
 * is not #RRGGBB (a stage added over REST without COLOR has ''): the colours
 * of the portal's default stages of that semantics (docs/platform.md "Stages").
 */
const FALLBACK_COLOR: Record<StageSemantics, string> = { process: '#88B9FF', success: '#00FF00', failure: '#FF0000' }

/** #RRGGBB from what the portal stored: `#abc` and `abc123` are read too. */
export function normalizeColor(color: string, semantics: StageSemantics): string {
  const c = color.trim().replace(/^#?/, '#')
  if (/^#[0-9A-Fa-f]{6}$/.test(c))
    return c.toUpperCase()
  if (/^#[0-9A-Fa-f]{3}$/.test(c))
    return `#${[...c.slice(1)].map(d => d + d).join('')}`.toUpperCase()
  return FALLBACK_COLOR[semantics]
}

/** Text as the file keeps it: trimmed (the portal trims titles and names on write). */
function text(value: string): string {
  return value.trim()
}

function bySortThenId<T extends { sort: number, id: number }>(a: T, b: T): number {
  return a.sort - b.sort || a.id - b.id
}

function stageSetup(s: TargetPipeline['stages'][number]): StageSetup {
  return { code: s.code, name: text(s.name), sort: s.sort, semantics: s.semantics, color: normalizeColor(s.color, s.semantics) }
}

function pipelineSetup(p: TargetPipeline): PipelineSetup {
  return {
    sourceId: p.id,
    name: text(p.name),
    sort: p.sort,
    isDefault: p.isDefault,
    stages: [...p.stages].sort(bySortThenId).map(stageSetup),
  }
}

/**
 * Builds the file. Per type: the flags and linkedUserFields the read carried;
 * the links the user made (predefined ones are the portal's and come back by
 * themselves; a link to the type itself or to a smart process the catalogue
 * does not know, a dangling one left by a deleted type, is left out), a
 * smart process target with its code and title so another portal can find it;
 * pipelines by sort, stages by sort, or null when they could not be read.
 * Types keep the order given.
 */
export function buildSetupFile(input: SetupExportInput): SetupFile {
  const names = new Map<number, { title: string, code: string | null }>()
  for (const t of input.types)
    names.set(t.entityTypeId, { title: t.title, code: t.code })
  for (const n of input.typeNames)
    names.set(n.entityTypeId, { title: n.title, code: n.code })

  const relation = (self: number) => (r: Relation): RelationSetup[] => {
    if (r.isPredefined || r.entityTypeId === self)
      return []
    if (!isSmartProcessId(r.entityTypeId))
      return [{ entityTypeId: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled }]
    const name = names.get(r.entityTypeId)
    if (!name || text(name.title) === '')
      return []
    return [{ entityTypeId: r.entityTypeId, isChildrenListEnabled: r.isChildrenListEnabled, smartProcess: { code: emptyToNull(name.code), title: text(name.title) } }]
  }
  const side = (list: readonly Relation[], self: number): RelationSetup[] => {
    const seen = new Set<number>()
    return [...list]
      .sort((a, b) => a.entityTypeId - b.entityTypeId)
      .filter(r => !seen.has(r.entityTypeId) && seen.add(r.entityTypeId))
      .flatMap(relation(self))
  }

  // A code goes with the first type that has it: the import matches by code, and a file with one code twice is refused.
  const codes = new Set<string>()
  const types: TypeSetup[] = input.types.map((t) => {
    let code = emptyToNull(t.code)
    if (code !== null && codes.has(code.trim()))
      code = null
    if (code !== null)
      codes.add(code.trim())
    const flags: TypeSetup['flags'] = {}
    for (const [key, value] of Object.entries(t.flags)) {
      if (isFlagKey(key) && typeof value === 'boolean')
        flags[key] = value
    }
    const linkedUserFields: TypeSetup['linkedUserFields'] = {}
    for (const key of LINKED_USER_FIELD_KEYS) {
      const value = t.linkedUserFields[key]
      if (typeof value === 'boolean')
        linkedUserFields[key] = value
    }
    return {
      entityTypeId: t.entityTypeId,
      title: text(t.title),
      code,
      flags,
      linkedUserFields,
      relations: { parent: side(t.relations.parent, t.entityTypeId), child: side(t.relations.child, t.entityTypeId) },
      pipelines: t.pipelines === null ? null : [...t.pipelines].sort(bySortThenId).map(pipelineSetup),
    }
  })

  return {
    kind: SETUP_FILE_KIND,
    version: SETUP_FILE_VERSION,
    exportedAt: input.now.toISOString(),
    source: { portal: portalHost(input.portal) },
    types,
  }
}

/** The portal as a bare host (`https://x.bitrix24.com/` → `x.bitrix24.com`); anything else is left out. */
function portalHost(portal: string | null): string | null {
  if (portal === null)
    return null
  const host = portal.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/s, '')
  return host.length <= 255 && /^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(host) ? host : null
}

function emptyToNull(code: string | null): string | null {
  return code === null || code.trim() === '' ? null : code
}

/** The file's name for the download: `smart-process-setup-<portal>-<yyyy-mm-dd>.json`, safe on every file system. */
export function setupFileName(file: SetupFile): string {
  const portal = (file.source.portal ?? 'portal').replace(/[^A-Za-z0-9.-]/g, '-')
  return `smart-process-setup-${portal}-${file.exportedAt.slice(0, 10)}.json`
}
