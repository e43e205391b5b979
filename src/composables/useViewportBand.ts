import type { MaybeRefOrGetter, Ref } from 'vue'
import { tryOnScopeDispose } from '@vueuse/core'
import { shallowRef, toValue, watch } from 'vue'

/** The part of an element the user can see, in px from the element's top. */
export interface ViewportBand {
  top: number
  bottom: number
  /** The element's whole height. */
  height: number
}

/** Strip height: the band's edges are known to a quarter of it. */
const STRIP = 40
const THRESHOLDS = [0, 0.25, 0.5, 0.75, 1]

/**
 * Which part of `target` is on the user's screen, across the portal's page.
 *
 * The portal sizes our frame to its content (useFitFrame), so the frame never
 * scrolls: the PORTAL's page does, and its scroll position is not ours to
 * read (another origin). An IntersectionObserver with the implicit root still
 * sees it: in a cross-origin frame it clips to the top-level viewport
 * (w3c IntersectionObserver, "implicit root"). One observer on the whole
 * element would not do: its ratio stays the same while a tall element covers
 * the screen, so no callback comes. The element is cut into invisible strips
 * instead, and the visible ones make the band.
 *
 * `band` is null while nothing is seen, and where there is no
 * IntersectionObserver (jsdom): callers then keep their static layout.
 */
export function useViewportBand(target: MaybeRefOrGetter<HTMLElement | null | undefined>): { band: Ref<ViewportBand | null> } {
  const band = shallowRef<ViewportBand | null>(null)
  const seen = new Map<number, [number, number]>()
  let strips: HTMLElement | null = null
  let io: IntersectionObserver | null = null
  let ro: ResizeObserver | null = null
  let builtHeight = -1

  function update(height: number) {
    let top = Infinity
    let bottom = -Infinity
    for (const [t, b] of seen.values()) {
      top = Math.min(top, t)
      bottom = Math.max(bottom, b)
    }
    const next = seen.size === 0 ? null : { top: Math.round(top), bottom: Math.round(bottom), height }
    const last = band.value
    if (next?.top !== last?.top || next?.bottom !== last?.bottom || next?.height !== last?.height)
      band.value = next
  }

  function build(el: HTMLElement) {
    const height = el.offsetHeight
    if (strips && height === builtHeight)
      return
    io?.disconnect()
    seen.clear()
    strips?.remove()
    builtHeight = height
    strips = document.createElement('div')
    strips.setAttribute('aria-hidden', 'true')
    strips.style.cssText = 'position:absolute;inset:0;pointer-events:none;visibility:hidden'
    io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const i = Number((e.target as HTMLElement).dataset.strip)
        if (e.isIntersecting) {
          const offset = i * STRIP - e.boundingClientRect.top
          seen.set(i, [e.intersectionRect.top + offset, e.intersectionRect.bottom + offset])
        }
        else {
          seen.delete(i)
        }
      }
      update(el.offsetHeight)
    }, { threshold: THRESHOLDS })
    // The last strip ends with the element: nothing may stick out, or the fitted frame would scroll.
    for (let i = 0; i * STRIP < height; i++) {
      const strip = document.createElement('div')
      strip.dataset.strip = String(i)
      strip.style.cssText = `position:absolute;left:0;width:1px;top:${i * STRIP}px;height:${Math.min(STRIP, height - i * STRIP)}px`
      strips.append(strip)
      io.observe(strip)
    }
    el.append(strips)
  }

  function disconnect() {
    io?.disconnect()
    ro?.disconnect()
    strips?.remove()
    io = ro = strips = null
    builtHeight = -1
    seen.clear()
    band.value = null
  }

  const stopWatch = watch(() => toValue(target), (el) => {
    disconnect()
    if (!el || typeof IntersectionObserver === 'undefined' || typeof ResizeObserver === 'undefined')
      return
    ro = new ResizeObserver(() => build(el))
    ro.observe(el)
    build(el)
  }, { immediate: true, flush: 'post' })

  tryOnScopeDispose(() => {
    stopWatch()
    disconnect()
  })
  return { band }
}
