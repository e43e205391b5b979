/**
 * The namespaces only the app page (DEFAULT) uses, imported by it and so
 * bundled in its lazy chunk: the card tab never loads them. AppHome merges
 * them into the global messages when it starts.
 */
import enHome from './en/home.json'
import enInstall from './en/install.json'
import ruHome from './ru/home.json'
import ruInstall from './ru/install.json'
// The same files as text: the build turns the imports above into message ASTs for vue-i18n (scripts/vite-i18n-precompile.ts).
import enInstallText from './en/install.json?raw'
import ruInstallText from './ru/install.json?raw'

export const pageMessages = {
  en: { home: enHome, install: enInstall },
  ru: { home: ruHome, install: ruInstall },
} as const

/** The placements' titles as text in every locale, for placement.bind's LANG_ALL (sent to the portal, not shown through vue-i18n). */
export const placementTitleTexts = { en: titlesIn(enInstallText), ru: titlesIn(ruInstallText) }

function titlesIn(json: string): Record<'detail_tab' | 'list_toolbar', string> {
  return (JSON.parse(json) as { placement_titles: Record<'detail_tab' | 'list_toolbar', string> }).placement_titles
}
