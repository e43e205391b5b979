import type { AppError } from '@/domain/errors'
import type { UndoChoice, UndoPlan } from '@/domain/journal/undo'
import type { UndoStatus } from '@/stores/history-undo'

/** What the undo of a history entry shows (useHistoryUndo's `modal`): the inline panel and the modal take the same. */
export interface UndoViewProps {
  /** The entry's change as words ("turned off Recycle bin"). */
  what: string
  plan: UndoPlan | null
  status: UndoStatus
  choices: Record<string, UndoChoice>
  error?: AppError | null
  /** A deleted type: recreated from its kept setup. */
  recreate?: boolean
  recreatedId?: number | null
  /** What did not stick after the undo, named. */
  partialNames?: string
  /** The Undo found everything already as before: nothing was written. */
  nothingWritten?: boolean
  /** The type changed again while the choices were shown: asked again. */
  changedWhileOpen?: boolean
}
