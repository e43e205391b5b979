import type { Locale } from './index'
import type { MessageTree } from './tree'

/** A locale other than en (the source and fallback, always in the main chunk). */
export type LazyLocale = Exclude<Locale, 'en'>

/**
 * The card tab's namespaces (every screen needs them), the app page's own (home, install, setup), the history's
 * (issue 19: card tab and app page, after the first screen), the bulk change's (issue 20: the app page's bulk screen), or the relation map's (issue 21).
 */
export type MessagePart = 'core' | 'page' | 'history' | 'bulk' | 'map'

/** How each part of each lazy locale is fetched. */
export type MessageLoaders = Record<LazyLocale, Record<MessagePart, () => Promise<MessageTree>>>

/** Dynamic imports: a chunk of its own for each, requested only for a portal in that language. */
export const MESSAGE_CHUNKS: MessageLoaders = {
  ru: {
    core: () => import('./ru').then(m => m.ru),
    page: () => import('./page-ru').then(m => m.ruPage),
    history: () => import('./ru/history.json').then(m => ({ history: m.default })),
    bulk: () => import('./ru/bulk.json').then(m => ({ bulk: m.default })),
    map: () => import('./ru/map.json').then(m => ({ map: m.default })),
  },
}

/** Fetches tried for a part before the app gives up and shows en. */
export const LOAD_ATTEMPTS = 3

/** Loads a part of a locale's messages; resolves null when every attempt failed. */
export type LoadMessages = (locale: LazyLocale, part: MessagePart) => Promise<MessageTree | null>

/**
 * A loader that fetches each part once (later calls share the first) and
 * tries a failed fetch again, up to {@link LOAD_ATTEMPTS} in all. It never
 * rejects: null means the messages could not be had, and vue-i18n's en
 * fallback speaks instead; the next call tries again.
 */
export function createMessageLoader(loaders: MessageLoaders = MESSAGE_CHUNKS): LoadMessages {
  const pending = new Map<string, Promise<MessageTree | null>>()
  return (locale, part) => {
    const key = `${locale}/${part}`
    let promise = pending.get(key)
    if (!promise) {
      promise = (async () => {
        for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
          try {
            return await loaders[locale][part]()
          }
          catch {
            // A failed chunk fetch (a network blip, a deploy in between): try again.
          }
        }
        pending.delete(key)
        return null
      })()
      pending.set(key, promise)
    }
    return promise
  }
}

/** The app's loader over {@link MESSAGE_CHUNKS}. */
export const loadMessages: LoadMessages = createMessageLoader()
