/**
 * Starting points for a new smart process's switches in the create dialog,
 * each from a named source. Choosing one sets the switches; the user can
 * still change any of them, and then none of the presets is "chosen".
 *
 * Where they come from (Bitrix24's crm module, as in avshatalov48/bitrix24-core-corp,
 * and the official REST docs, bitrix-tools/b24-rest-docs):
 * - Bitrix24's own create form (CRM › Smart processes › Create, component
 *   crm.type.detail) opens on a choice of "use cases" before its switches:
 *   modules/crm/lib/Service/Broker/TypePreset.php getPredefinedData() holds
 *   three, 'bitrix:list' ("Essentials only"), 'bitrix:full' ("All options
 *   selected") and 'bitrix:empty' ("Empty SPA"); their names are in
 *   modules/crm/lang/{en,ru}/lib/Service/Broker/TypePreset.php.
 * - Choosing one sets every switch of the form, the ones it does not name to
 *   off: crm.type.detail/templates/.default/script.es6.js applyPreset() →
 *   updateInputs(). So a preset here is the list of flags it turns on.
 * - Nothing chosen, a new type gets the table's defaults, which crm.type.add
 *   documents: every flag N but isSetOpenPermissions Y
 *   (modules/crm/lib/Model/Dynamic/TypeTable.php getMap(), configureDefaultValue;
 *   api-reference/crm/universal/user-defined-object-types/crm-type-add.md,
 *   column "По умолчанию"). The catalogue's `default` says the same.
 */
import type { FlagKey, Flags } from './flags'
import { defaultFlags, FLAGS } from './flags'

/** The presets the create dialog offers, in the order it shows them. */
export const TYPE_PRESET_IDS = ['portal_defaults', 'essentials', 'kanban', 'everything'] as const

export type TypePresetId = (typeof TYPE_PRESET_IDS)[number]

export interface TypePreset {
  id: TypePresetId
  /** The flags it turns on; every other flag the dialog offers is turned off. */
  on: readonly FlagKey[]
}

/** Bitrix24's 'bitrix:list' use case ("Essentials only", ru "Список"): TypePreset.php getPredefinedData(). */
const ESSENTIALS: readonly FlagKey[] = ['isDocumentsEnabled', 'isUseInUserfieldEnabled', 'isSetOpenPermissions']

export const TYPE_PRESETS: readonly TypePreset[] = [
  // What crm.type.add and Bitrix24's type table give a new type when nothing is said (the catalogue's defaults).
  { id: 'portal_defaults', on: FLAGS.filter(f => f.default).map(f => f.key) },
  { id: 'essentials', on: ESSENTIALS },
  // This app's own: "Essentials only" plus what crm.type.detail's cards call "Stages and kanban" and
  // "Automation rules and triggers" (its template lang, CRM_TYPE_DETAIL_STAGES_CARD_*: "Each stage can
  // have individual automation rules, triggers"). Pipelines stay off: one kanban, not several.
  { id: 'kanban', on: [...ESSENTIALS, 'isStagesEnabled', 'isAutomationEnabled'] },
  // Bitrix24's 'bitrix:full' use case ("All options selected", ru "Всё включено"), TypePreset.php.
  // isCountersEnabled is in it too; portal REST only reads that one, so the dialog offers it over the
  // vibecode gateway alone. isPaymentsEnabled and isRecurringEnabled are not in it.
  {
    id: 'everything',
    on: [
      'isCategoriesEnabled',
      'isStagesEnabled',
      'isBeginCloseDatesEnabled',
      'isClientEnabled',
      'isLinkWithProductsEnabled',
      'isMycompanyEnabled',
      'isDocumentsEnabled',
      'isSourceEnabled',
      'isUseInUserfieldEnabled',
      'isObserversEnabled',
      'isRecyclebinEnabled',
      'isAutomationEnabled',
      'isBizProcEnabled',
      'isSetOpenPermissions',
      'isCountersEnabled',
    ],
  },
]

export function isTypePresetId(id: unknown): id is TypePresetId {
  return (TYPE_PRESET_IDS as readonly unknown[]).includes(id)
}

/** The preset with this id. */
export function typePreset(id: TypePresetId): TypePreset {
  const preset = TYPE_PRESETS.find(p => p.id === id)
  if (!preset)
    throw new Error(`unknown preset ${id}`)
  return preset
}

/**
 * The switches a preset sets: of the `offered` flags, those it names on and
 * the rest off, as Bitrix24's form does; a flag not offered keeps the
 * catalogue's default, so nothing the dialog does not show is sent.
 */
export function presetFlags(id: TypePresetId, offered: readonly FlagKey[]): Flags {
  const { on } = typePreset(id)
  const flags = defaultFlags()
  for (const key of offered)
    flags[key] = on.includes(key)
  return flags
}

/** The preset whose switches the offered flags show now, or null when the user's own choice matches none. */
export function matchingPreset(flags: Flags, offered: readonly FlagKey[]): TypePresetId | null {
  for (const id of TYPE_PRESET_IDS) {
    const preset = presetFlags(id, offered)
    if (offered.every(key => flags[key] === preset[key]))
      return id
  }
  return null
}
