// The install files as text: the build turns their JSON imports into message ASTs for vue-i18n (@intlify/unplugin-vue-i18n, vite.config.ts).
import enInstallText from './en/install.json?raw'
import ruInstallText from './ru/install.json?raw'

/** The placements' titles as text in every locale, for placement.bind's LANG_ALL (sent to the portal, not shown through vue-i18n). */
export const placementTitleTexts = { en: titlesIn(enInstallText), ru: titlesIn(ruInstallText) }

function titlesIn(json: string): Record<'detail_tab' | 'list_toolbar', string> {
  return (JSON.parse(json) as { placement_titles: Record<'detail_tab' | 'list_toolbar', string> }).placement_titles
}
