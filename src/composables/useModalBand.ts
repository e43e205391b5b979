import type { MaybeRefOrGetter } from 'vue'
import { tryOnScopeDispose } from '@vueuse/core'
import { watch } from 'vue'
import { useViewportBand } from './useViewportBand'

/**
 * Keeps the kit's modals on the part of the frame the user sees. The portal
 * fits our frame to its content (useFitFrame), so a fixed modal centred on
 * the frame's viewport sits in the middle of the whole, tall frame: far
 * below the portal's visible page once the content is long (the app page
 * with its history). `--app-band-top` / `--app-band-height` carry the
 * visible band (useViewportBand) to main.css, which centres modals on it.
 */
export function useModalBand(target: MaybeRefOrGetter<HTMLElement | null | undefined>): void {
  const { band } = useViewportBand(target)
  const style = document.documentElement.style
  const clear = () => {
    style.removeProperty('--app-band-top')
    style.removeProperty('--app-band-height')
  }
  watch(band, (b) => {
    if (!b)
      return clear()
    style.setProperty('--app-band-top', `${b.top}px`)
    style.setProperty('--app-band-height', `${b.bottom - b.top}px`)
  })
  tryOnScopeDispose(clear)
}
