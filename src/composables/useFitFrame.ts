import type { MaybeRefOrGetter, Ref } from 'vue'
import { tryOnScopeDispose, useResizeObserver } from '@vueuse/core'
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
 */
export function useFitFrame(target: MaybeRefOrGetter<HTMLElement | null | undefined>, options: UseFitFrameOptions = {}): UseFitFrameReturn {
  const { resize, minHeight = 120 } = options
  const height = ref(0)
  let frame = 0

  function send() {
    frame = 0
    const el = toValue(target)
    if (!el)
      return
    const next = Math.max(minHeight, Math.ceil(el.getBoundingClientRect().height))
    if (next === height.value || !resize)
      return
    height.value = next
    void Promise.resolve(resize(next)).catch(() => {})
  }

  function schedule() {
    // One message per animation frame at most: a burst of layout changes becomes one resize.
    if (frame === 0)
      frame = requestAnimationFrame(send)
  }

  function cancel() {
    if (frame !== 0)
      cancelAnimationFrame(frame)
    frame = 0
  }

  // vueuse observes the element (and a replaced one), and lets go on scope dispose.
  const observer = useResizeObserver(target, schedule)
  // A new element is measured at once, not only on its first resize.
  const stopWatch = watch(() => toValue(target), el => el && schedule(), { immediate: true, flush: 'post' })

  function stop() {
    stopWatch()
    observer.stop()
    cancel()
  }

  tryOnScopeDispose(stop)
  return { height, stop }
}
