import type { MessageTree } from './tree'
import { createI18n } from 'vue-i18n'
import { en } from './en'

export const SUPPORTED_LOCALES = ['en', 'ru'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** Maps the portal's LANG (en, ru, de, ua, ...) to a locale we ship; Russian-speaking portals get ru. */
export function localeFromPortalLang(lang: string | null | undefined): Locale {
  const l = (lang ?? '').toLowerCase()
  if (l === 'ru' || l === 'ua' || l === 'by' || l === 'kz')
    return 'ru'
  return 'en'
}

/**
 * The app's vue-i18n (composition API), en as fallback. It starts with en
 * only: another locale's messages come from their own chunk once the portal
 * asks for it (followLocale). Tests hand every locale at once (messages.ts).
 */
export function createAppI18n(locale: Locale = 'en', messages: Partial<Record<Locale, MessageTree>> = { en }) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  })
}
