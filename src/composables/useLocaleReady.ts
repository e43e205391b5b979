import type { ComputedRef } from 'vue'
import type { MessagePart } from '@/i18n/load-messages'
import type { Locale } from '@/i18n'
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { followMessages } from '@/i18n/follow-locale'
import { useContextStore } from '@/stores/context'

/** Options of {@link useLocaleReady}. */
export interface UseLocaleReadyOptions {
  /**
   * Also wait for this part of the portal language's messages, fetched now:
   * `page` for the app page's own namespaces (the app page merges its en
   * ones itself: they come in its chunk). @default none
   */
  part?: Exclude<MessagePart, 'core'>
}

/**
 * True once the view can speak the portal's language: i18n has switched to
 * it (followLocale switches only when its messages are in) and, with
 * `part`, that part is in too. The view mounts at once, so its first request
 * goes out meanwhile, and shows its loading state until then: never keys,
 * never en for a moment on a ru portal. True at once for en.
 */
export function useLocaleReady(options: UseLocaleReadyOptions = {}): ComputedRef<boolean> {
  const { part } = options
  const i18n = useI18n({ useScope: 'global' })
  const context = useContextStore()
  const partIn = ref<Locale | null>(null)
  if (part)
    followMessages(i18n, () => context.language, part, (locale) => { partIn.value = locale })
  return computed(() => i18n.locale.value === context.language && (!part || partIn.value === context.language))
}
