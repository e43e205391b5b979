import type { Ref } from 'vue'
import type { JournalEntry } from '@/domain/journal/entry'
import { computed, ref, watch } from 'vue'
import { isRecreatable, isUndoableChange } from '@/domain/journal/undo'
import { useContextStore } from '@/stores/context'
import { useHistoryUndoStore } from '@/stores/history-undo'
import { useHistoryText } from './useHistoryText'

/**
 * The undo dialog's wiring, shared by the card tab's History and the app
 * page's: which entries offer Undo, the dialog's open state and props, and
 * `onUndone` for the view to refresh after a write.
 */
export function useHistoryUndo(onUndone: (entry: JournalEntry) => void, shown: () => readonly JournalEntry[] = () => []) {
  const context = useContextStore()
  const undo = useHistoryUndoStore()
  const text = useHistoryText()
  const open = ref(false)

  function canUndo(entry: JournalEntry): boolean {
    // A deleted type recreated once is not offered again (a second press would make a second copy).
    const recreated = () => shown().some(e => e.undoes === entry.id && e.kind === 'create' && e.outcome !== 'failed')
    return context.canEdit && (isUndoableChange(entry) || (isRecreatable(entry) && !recreated()))
  }

  function start(entry: JournalEntry) {
    open.value = true
    void undo.prepare(entry)
  }

  watch(open, (now) => {
    if (!now)
      undo.close()
  })
  watch(() => undo.status, (s) => {
    if ((s === 'done' || s === 'partial') && undo.result)
      onUndone(undo.result)
  })

  const modal = computed(() => ({
    what: undo.entry ? text.what(undo.entry) : '',
    plan: undo.plan,
    status: undo.status,
    choices: undo.choices,
    error: undo.error,
    recreate: undo.entry ? isRecreatable(undo.entry) : false,
    recreatedId: undo.recreatedId,
    partialNames: undo.result ? text.missedNames(undo.result) : '',
    nothingWritten: undo.nothingWritten,
    changedWhileOpen: undo.changedWhileOpen,
  }))

  return { open: open as Ref<boolean>, canUndo, start, modal, choose: undo.choose, confirm: undo.run }
}
