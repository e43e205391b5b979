import type { FieldKey, FieldValues } from '@/domain/settings-fields'
import { useI18n } from 'vue-i18n'
import { flagI18nKey, isFlagKey, LINKED_USER_FIELDS } from '@/domain/flags'

export interface UseFieldLabelsReturn {
  /** The label of a field in the user's language. */
  label: (key: FieldKey) => string
  /** Its one-line description, or '' when there is none. */
  description: (key: FieldKey) => string
  /** A value as text: On / Off, the title, or "(empty)". */
  formatValue: (value: FieldValues[FieldKey] | undefined) => string
}

/**
 * Labels of the editable fields, from the flag catalogue's i18n keys
 * (src/i18n/<locale>/settings.json, `settings.flags.<snake_key>.{label,description}`,
 * `settings.linked.*`), so the toggles, the conflict view and the side effects
 * all name a field the same way.
 */
export function useFieldLabels(): UseFieldLabelsReturn {
  const { t, te } = useI18n()

  function stem(key: FieldKey): string {
    if (key === 'title' || key === 'code')
      return `settings_ui.general.${key}`
    if (isFlagKey(key))
      return flagI18nKey(key)
    return LINKED_USER_FIELDS.find(f => f.key === key)?.i18nKey ?? key
  }

  function label(key: FieldKey): string {
    const s = stem(key)
    if (te(`${s}.label`))
      return t(`${s}.label`)
    return te(s) ? t(s) : key
  }

  function description(key: FieldKey): string {
    const s = `${stem(key)}.description`
    return te(s) ? t(s) : ''
  }

  function formatValue(value: FieldValues[FieldKey] | undefined): string {
    if (typeof value === 'boolean')
      return t(value ? 'settings_ui.values.on' : 'settings_ui.values.off')
    return value ? value : t('settings_ui.values.empty')
  }

  return { label, description, formatValue }
}
