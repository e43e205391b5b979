/**
 * The catalogue of smart process feature flags (seed 000, plus
 * isCrmTrackingEnabled from the REST docs). One source of truth: it drives
 * the toggles, their labels (i18n keys derived from the key), the wire mapping
 * (Y/N on portal REST, booleans on the vibecode gateway) and the emulator's
 * defaults.
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
  | 'adds_client_links' // on: predefined parents 3 (contacts) and 4 (companies), PLATFORM.md §1
  | 'hides_pipelines' // off: custom pipelines disappear from the type
  | 'hides_kanban' // off: stages and the kanban disappear

export interface FlagSpec {
  key: string
  group: FlagGroup
  default: boolean
  /** Side effects when turned on. */
  onEnable: readonly FlagSideEffect[]
  /** Side effects when turned off. */
  onDisable: readonly FlagSideEffect[]
}

export const FLAGS = [
  { key: 'isCategoriesEnabled', group: 'pipelines', default: false, onEnable: [], onDisable: ['hides_pipelines'] },
  { key: 'isStagesEnabled', group: 'pipelines', default: false, onEnable: [], onDisable: ['hides_kanban'] },
  { key: 'isBeginCloseDatesEnabled', group: 'card_fields', default: false, onEnable: [], onDisable: [] },
  { key: 'isClientEnabled', group: 'card_fields', default: false, onEnable: ['adds_client_links'], onDisable: [] },
  { key: 'isMycompanyEnabled', group: 'card_fields', default: false, onEnable: [], onDisable: [] },
  { key: 'isObserversEnabled', group: 'card_fields', default: false, onEnable: [], onDisable: [] },
  { key: 'isSourceEnabled', group: 'card_fields', default: false, onEnable: [], onDisable: [] },
  { key: 'isRecurringEnabled', group: 'card_fields', default: false, onEnable: [], onDisable: [] },
  { key: 'isLinkWithProductsEnabled', group: 'products_payments', default: false, onEnable: [], onDisable: [] },
  { key: 'isPaymentsEnabled', group: 'products_payments', default: false, onEnable: [], onDisable: [] },
  { key: 'isAutomationEnabled', group: 'automation', default: false, onEnable: [], onDisable: [] },
  { key: 'isBizProcEnabled', group: 'automation', default: false, onEnable: [], onDisable: [] },
  { key: 'isCrmTrackingEnabled', group: 'automation', default: false, onEnable: [], onDisable: [] },
  { key: 'isDocumentsEnabled', group: 'documents', default: false, onEnable: [], onDisable: [] },
  { key: 'isRecyclebinEnabled', group: 'documents', default: false, onEnable: [], onDisable: [] },
  { key: 'isSetOpenPermissions', group: 'access', default: true, onEnable: [], onDisable: [] },
  { key: 'isUseInUserfieldEnabled', group: 'visibility', default: false, onEnable: [], onDisable: [] },
  { key: 'isCountersEnabled', group: 'visibility', default: false, onEnable: [], onDisable: [] },
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
 * The linkedUserFields catalogue: exactly these three keys (PLATFORM.md §1).
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
