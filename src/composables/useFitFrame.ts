import type { MaybeRefOrGetter, Ref } from 'vue'
import { tryOnScopeDispose } from '@vueuse/core'
import { ref, toValue, watch } from 'vue'

export interface UseFitFrameOptions {
  /** Sets the frame's height in px (the frame facade's resize); nothing happens without it. */
  resize?: ((height: number) => unknown) | null
  /**
   * Smallest height to ask for.
   * @default 120
   */
  minHeight?: number
}

export interface UseFitFrameReturn {
  /** The last height sent to the portal (0 before the first). */
  height: Ref<number>
  /** Stops observing. */
  stop: () => void
}

/**
 * Keeps the Bitrix24 iframe as tall as `target`, so the app never shows an
 * inner scrollbar: a ResizeObserver on the content asks the parent to resize
 * whenever the content's height changes (docs/platform.md "Frame": resizeWindow). The
 * SDK's fitWindow measures the document, which never gets smaller than the
 * frame, so the content element is measured instead and shrinking works too.
 *
 * Hand-written on purpose (issue 16): vueuse's useResizeObserver does the
 * observing, but costs the card tab 94 B gzip more (npm run bench,
 * 2026-12-02), and the card tab's budget is the tightest we have.
 */
export function useFitFrame(target: MaybeRefOrGetter<HTMLElement | null | undefined>, options: UseFitFrameOptions = {}): UseFitFrameReturn {
  const { resize, minHeight = 120 } = options
  const height = ref(0)
  let observer: ResizeObserver | null = null
  let frame = 0

  function send(el: HTMLElement) {
    frame = 0
    const next = Math.max(minHeight, Math.ceil(el.getBoundingClientRect().height))
    if (next === height.value || !resize)
      return
    height.value = next
    void Promise.resolve(resize(next)).catch(() => {})
  }

  function schedule(el: HTMLElement) {
    // One message per animation frame at most: a burst of layout changes becomes one resize.
    if (frame === 0)
      frame = requestAnimationFrame(() => send(el))
  }

  function disconnect() {
    observer?.disconnect()
    observer = null
    if (frame !== 0)
      cancelAnimationFrame(frame)
    frame = 0
  }

  const stopWatch = watch(() => toValue(target), (el) => {
    disconnect()
    if (!el || typeof ResizeObserver === 'undefined')
      return
    observer = new ResizeObserver(() => schedule(el))
    observer.observe(el)
    schedule(el)
  }, { immediate: true, flush: 'post' })

  function stop() {
    stopWatch()
    disconnect()
  }

  tryOnScopeDispose(stop)
  return { height, stop }
}
