/**
 * The catalogue of smart process feature flags. One source of truth: it
 * drives the toggles, their labels (i18n keys derived from the key), which
 * gateway takes which flag, the wire mapping (Y/N on portal REST, booleans
 * on the vibecode gateway) and the emulator's defaults.
 *
 * Which flags exist depends on the gateway (docs/platform.md "Flags"):
 * portal REST takes 14 (crm.type.add/update tables, crm.type.fields) and
 * returns two more as system fields (isPaymentsEnabled, isCountersEnabled,
 * api-reference/crm/data-types.md); the vibecode gateway (seed 000) takes
 * 17. isCrmTrackingEnabled is in neither, so it is not here.
 */

/** Groups in the order the settings screen shows them. */
export const FLAG_GROUPS = [
  'pipelines',
  'card_fields',
  'products_payments',
  'automation',
  'documents',
  'access',
  'visibility',
] as const

export type FlagGroup = (typeof FLAG_GROUPS)[number]

/** What turning a flag on or off does elsewhere, told to the user before saving. */
export type FlagSideEffect =
  | 'adds_client_links' // on: predefined parents 3 (contacts) and 4 (companies), docs/platform.md "Relations"
  | 'hides_pipelines' // off: custom pipelines disappear from the type
  | 'hides_kanban' // off: stages and the kanban disappear
  | 'needs_empty_recyclebin' // off: refused while the bin holds items of the type (docs/platform.md "Flags")

/**
 * What a gateway does with a flag: `settable` (taken on add/update and read
 * back), `system` (read back, never written: "set by Bitrix24"), `absent`
 * (neither: no switch).
 */
export type FlagAvailability = 'settable' | 'system' | 'absent'

/** The two ways the app reaches a portal. */
export type GatewayKind = 'rest' | 'vibecode'

export interface FlagSpec {
  key: string
  group: FlagGroup
  default: boolean
  /** Portal REST (`/rest/crm.type.*`). */
  rest: FlagAvailability
  /** The vibecode gateway (`/v1/smart-processes`, seed 000). */
  vibecode: FlagAvailability
  /** Side effects when turned on. */
  onEnable: readonly FlagSideEffect[]
  /** Side effects when turned off. */
  onDisable: readonly FlagSideEffect[]
}

