/**
 * A smart process's whole setup, carried between portals (issue 18): the
 * setup file, what the app reads of a target portal, and the plan of writes
 * that brings the target to the file. Pure types, no Vue, no I/O.
 * The file format is published in docs/setup-file.md; its JSON Schema is
 * src/domain/setup/setup-file.schema.json (the one parse.ts validates with).
 */
import type { AppErrorCode } from '@/domain/errors'
import type { FlagKey, LinkedUserFieldKey, LinkedUserFields } from '@/domain/flags'
import type { RelationSet, RelationSide, TypeChanges } from '@/domain/types'

export const SETUP_FILE_KIND = 'smart-process-studio/setup'
export const SETUP_FILE_VERSION = 1
/** Bigger files are refused before parsing. */
export const SETUP_FILE_MAX_BYTES = 2 * 1024 * 1024

/** The file: versioned, no tokens, no user data, no items. */
export interface SetupFile {
  kind: typeof SETUP_FILE_KIND
  version: typeof SETUP_FILE_VERSION
  /** ISO 8601. */
  exportedAt: string
  /** Where it came from: the portal's domain when known (never a token or a user). */
  source: { portal: string | null }
  types: TypeSetup[]
}

export interface TypeSetup {
  /** The entityTypeId on the source portal: kept on the target when free and allowed. */
  entityTypeId: number
  title: string
  code: string | null
  /** The flags the source gateway carried, and only those. */
  flags: Partial<Record<FlagKey, boolean>>
  linkedUserFields: Partial<Record<LinkedUserFieldKey, boolean>>
  /** Links the user made; predefined ones (set by Bitrix24, e.g. by isClientEnabled) are left out. */
  relations: { parent: RelationSetup[], child: RelationSetup[] }
  /** Pipelines with their stages; null when the source could not read them (vibecode gateway). */
  pipelines: PipelineSetup[] | null
}

export interface RelationSetup {
  /** Standard CRM types keep their id on every portal; a smart process's id is the source's. */
  entityTypeId: number
  isChildrenListEnabled: boolean
  /** Present for smart processes: how to find the same type on another portal. */
  smartProcess?: { code: string | null, title: string }
}

export interface PipelineSetup {
  /** crm.category id on the source: for reference only. */
  sourceId: number
  name: string
  sort: number
  isDefault: boolean
  stages: StageSetup[]
}

export type StageSemantics = 'process' | 'success' | 'failure'

export interface StageSetup {
  /** The stage's code without the portal's prefix: NEW, PREPARATION, SUCCESS, or a code made on the source. */
  code: string
  name: string
  sort: number
  semantics: StageSemantics
  /** #RRGGBB */
  color: string
}

/** One pipeline of a target type as read, with its stages. */
export interface TargetPipeline {
  id: number
  name: string
  sort: number
  isDefault: boolean
  stages: TargetStage[]
}

export interface TargetStage {
  /** crm.status record id (crm.status.update / delete take it). */
  id: number
  /** Code without prefix. */
  code: string
  name: string
  sort: number
  semantics: StageSemantics
  color: string
  /** A system stage (NEW, SUCCESS, FAIL): renamed, never deleted. */
  system: boolean
}

/** A smart process of the target portal as the planner needs it. */
export interface TargetType {
  id: number
  entityTypeId: number
  title: string
  code: string | null
  flags: Partial<Record<FlagKey, boolean>>
  linkedUserFields: Partial<Record<LinkedUserFieldKey, boolean>>
  /** The full set as read (predefined links included: they are kept on write). */
  relations: RelationSet
  /** null when the gateway cannot read pipelines. */
  pipelines: TargetPipeline[] | null
}

/** What the app reads of the target before planning. */
export interface TargetState {
  types: TargetType[]
  /** Every entityTypeId known on the target (standard types and smart processes): for relation targets. */
  knownEntityTypeIds: number[]
  /** Whether the gateway reads and writes pipelines and stages (portal REST yes, vibecode gateway no). */
  pipelinesSupported: boolean
  /**
   * The flags the target's gateway takes on add and update: `settableFlags(gateway)`
   * of flags.ts. A flag of the file outside it is not written and shows in
   * `TypePlan.kept` ('not_settable'), so a REST target is never sent
   * isPaymentsEnabled and the plan stays honest. Absent: every flag is written.
   */
  settableFlags?: readonly FlagKey[]
}

/** "Merge" adds and renames, never removes; "exact" also removes what the file lacks (confirmed by title). */
export type ImportMode = 'merge' | 'exact'

/** The user's choices over a plan. */
export interface ImportChoices {
  mode: ImportMode
  /**
   * Per file type (by its source entityTypeId): create it, update a target
   * type (by target entityTypeId), or skip it. Absent: the planner's match.
   */
  targets: Record<number, { kind: 'create' } | { kind: 'update', entityTypeId: number } | { kind: 'skip' }>
  /**
   * Per unresolved relation target (the file's smart process, by source
   * entityTypeId): a target entityTypeId, or drop the link. Absent: dropped
   * and said so. A type of the same file being created resolves itself.
   */
  relationTargets: Record<number, { kind: 'map', entityTypeId: number } | { kind: 'drop' }>
}

