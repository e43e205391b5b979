import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers as a rule (docs/architecture.md): imports flow down only,
 * views → components/composables → stores → portal → domain; the emulator
 * takes the domain's catalogue and nothing else of the app; the app never
 * takes the emulator outside its tests.
 */
const layer = (...names) => names.flatMap(n => [`@/${n}`, `@/${n}/**`, `**/src/${n}`, `**/src/${n}/**`, `../${n}`, `../${n}/**`, `../../${n}/**`])
const restrict = (groups, message, extra = {}) => ({ 'no-restricted-imports': ['error', { patterns: [{ group: groups, message, ...extra }] }] })
const TEST_FILES = ['**/*.test.ts']

export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'auto-imports.d.ts', 'components.d.ts', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'vue/no-v-html': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'e2e/**', 'scripts/**', 'bench/**', 'emulator/**', 'server/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([...layer('portal', 'stores', 'components', 'views', 'composables', 'i18n'), 'vue', 'pinia', '@bitrix24/*', '**/emulator/**'], 'domain/ is pure: it imports nothing of the app, no Vue, no SDK.'),
  },
  {
    files: ['src/portal/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([...layer('stores', 'components', 'views', 'composables'), 'pinia', '**/emulator/**'], 'portal/ imports the domain only (and the SDK).'),
  },
  {
    files: ['src/stores/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([...layer('components', 'views', 'composables'), '**/emulator/**'], 'stores/ import portal/ and domain/ only.'),
  },
  {
    files: ['src/components/**/*.vue', 'src/components/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([...layer('stores', 'views', 'portal'), '**/emulator/**'], 'Components render and emit: stores reach them through views or composables (type imports are fine).', { allowTypeImports: true }),
  },
  {
    files: ['src/composables/**/*.ts', 'src/views/**/*.vue', 'src/*.ts', 'src/*.vue', 'src/i18n/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict(['**/emulator/**'], 'The app never imports the emulator outside its tests.'),
  },
  {
    files: ['emulator/**/*.ts', 'emulator/**/*.js'],
    ignores: ['**/*.test.ts'],
    rules: restrict(layer('portal', 'stores', 'components', 'views', 'composables', 'i18n'), 'The emulator imports the domain only: it is a portal, not a part of the app.'),
  },
)