export const FLAGS = [
  { key: 'isCategoriesEnabled', group: 'pipelines', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: ['hides_pipelines'] },
  { key: 'isStagesEnabled', group: 'pipelines', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: ['hides_kanban'] },
  { key: 'isBeginCloseDatesEnabled', group: 'card_fields', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isClientEnabled', group: 'card_fields', default: false, rest: 'settable', vibecode: 'settable', onEnable: ['adds_client_links'], onDisable: [] },
  { key: 'isMycompanyEnabled', group: 'card_fields', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isObserversEnabled', group: 'card_fields', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isSourceEnabled', group: 'card_fields', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isRecurringEnabled', group: 'card_fields', default: false, rest: 'absent', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isLinkWithProductsEnabled', group: 'products_payments', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isPaymentsEnabled', group: 'products_payments', default: false, rest: 'system', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isAutomationEnabled', group: 'automation', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isBizProcEnabled', group: 'automation', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isDocumentsEnabled', group: 'documents', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isRecyclebinEnabled', group: 'documents', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: ['needs_empty_recyclebin'] },
  { key: 'isSetOpenPermissions', group: 'access', default: true, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isUseInUserfieldEnabled', group: 'visibility', default: false, rest: 'settable', vibecode: 'settable', onEnable: [], onDisable: [] },
  { key: 'isCountersEnabled', group: 'visibility', default: false, rest: 'system', vibecode: 'settable', onEnable: [], onDisable: [] },
] as const satisfies readonly FlagSpec[]

export type FlagKey = (typeof FLAGS)[number]['key']

/** Every flag of a type, as booleans. */
export type Flags = Record<FlagKey, boolean>

export const FLAG_KEYS: readonly FlagKey[] = FLAGS.map(f => f.key)

export function isFlagKey(key: string): key is FlagKey {
  return (FLAG_KEYS as readonly string[]).includes(key)
}

/** The flags a new type gets when nothing is said (isSetOpenPermissions is the only true one). */
export function defaultFlags(): Flags {
  return Object.fromEntries(FLAGS.map(f => [f.key, f.default])) as Flags
}

/** i18n key stem of a flag: `settings.flags.is_client_enabled` → `.label`, `.description`. */
export function flagI18nKey(key: FlagKey): string {
  return `settings.flags.${key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)}`
}

/**
 * The linkedUserFields catalogue: exactly these three keys (docs/platform.md "linkedUserFields").
 * Labels: "show in tasks", "in task templates", "in calendar events".
 */
export const LINKED_USER_FIELDS = [
  { key: 'TASKS_TASK|UF_CRM_TASK', i18nKey: 'settings.linked.tasks' },
  { key: 'TASKS_TASK_TEMPLATE|UF_CRM_TASK', i18nKey: 'settings.linked.task_templates' },
  { key: 'CALENDAR_EVENT|UF_CRM_CAL_EVENT', i18nKey: 'settings.linked.calendar_events' },
] as const

export type LinkedUserFieldKey = (typeof LINKED_USER_FIELDS)[number]['key']
export type LinkedUserFields = Record<LinkedUserFieldKey, boolean>

export const LINKED_USER_FIELD_KEYS: readonly LinkedUserFieldKey[] = LINKED_USER_FIELDS.map(f => f.key)

export function defaultLinkedUserFields(): LinkedUserFields {
  return Object.fromEntries(LINKED_USER_FIELD_KEYS.map(k => [k, false])) as LinkedUserFields
}

/** i18n key stem of a group: `settings.groups.<group>` → `.label`, `.description`. */
export function flagGroupI18nKey(group: FlagGroup): string {
  return `settings.groups.${group}`
}

/** i18n key of a side effect's text: `settings.side_effects.<effect>`. */
export function sideEffectI18nKey(effect: FlagSideEffect): string {
  return `settings.side_effects.${effect}`
}

/** What `gateway` does with flag `key`. */
export function flagAvailability(key: FlagKey, gateway: GatewayKind): FlagAvailability {
  return flagSpec(key)[gateway]
}

/** The flags a gateway takes on add and update, in catalogue order. */
export function settableFlags(gateway: GatewayKind): FlagKey[] {
  return FLAGS.filter(f => f[gateway] === 'settable').map(f => f.key)
}

/** The flags a gateway returns in a type's record (settable and system ones). */
export function readableFlags(gateway: GatewayKind): FlagKey[] {
  return FLAGS.filter(f => f[gateway] !== 'absent').map(f => f.key)
}

/** How a flag shows on the settings screen. */
export type FlagShown = 'switch' | 'read_only' | 'hidden'

/**
 * A switch only where the gateway takes the flag and the type's record
 * carries it (a flag that cannot be read back cannot be verified); a system
 * flag the record carries is shown read-only ("set by Bitrix24"); anything
 * else is hidden. `carried` absent: the record carried every flag.
 */
export function howFlagShows(key: FlagKey, gateway: GatewayKind, carried?: readonly FlagKey[]): FlagShown {
  if (carried && !carried.includes(key))
    return 'hidden'
  const availability = flagAvailability(key, gateway)
  return availability === 'settable' ? 'switch' : availability === 'system' ? 'read_only' : 'hidden'
}

/** The catalogue entry of a flag. */
export function flagSpec(key: FlagKey): FlagSpec {
  const spec = FLAGS.find(f => f.key === key)
  if (!spec)
    throw new Error(`unknown flag ${key}`)
  return spec
}

/** The flags of a group, in catalogue order. */
export function flagsInGroup(group: FlagGroup): FlagSpec[] {
  return FLAGS.filter(f => f.group === group)
}

/** What changing a flag from `from` to `to` does elsewhere; nothing when it does not change. */
export function flagSideEffects(key: FlagKey, from: boolean, to: boolean): readonly FlagSideEffect[] {
  if (from === to)
    return []
  const spec = flagSpec(key)
  return to ? spec.onEnable : spec.onDisable
}
