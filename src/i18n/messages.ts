/**
 * Messages of each locale, one JSON file per feature namespace
 * (`en/settings.json` holds the `settings.*` keys), so features are edited
 * apart. en is the source locale, ru mirrors it key for key.
 *
 * Every locale at once, for tests and checks. The app does not import this
 * module (ru would join the main chunk): it has en.ts in its main chunk and
 * loads the rest through load-messages.ts.
 */
export { en } from './en'
export { ru } from './ru'
export type { MessageTree } from './tree'
