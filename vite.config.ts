import { fileURLToPath, URL } from 'node:url'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vite'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { precompress } from './scripts/vite-compress.ts'
import { portalFormPost } from './scripts/vite-portal-form-post.ts'

/**
 * The app's messages shipped precompiled (message ASTs) and vue-i18n's
 * message compiler dropped from the bundle (about 5 KB gzip of every
 * screen). Build only: in vitest and the dev server the messages stay
 * strings, compiled at run time.
 */
const i18nPlugins = [VueI18nPlugin({
  include: [fileURLToPath(new URL('./src/i18n/*/*.json', import.meta.url))],
  runtimeOnly: false,
  compositionOnly: true,
  fullInstall: false,
  dropMessageCompiler: true,
  strictMessage: true,
  escapeHtml: false,
})].flat().map(plugin => ({ ...plugin, apply: 'build' as const }))

const shim = (name: string) => fileURLToPath(new URL(`./src/portal/shims/${name}.ts`, import.meta.url))

/**
 * b24jssdk's heavy dependencies, replaced by small modules that do what the
 * SDK asks of them (src/portal/shims/*.test.ts compare them with the real
 * libraries). Issue 11: the card tab's first screen.
 */
const sdkShims = [
  // luxon (~21 KB gzip) serves only the SDK's Text date helpers and log formatters.
  { find: /^luxon$/, replacement: shim('luxon') },
  // axios (~20 KB gzip) serves only the SDK's REST POSTs and OAuth refresh: fetch does it.
  { find: /^axios$/, replacement: shim('axios') },
  // @unhead/vue (~5 KB gzip) serves only the UI kit's vue-plugin: html attributes, a meta, a style.
  { find: /^@unhead\/vue(?:\/client)?$/, replacement: shim('unhead') },
]

export default defineConfig({
  plugins: [
    portalFormPost(),
    vue(),
    b24UiPlugin({
      router: false,
      prose: false,
      mdc: false,
      experimental: { componentDetection: true },
    }),
    // .gz/.br copies of the text files for the production server (build only).
    precompress(),
    ...i18nPlugins,
  ],
  // vue-i18n's bundler feature flags: composition API only (createI18n legacy: false), no global
  // <i18n-t>/v-t, no devtools hooks; about 2.5 KB gzip off every screen (npm run bench).
  // Vue's: no options API (no component of the app, the kit or reka-ui uses it: checked in the built chunks), no devtools, no SSR.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false', __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'false', __INTLIFY_PROD_DEVTOOLS__: 'false' },
  resolve: { alias: [...sdkShims, { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) }, { find: '@test', replacement: fileURLToPath(new URL('./test/support', import.meta.url)) }] },
  server: {
    port: Number(process.env.APP_PORT ?? 5173),
    strictPort: true,
    host: 'localhost',
    // Issue 17: a cold `npm run dev` showed a blank frame for ~10 s while Vite found the lazy screens' dependencies.
    warmup: { clientFiles: ['./src/main.ts', './src/views/*.vue', './src/portal/connect.ts'] },
  },
  // The dependency scan also crawls the lazily loaded screens, so their packages are optimised before the first page asks.
  optimizeDeps: { entries: ['index.html', 'src/views/*.vue', 'src/portal/connect.ts', 'src/stores/outside-connection.ts'] },
  // The manifest lets `npm run bench` walk the import graph of each placement's first screen.
  // Everything index.html loads statically in one chunk (rolldown's `$initial` tag). Without it, rolldown's merge of the
  // shared modules into the entry chunk falls back to a partial per-chunk merge as soon as lazy chunks (issue 19's history)
  // share them, and the card tab loads ~12 small chunks: +3.3 KB gzip (npm run bench).
  // The relation map's layout worker (src/domain/map/layout.worker.ts) loads dagre with a dynamic import: module workers split like the app.
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, manifest: true, rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] } } } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'emulator/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 15000,
    // Run the SDK through Vite too, so its luxon and axios are the shims in tests as in the build.
    server: { deps: { inline: ['@bitrix24/b24jssdk'] } },
  },
})
