import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createPinia } from 'pinia'
import { createApp, watch } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { useContextStore } from './stores/context'
import './assets/main.css'

const pinia = createPinia()
const i18n = createAppI18n()
const context = useContextStore(pinia)

// The portal's LANG decides the language, once the frame has told it (PLATFORM.md §3: getInitData).
watch(() => context.language, (locale) => {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}, { immediate: true })

void context.start()

createApp(App)
  .use(pinia)
  .use(i18n)
  .use(b24UiPlugin)
  .mount('#app')
