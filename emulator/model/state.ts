import type { Flags, LinkedUserFields } from '../../src/domain/flags'

/** A smart process type as the portal stores it (booleans inside; Y/N only on the wire). */
export interface TypeRecord {
  id: number
  entityTypeId: number
  title: string
  code: string
  createdBy: number
  createdTime: number
  updatedBy: number
  updatedTime: number
  customSectionId: number | null
  flags: Flags
  linkedUserFields: LinkedUserFields
  /** False right after crm.type.add, true once "stages are generated" (on the next access). */
  isInitialized: boolean
}

/**
 * One relation between two CRM types. Stored once and read from both ends,
 * which is what makes relations bidirectional (docs/platform.md "Relations"): the parent's
 * `relations.child` and the child's `relations.parent` are the same edge.
 */
export interface Edge {
  parent: number
  child: number
  /** Whether the parent's card lists the child's items. */
  isChildrenListEnabled: boolean
  /** Added by the portal (isClientEnabled → parents 3 and 4); cannot be changed. */
  isPredefined: boolean
}

/** A CRM item of any type (deals, contacts, smart process items). */
export interface ItemRecord {
  id: number
  entityTypeId: number
  title: string
  createdBy: number
  createdTime: number
  updatedTime: number
  /** `parentId{N}` links: N → item id. */
  parents: Record<string, number>
  /** The pipeline (crm.category) of a smart process item; absent: the type's default one (data files written before pipelines). */
  categoryId?: number
}

/**
 * A pipeline (crm.category.*) of a smart process. Every smart process has a
 * default one, even with isCategoriesEnabled N (crm/lib/Service/Factory.php
 * createDefaultCategoryIfNotExist; docs/platform.md "Flags").
 */
export interface CategoryRecord {
  id: number
  entityTypeId: number
  name: string
  sort: number
  isDefault: boolean
}

/**
 * A stage of a smart process pipeline: one row of the CRM dictionaries
 * (b_crm_status, crm.status.*). Each pipeline has its own dictionary,
 * ENTITY_ID `DYNAMIC_<entityTypeId>_STAGE_<categoryId>`, and its STATUS_IDs
 * carry the prefix `DT<entityTypeId>_<categoryId>:` (stages.ts).
 */
export interface StageRecord {
  id: number
  entityId: string
  statusId: string
  name: string
  /** The name it was created with for system stages; '' for stages added over REST (CCrmStatus::Add). */
  nameInit: string
  sort: number
  system: boolean
  /** Set for the default stages of a pipeline; a stage added over REST keeps what CATEGORY_ID said, else 0. */
  categoryId: number
  /** '#rrggbb', or '' when none was given. */
  color: string
  /** 'S' success, 'F' failure, null in progress (crm-status-list.md). */
  semantics: 'S' | 'F' | null
}

/**
 * An item in the recycle bin: crm.item.delete of a type with
 * isRecyclebinEnabled Y moves it there (crm/lib/Recycling/DynamicController.php moveToBin).
 */
export interface RecycleBinEntry {
  entityTypeId: number
  item: ItemRecord
  deletedBy: number
  /** Milliseconds since the epoch. */
  deletedAt: number
}

/** A bound placement handler (placement.bind). */
export interface PlacementRecord {
  placement: string
  handler: string
  title: string
  description: string
  /** LANG_ALL as sent: { en: { TITLE, DESCRIPTION?, GROUP_NAME? } }. */
  langAll: Record<string, Record<string, string>>
  options: Record<string, unknown>
  userId: number
}

/** An access level of an app storage (api-reference/entity/index.md "Уровни прав доступа"): read, write, manage. */
export type EntityRight = 'R' | 'W' | 'X'

/** A property of a storage's items (entity.item.property.*): S string, N number, F file. */
export interface EntityPropertyRecord {
  id: number
  code: string
  name: string
  type: 'S' | 'N' | 'F'
  sort: number
}