/** One write, as the apply loop sends it (the portal layer maps it to REST). */
export type SetupWrite =
  | {
    kind: 'create_type'
    sourceEntityTypeId: number
    entityTypeId: number | null
    title: string
    code: string | null
    flags: Partial<Record<FlagKey, boolean>>
    /** All three keys, only with flags.isUseInUserfieldEnabled true (docs/platform.md "linkedUserFields"); absent: leave the defaults. */
    linkedUserFields?: LinkedUserFields
  }
  | {
    kind: 'update_type'
    entityTypeId: number
    id: number
    changes: TypeChanges
    /**
     * Portal REST: only these relation sides are sent; the portal keeps the
     * other as it holds it (docs/platform.md "Relations"). Absent: both. The
     * vibecode gateway overwrites both whatever is sent.
     */
    sides?: readonly RelationSide[]
  }
  | { kind: 'add_pipeline', entityTypeId: number, name: string, sort: number, isDefault: boolean }
  | { kind: 'update_pipeline', entityTypeId: number, id: number, name: string, sort: number, isDefault?: boolean }
  | { kind: 'delete_pipeline', entityTypeId: number, id: number }
  | { kind: 'add_stage', entityTypeId: number, categoryId: number, code: string, name: string, sort: number, semantics: StageSemantics, color: string }
  | { kind: 'update_stage', entityTypeId: number, id: number, name: string, sort: number, color: string }
  | { kind: 'delete_stage', entityTypeId: number, id: number }

/**
 * How one write ended, in the order the writes were given. Creates tell the
 * new record: create_type its `id` and `entityTypeId`, add_pipeline the
 * category `id`, add_stage the crm.status `id`. A failure carries an AppError
 * code (`not_supported` for pipelines and stages on the vibecode gateway) and
 * the portal's own text.
 */
export type WriteResult =
  | { ok: true, id?: number, entityTypeId?: number }
  | { ok: false, error: AppErrorCode, detail: string }

/** One line of the diff the user sees before applying. */
export interface SetupChange {
  /** What it touches: a field key, 'relation', 'pipeline', 'stage'. */
  what: string
  kind: 'add' | 'change' | 'remove'
  /** Human-free data for the view to phrase: names, values before and after. */
  before?: unknown
  after?: unknown
  /** Names the thing (a pipeline's or stage's name, a related type's title). */
  name?: string
  /** A stage's line: the name of its pipeline (the file's name). */
  pipeline?: string
}

/**
 * Why a difference between the file and the target is left as the target has it:
 * - `not_settable`: the target's gateway does not take this flag (TargetState.settableFlags).
 * - `needs_userfield_flag`: linkedUserFields count only with isUseInUserfieldEnabled on, and it ends up off.
 * - `merge_keeps`: merge mode keeps a matched type's title and code (exact mode, or choosing the target, sets them).
 * - `code_taken`: another type of the target already has this code.
 * - `more_than_one_pipeline`: pipelines cannot be turned off while the type has more than one (docs/platform.md "Pipelines and the recycle bin").
 * - `default_pipeline`: the default pipeline is never deleted (exact mode).
 * - `system_stage`: NEW, SUCCESS and FAIL are renamed, never deleted (exact mode).
 * - `semantics_fixed`: a stage's semantics cannot change once it exists (crm.status.update drops SEMANTICS, docs/platform.md "Stages").
 * - `one_success_stage`: a pipeline holds one success stage, and the target's is taken by another stage.
 */
export type KeptReason =
  | 'not_settable'
  | 'needs_userfield_flag'
  | 'merge_keeps'
  | 'code_taken'
  | 'more_than_one_pipeline'
  | 'default_pipeline'
  | 'system_stage'
  | 'semantics_fixed'
  | 'one_success_stage'

/** A difference the import will not write, and why: shown so that nothing is left unsaid. */
export interface KeptDifference extends SetupChange {
  reason: KeptReason
}

/** The plan for one type of the file. */
export interface TypePlan {
  sourceEntityTypeId: number
  title: string
  action: 'create' | 'update' | 'skip'
  /** The target's entityTypeId (update), or the one a create asks for (null: the portal picks). */
  entityTypeId: number | null
  /** Create: the source's id could not be kept (taken or outside the allowed ranges): say so. */
  idChanged: boolean
  /** How the target type was found: 'code', 'title', 'chosen', or none (create). */
  matchedBy: 'code' | 'title' | 'chosen' | null
  changes: SetupChange[]
  /** Differences the import leaves as the target has them (they do not count for nothingToChange). */
  kept: KeptDifference[]
  /** Relations to smart processes the target lacks and the user has not resolved. */
  unresolved: { entityTypeId: number, title: string, code: string | null, side: 'parent' | 'child' }[]
  /** Pipelines and stages cannot be carried by this gateway: said in the plan, skipped. */
  pipelinesSkipped: boolean
}

export interface SetupPlan {
  types: TypePlan[]
  /** Nothing at all would change: applying the same file again says so. */
  nothingToChange: boolean
}

/** One thing wrong with a file: a JSON pointer into it (`/types/0/flags/isFooEnabled`) and the rule it breaks. */
export interface SetupFileProblem {
  path: string
  /**
   * The JSON Schema keyword that failed (`unknown_key` for additionalProperties,
   * `required`, `type`, `pattern`, `maxLength`, ...) or a rule the schema cannot
   * express: `duplicate_type`, `duplicate_code`, `two_default_pipelines`, `two_success_stages`,
   * `duplicate_stage_code`, `duplicate_relation`, `self_relation`.
   */
  rule: string
}

/** Why a file was refused, before any plan. */
export type SetupFileError =
  | { code: 'too_big', byteLength: number, maxBytes: number }
  | { code: 'not_json' }
  | { code: 'not_setup' }
  | { code: 'newer_version', version: number }
  | { code: 'bad_version' }
  /** The first problems found (at most 20), and how many more there were. */
  | { code: 'invalid', problems: SetupFileProblem[], more: number }

/** How one type ended after applying. */
export interface TypeOutcome {
  sourceEntityTypeId: number
  title: string
  entityTypeId: number | null
  result: 'applied' | 'partial' | 'failed' | 'unchanged'
  /** Partial: what did not stick, as plan `what` names; failed: the reason (an AppError code). */
  missed: string[]
  error: string | null
}
