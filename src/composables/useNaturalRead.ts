import { useEventListener } from '@vueuse/core'

/**
 * Calls `read` at the app's natural moments to look at the portal again:
 * the user comes back to the frame after being elsewhere (a blur, then
 * focus: the first click into the frame is not a return), or the browser
 * tab becomes visible. No timer: the portal is not polled (DESIGN.md
 * "Fast"); the caller rate-limits too.
 */
export function useNaturalRead(read: () => unknown): void {
  let away = false
  useEventListener(window, 'blur', () => {
    away = true
  })
  useEventListener(window, 'focus', () => {
    if (!away)
      return
    away = false
    read()
  })
  useEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible')
      read()
  })
}
