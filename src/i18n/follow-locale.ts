import type { WatchSource, WatchStopHandle } from 'vue'
import type { Locale } from './index'
import type { LoadMessages, MessagePart } from './load-messages'
import type { MessageTree } from './tree'
import { watch } from 'vue'
import { loadMessages } from './load-messages'

/** What these helpers need of vue-i18n's global composer. */
export interface LocaleTarget {
  locale: { value: string }
  mergeLocaleMessage: (locale: string, messages: MessageTree) => void
}

/** Options of {@link followLocale} and {@link followMessages}. */
export interface FollowLocaleOptions {
  /** Fetches a lazy locale's messages. @default loadMessages (load-messages.ts) */
  load?: LoadMessages
  /** Called each time i18n has switched (main.ts sets `<html lang>`). */
  onSwitch?: (locale: Locale) => void
}

/**
 * Calls `ready(locale)` for each locale `source` asks for, once `part` of its
 * messages is merged into `i18n`: at once for en (in the main chunk, or
 * merged by the view that owns the part), after its chunk for another. The
 * fetch starts the moment the locale is asked for. A locale asked for while
 * another was loading wins; messages that could not be fetched are skipped
 * (vue-i18n's en fallback speaks) and `ready` is called all the same.
 */
export function followMessages(i18n: LocaleTarget, source: WatchSource<Locale>, part: MessagePart, ready: (locale: Locale) => void, options: { load?: LoadMessages, flush?: 'pre' | 'sync' } = {}): WatchStopHandle {
  const { load = loadMessages, flush = 'pre' } = options
  return watch(source, (locale, _old, onCleanup) => {
    if (locale === 'en') {
      ready(locale)
      return
    }
    let stale = false
    onCleanup(() => {
      stale = true
    })
    void load(locale, part).then((messages) => {
      if (stale)
        return
      if (messages)
        i18n.mergeLocaleMessage(locale, messages)
      ready(locale)
    })
  }, { immediate: true, flush })
}

/**
 * Keeps `i18n` on the locale `source` asks for (the portal's LANG): en at
 * once, another locale as soon as its messages are in. They are requested
 * the moment the locale is known (a sync watcher), so a ru portal's messages
 * load while the first screen's REST batch runs, and an en user never waits.
 * Until the switch, views that wait for it (useLocaleReady) show their
 * loading state: never keys, never en for a moment.
 */
export function followLocale(i18n: LocaleTarget, source: WatchSource<Locale>, options: FollowLocaleOptions = {}): WatchStopHandle {
  return followMessages(i18n, source, 'core', (locale) => {
    i18n.locale.value = locale
    options.onSwitch?.(locale)
  }, { load: options.load, flush: 'sync' })
}
