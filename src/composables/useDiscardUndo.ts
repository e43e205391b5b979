import type { Ref } from 'vue'
import { useTimeoutFn } from '@vueuse/core'
import { watch } from 'vue'

/** How long a Discard can be undone (issue 17: a multi-field draft is not thrown away at one click). */
export const UNDO_MS = 10_000

/**
 * Discard with a few seconds' Undo, shared by the draft bar at the top and the
 * dock at the bottom (whichever the user pressed, both offer the Undo).
 * A new change ends the window: the store's undo would not apply on top of it.
 */
export function useDiscardUndo(store: { discard: () => void, undoDiscard: () => boolean }, dirtyCount: Ref<number>) {
  // vueuse clears the timer with the component.
  const window = useTimeoutFn(() => {}, UNDO_MS, { immediate: false })
  watch(dirtyCount, (count) => {
    if (count > 0)
      window.stop()
  })
  return {
    undoable: window.isPending,
    discard() {
      store.discard()
      window.start()
    },
    undo() {
      window.stop()
      store.undoDiscard()
    },
  }
}
