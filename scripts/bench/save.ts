/**
 * Save: the REST requests behind one Save in the card tab, as a user makes
 * it: a settings change (a flag's switch) and a relation change (removing
 * one link). Counted by the emulator from the click on Save to the
 * "saved" message.
 */
import type { Browser, Frame } from 'playwright-core'
import type { RequestLogEntry } from '../../emulator/model/request-log'
import type { RunningEmulator } from '../../emulator/server'
import { appFrame, openScreen, probedContext, waitTti } from './browser'
import { enText, textPattern } from './texts'

export type SaveKind = 'settings' | 'relation'

export interface SaveRun {
  /** The save's own requests (crm.*, batch of crm.*). */
  requests: RequestLogEntry[]
  /** The history's (entity.*, issue 19): the pending entry before the write, its completion after (the storage made first on a fresh portal). */
  journal: RequestLogEntry[]
}

/** Makes the change in the frame; returns false when the screen has no control for it. */
async function change(frame: Frame, kind: SaveKind): Promise<boolean> {
  if (kind === 'settings') {
    // A flag with no side effect to confirm (the relation editor's switches come before the flags).
    const toggle = frame.getByRole('switch', { name: enText('settings.flags.is_recyclebin_enabled.label'), exact: true })
    if (await toggle.count() === 0)
      return false
    await toggle.click()
    return true
  }
  const remove = frame.getByRole('button', { name: textPattern(enText('relations.remove')) })
  if (await remove.count() === 0)
    return false
  await remove.first().click()
  return true
}

/**
 * One save in a fresh card tab; `null` when the screen offers no way to make
 * the change (the reason is the caller's to print).
 */
export async function measureSave(browser: Browser, emu: RunningEmulator, appUrl: string, kind: SaveKind): Promise<SaveRun | null> {
  const context = await probedContext(browser, appUrl)
  try {
    const page = await context.newPage()
    await openScreen(page, emu.url, 'tab')
    const frame = await appFrame(page, appUrl)
    await waitTti(frame)
    if (!await change(frame, kind))
      return null
    emu.portal.log.clear()
    // The draft bar at the top; the dock at the form's end has the same Save.
    await frame.getByRole('region', { name: enText('settings_ui.save_bar.label'), exact: true }).getByRole('button', { name: enText('settings_ui.save_bar.save'), exact: true }).click()
    await frame.getByText(enText('settings_ui.save_bar.saved')).waitFor({ timeout: 20_000 })
    const all = emu.portal.log.list().filter(e => e.via === 'rest')
    const isJournal = (e: RequestLogEntry) => (e.method === 'batch' ? e.commands ?? [] : [e.method]).some(c => c.startsWith('entity.'))
    return { requests: all.filter(e => !isJournal(e)), journal: all.filter(isJournal) }
  }
  finally {
    await context.close()
  }
}
