import type { FlagKey, Flags, LinkedUserFields } from './flags'

/** A link between this type and another CRM type, as the app sees it (booleans, numbers). */
export interface Relation {
  entityTypeId: number
  isChildrenListEnabled: boolean
  /** Set by the portal (e.g. contacts and companies added by isClientEnabled); cannot be changed. */
  isPredefined: boolean
}

/** `relations` of a type: parents own this type's items, children are owned by them. */
export interface RelationSet {
  parent: Relation[]
  child: Relation[]
}

export type RelationSide = keyof RelationSet

/** A smart process type as the app holds it: booleans inside, Y/N only on the wire. */
export interface SmartProcessType extends Flags {
  /** The type record id: crm.type.update/delete/get take this one. */
  id: number
  /** The CRM entity type id: placements, items and relations use this one. */
  entityTypeId: number
  title: string
  code: string | null
  isInitialized: boolean
  createdBy: number | null
  updatedBy: number | null
  createdTime: string | null
  /** Changes on every write: used to detect edits made elsewhere. */
  updatedTime: string | null
  customSectionId: number | null
  /** Present when read one by one (crm.type.get); list rows omit it. */
  relations?: RelationSet
  /** Present when read one by one; list rows omit it. */
  linkedUserFields?: LinkedUserFields
  /**
   * The flags the record carried. A gateway returns only some (portal REST
   * has no isRecurringEnabled, docs/platform.md "Flags"); a flag it did not
   * carry holds the catalogue default and can be neither shown nor verified.
   * Absent: every flag was carried.
   */
  carriedFlags?: readonly FlagKey[]
}

/** Ids that address a type: REST wants `id`, the vibecode gateway `entityTypeId`. */
export interface TypeRef {
  id: number
  entityTypeId: number
}

/** The fields a user can change; an update sends only the keys present. */
export type TypeChanges = Partial<Flags> & {
  title?: string
  code?: string | null
  /** Full overwrite on the portal: always the whole merged set. */
  relations?: RelationSet
  /** Full overwrite on the portal: always all three keys. */
  linkedUserFields?: LinkedUserFields
}

/** What creating a type takes. */
export type NewType = Partial<Flags> & {
  title: string
  code?: string | null
  entityTypeId?: number
  relations?: RelationSet
  linkedUserFields?: LinkedUserFields
}

/** Any CRM type a relation can point to: standard ones and smart processes. */
export interface CrmTypeName {
  entityTypeId: number
  title: string
  isStandard: boolean
}

/**
 * The user and the two rights the app tells apart (docs/platform.md "Rights").
 */
export interface CurrentUser {
  id: number
  name: string
  /** Portal administrator (profile.ADMIN): may install and repair the app's placements. */
  isAdmin: boolean
  /** Administrative access to the CRM section: may create, change and delete smart processes. */
  canEditTypes: boolean
}

/** A placement handler bound on the portal (placement.get). */
export interface PlacementBinding {
  placement: string
  handler: string
  title: string
}

export interface PlacementBindRequest {
  placement: string
  handler: string
  /** Titles by language (LANG_ALL): { en: {TITLE}, ru: {TITLE} }. */
  titles: Record<string, string>
}

/** `rebound`: the placement took one handler of the app only, so the old one was unbound first. */
export type BindOutcome = 'bound' | 'already_bound' | 'rebound' | 'failed'