/** An item of a storage (entity.item.*): an iblock element. Dates in ms; property values by property id, so a renamed property keeps them. */
export interface EntityItemRecord {
  id: number
  name: string
  active: boolean
  sort: number
  code: string | null
  previewText: string | null
  detailText: string | null
  dateActiveFrom: number | null
  dateActiveTo: number | null
  section: number | null
  createdBy: number
  modifiedBy: number
  createdTime: number
  updatedTime: number
  values: Record<string, string>
}

/**
 * An app's data storage (entity.*): on a portal an information block of type
 * rest_entity with CODE `APP_<clientId>_<ENTITY>` (rest/classes/general/rest_entity.php).
 * The emulator has one app, so ENTITY alone names it.
 */
export interface EntityStorageRecord {
  id: number
  entity: string
  name: string
  /** Access code → level, in the order the portal prints them (entity.rights). */
  access: Record<string, EntityRight>
  properties: EntityPropertyRecord[]
  items: EntityItemRecord[]
}

/** Everything that persists between restarts (the PORTAL_DATA file). */
export interface PortalState {
  version: 1
  memberId: string
  types: TypeRecord[]
  edges: Edge[]
  items: ItemRecord[]
  placements: PlacementRecord[]
  appOptions: Record<string, unknown>
  /** Next crm.type record id. */
  nextTypeId: number
  /** Every entityTypeId ever assigned to a smart process: never reused after delete (seed 004). */
  usedEntityTypeIds: number[]
  /** Next item id per entityTypeId (each CRM type numbers its own items). */
  nextItemIds: Record<string, number>
  /** Whether installFinish has been called. */
  installed: boolean
  /**
   * APPLICATION_TOKEN of the handler POST (widgets/crm/detail-tab.md): fixed
   * per portal state. Optional so data files written before it still load.
   */
  applicationToken?: string
  /** Pipelines of the smart processes. Optional so older data files load: a type without any gets its default one on first use. */
  categories?: CategoryRecord[]
  /** Next crm.category id (one sequence for the portal, as b_crm_item_category numbers them). */
  nextCategoryId?: number
  /** The recycle bin. Optional so older data files load (empty). */
  recycleBin?: RecycleBinEntry[]
  /** The app's storages (entity.*). Optional so older data files load (none). */
  entityStorages?: EntityStorageRecord[]
  /** Next storage id, item id and property id: one sequence each for the portal, as b_iblock, b_iblock_element and b_iblock_property number their rows. */
  nextEntityIds?: { storage: number, item: number, property: number }
  /** Stages of the pipelines. Optional so older data files load: their pipelines get the default stages when the portal starts. */
  stages?: StageRecord[]
  /** Next crm.status ID (one sequence for the portal, as b_crm_status numbers its rows). */
  nextStageId?: number
}

/** Standard CRM types and their names (docs/platform.md "Types"). */
export const STANDARD_TYPES = [
  { entityTypeId: 1, title: 'Lead', symbol: 'LEAD', short: 'L' },
  { entityTypeId: 2, title: 'Deal', symbol: 'DEAL', short: 'D' },
  { entityTypeId: 3, title: 'Contact', symbol: 'CONTACT', short: 'C' },
  { entityTypeId: 4, title: 'Company', symbol: 'COMPANY', short: 'CO' },
  { entityTypeId: 7, title: 'Estimate', symbol: 'QUOTE', short: 'Q' },
  { entityTypeId: 31, title: 'Invoice', symbol: 'SMART_INVOICE', short: 'SI' },
] as const

export function isStandardType(entityTypeId: number): boolean {
  return STANDARD_TYPES.some(t => t.entityTypeId === entityTypeId)
}

/** Whether `entityTypeId` names a CRM type that exists now (standard or a smart process). */
export function typeExists(state: PortalState, entityTypeId: number): boolean {
  return isStandardType(entityTypeId) || state.types.some(t => t.entityTypeId === entityTypeId)
}
