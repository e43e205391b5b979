import type { MaybeRefOrGetter } from 'vue'
import { useEventListener } from '@vueuse/core'
import { toValue } from 'vue'

export interface UseLeaveGuardOptions {
  /** The question asked before an in-app navigation drops unsaved changes. */
  message?: MaybeRefOrGetter<string>
  /**
   * Asks the question; window.confirm by default.
   * @default window.confirm
   */
  confirm?: (message: string) => boolean
}

export interface UseLeaveGuardReturn {
  /** Whether leaving may go ahead: true when nothing is unsaved or the user agreed. */
  confirmLeave: () => boolean
  stop: () => void
}

/**
 * Asks before unsaved changes are lost. Closing the slider or reloading the
 * card unloads the iframe: the browser's own beforeunload prompt covers that
 * (its text cannot be set). In-app navigation (the app page opening another
 * screen) calls `confirmLeave()` first.
 */
export function useLeaveGuard(dirty: MaybeRefOrGetter<boolean>, options: UseLeaveGuardOptions = {}): UseLeaveGuardReturn {
  const ask = options.confirm ?? ((m: string) => window.confirm(m))

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!toValue(dirty))
      return
    event.preventDefault()
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = ''
  }

  // vueuse removes it on scope dispose.
  const stop = useEventListener(window, 'beforeunload', onBeforeUnload)

  function confirmLeave(): boolean {
    return !toValue(dirty) || ask(toValue(options.message) ?? '')
  }

  return { confirmLeave, stop }
}
