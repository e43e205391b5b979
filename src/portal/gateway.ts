import type { GatewayKind } from '@/domain/flags'
import type { Pipeline } from '@/domain/portal-rules'
import type { JournalPort } from './journal-port'
import type { SetupWrite, TargetState, WriteResult } from '@/domain/setup/types'
import type { BindOutcome, CrmTypeName, CurrentUser, NewType, PlacementBinding, PlacementBindRequest, SmartProcessType, TypeChanges, TypeRef } from '@/domain/types'

/** Everything a placement's first screen needs, read in one batched request. */
export interface PlacementSnapshot {
  type: SmartProcessType
  /** Every CRM type a relation can point to (standard ones and all smart processes). */
  typeNames: CrmTypeName[]
  user: CurrentUser
  /** The type's pipelines (crm.category.list); null when the wire has no way to read them or the read failed. */
  pipelines: Pipeline[] | null
}

/** Types read one by one, many at once (readTypes). */
export interface TypesRead {
  /** Each with relations and linkedUserFields; a type that does not exist is left out. */
  types: SmartProcessType[]
  /** Every CRM type a relation can point to; empty when not asked for (`names: false`). */
  names: CrmTypeName[]
  /** Each type's pipelines, with `pipelines: true` where the wire reads them; else null. */
  pipelines: Map<number, Pipeline[]> | null
}

export interface ReadTypesOptions {
  /** Also the names of every CRM type (always read when no ids are given). @default true */
  names?: boolean
  /** Also each type's pipelines (crm.category.list): pipelines off is refused while there are several. @default false */
  pipelines?: boolean
}

export interface BindProgress {
  done: number
  total: number
  /** `single`: the portal refused placement.bind inside a batch, so the rest go one at a time, paced. */
  mode?: 'batch' | 'single'
}

/**
 * The only way the app talks to a portal. Booleans and numbers in and out;
 * every failure is thrown as an AppError.
 */
export interface SmartProcessGateway {
  /** Which wire: it decides which flags exist (docs/platform.md "Flags"). */
  readonly kind: GatewayKind
  /** Every smart process, all pages; rows without relations and linkedUserFields. */
  listTypes: () => Promise<SmartProcessType[]>
  /** One type with relations and linkedUserFields. */
  getType: (entityTypeId: number) => Promise<SmartProcessType>
  createType: (input: NewType) => Promise<SmartProcessType>
  /** Sends only the keys present in `changes`; returns the type as the portal holds it after. */
  updateType: (ref: TypeRef, changes: TypeChanges) => Promise<SmartProcessType>
  deleteType: (ref: TypeRef) => Promise<void>
  countItems: (entityTypeId: number) => Promise<number>
  listPlacements: () => Promise<PlacementBinding[]>
  /**
   * Binds in batches of at most 50, one at a time where the portal refuses
   * that in a batch; already bound and bound again count as done.
   */
  bindPlacements: (requests: PlacementBindRequest[], onProgress?: (p: BindProgress) => void) => Promise<Map<string, BindOutcome>>
  unbindPlacements: (bindings: Pick<PlacementBinding, 'placement' | 'handler'>[]) => Promise<void>
  /** The user and both rights, with methods every user may call. */
  currentUser: () => Promise<CurrentUser>
  /** The names of every CRM type a relation can point to, with a method every user may call. */
  listTypeNames: () => Promise<CrmTypeName[]>
  /** The type, all type names and the user, in one request where the wire allows it. */
  loadPlacement: (entityTypeId: number) => Promise<PlacementSnapshot>
  /**
   * What the setup import plans against (issue 18): every smart process, or
   * the given ones, with flags, linkedUserFields, relations and (portal REST)
   * pipelines with their stages; the ids relations may point to. A type that
   * does not exist is left out. Batched where the wire allows it.
   */
  readTarget: (entityTypeIds?: number[]) => Promise<TargetState>
  /**
   * Many types read one by one (bulk changes, issue 20; the relation map,
   * issue 21): every smart process, or the given ones. Portal REST: one
   * crm.enum.ownertype when no ids are given, then batches of 50
   * crm.type.getByEntityTypeId (with pipelines: 25 types a batch), paced
   * under the rate limit; a batch failing as a whole throws.
   */
  readTypes: (entityTypeIds?: number[], options?: ReadTypesOptions) => Promise<TypesRead>
  /**
   * Sends the planned writes in their order (portal REST: batches of at most
   * 50, one at a time, paced under the rate limit) and answers one result per
   * write, in the same order; one write failing does not stop the others.
   * Never throws for a write's failure: it is in that write's result.
   * `onProgress` gets (0, total) first, then the count answered after each request.
   */
  applyWrites: (writes: SetupWrite[], onProgress?: (done: number, total: number) => void) => Promise<WriteResult[]>
  /**
   * The history journal (issue 19), fetched with the history, never with
   * the first screen. Portal REST: the app's storage (scope `entity`); the
   * vibecode gateway has none and throws not_supported.
   */
  openJournal: () => Promise<JournalPort>
}
