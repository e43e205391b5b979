import { createI18n } from 'vue-i18n'
import { en, ru } from './messages'

export const SUPPORTED_LOCALES = ['en', 'ru'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** Maps the portal's LANG (en, ru, de, ua, ...) to a locale we ship; Russian-speaking portals get ru. */
export function localeFromPortalLang(lang: string | null | undefined): Locale {
  const l = (lang ?? '').toLowerCase()
  if (l === 'ru' || l === 'ua' || l === 'by' || l === 'kz')
    return 'ru'
  return 'en'
}

export function createAppI18n(locale: Locale = 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru },
  })
}
