import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { followLocale } from './i18n/follow-locale'
import { useContextStore } from './stores/context'
import './assets/main.css'

const pinia = createPinia()
const i18n = createAppI18n()
const context = useContextStore(pinia)

// The portal's LANG decides the language, once the frame has told it (docs/platform.md "Frame": getInitData);
// ru's messages are fetched right then, alongside the first screen's request.
followLocale(i18n.global, () => context.language, {
  onSwitch: (locale) => {
    document.documentElement.lang = locale
  },
})

void context.start()

createApp(App)
  .use(pinia)
  .use(i18n)
  .use(b24UiPlugin)
  .mount('#app')
