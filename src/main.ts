import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import './assets/main.css'

createApp(App)
  .use(createPinia())
  .use(createAppI18n())
  .use(b24UiPlugin)
  .mount('#app')
