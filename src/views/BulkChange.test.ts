/**
 * The bulk change on the app page (issue 20), mounted in AppHome over the
 * emulator in-process: the demo's three smart processes and three more
 * (Benchmark process 4–6), every feature at its default. Users
 * (emulator/model/users.ts): 1 portal admin, 2 an employee.
 */
import type { JournalEntry } from '@/domain/journal/entry'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { SEED_TYPES } from '../../emulator/model/seed'
import AppHome from './AppHome.vue'
import BulkChange from './BulkChange.vue'
import { newGroupId } from '@/domain/bulk/group'
import { createRestJournal } from '@/portal/rest-journal'
import { useBulkChangeStore } from '@/stores/bulk-change'
import { useContextStore } from '@/stores/context'
import { createInProcessClient } from '@test/emulator-gateway'
import { journalEntry } from '@test/journal-fixtures'
import { usePortalMount } from '@test/mount'

const { repairs: REPAIRS, contracts: CONTRACTS } = SEED_TYPES
const WAIT = { timeout: 5000, interval: 20 }

const buttons = () => [...document.querySelectorAll('button')]
/** The one button whose text (or accessible name) is `name`. */
function button(name: string): HTMLButtonElement {
  const found = buttons().filter(b => b.textContent?.trim() === name || b.getAttribute('aria-label') === name)
  if (found.length !== 1)
    throw new Error(`${found.length} buttons named "${name}"; the page says: ${document.body.textContent}`)
  return found[0]!
}
/** A control named by its <label for> or aria-label. */
function control<T extends HTMLElement>(name: string): T {
  const byLabel = [...document.querySelectorAll('label')].find(l => l.textContent?.trim() === name)?.htmlFor
  const el = byLabel ? document.getElementById(byLabel) : document.querySelector(`[aria-label="${name}"]`)
  if (!el)
    throw new Error(`no control named "${name}"`)
  return el as T
}
/** A kit radio by its visible label (a wrapping <label>, or one for its id). */
function radio(name: string): HTMLElement {
  const el = [...document.querySelectorAll<HTMLElement>('[role="radio"]')].find((c) => {
    const label = c.closest('label') ?? document.querySelector(`label[for="${CSS.escape(c.id)}"]`)
    return label?.textContent?.trim() === name
  })
  if (!el)
    throw new Error(`no radio labelled "${name}"`)
  return el
}
async function choose(name: string, option: string) {
  const select = control<HTMLSelectElement>(name)
  const index = [...select.options].findIndex(o => o.textContent?.trim() === option)
  if (index < 0)
    throw new Error(`no option "${option}" in "${name}"`)
  select.selectedIndex = index
  select.dispatchEvent(new Event('change', { bubbles: true }))
  await flushPromises()
}
async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}
/** The titles the picker's table shows. */
const rows = () => [...document.querySelectorAll('tbody tr')].map(r => r.querySelectorAll('td')[1]?.textContent?.trim())
const statusText = () => [...document.querySelectorAll('[role=status]')].map(s => s.textContent?.trim()).join(' | ')
const text = () => document.body.textContent ?? ''

describe('BulkChange on the app page', () => {
  const app = usePortalMount()
  const flagsOf = (entityTypeId: number) => app.portal.ctx.state.types.find(x => x.entityTypeId === entityTypeId)!.flags

  async function openBulk() {
    app.portal.addTypes(3)
    await app.mount(AppHome, { connection: { placement: 'DEFAULT', isAdmin: true } })
    await vi.waitFor(() => button('Change many types'), WAIT)
    await click(button('Change many types'))
    await vi.waitFor(() => expect(rows()).toHaveLength(6), WAIT)
    expect(document.querySelector('h1')?.textContent).toContain('Change many smart processes')
  }

  it('filters by a feature and selects all the types shown', async () => {
    await openBulk()
    await choose('Has feature', 'Stages and kanban')
    expect(rows()).toEqual(['Equipment Repairs', 'Supplier Contracts'])
    const all = control<HTMLInputElement>('Select all shown')
    await click(all)
    expect(statusText()).toContain('2 of 6 selected')
    expect(all.checked).toBe(true)

    // The other way round: the four without it, none of them selected yet.
    await choose('Feature is', 'Off')
    expect(rows()).toHaveLength(4)
    expect(all.checked).toBe(false)
    await click(control<HTMLInputElement>('Marketing Campaigns'))
    expect(all.indeterminate).toBe(true)
    expect(statusText()).toContain('3 of 6 selected')
  })

  it('previews a feature turned on: the change per type, and the type that already has it', async () => {
    flagsOf(REPAIRS).isRecyclebinEnabled = true
    await openBulk()
    await click(control<HTMLInputElement>('Select all shown'))
    expect(button('Preview the change').disabled).toBe(true)
    await choose('Recycle bin', 'On')
    await click(button('Preview the change'))
    await vi.waitFor(() => expect(statusText()).toContain('5 will change · 1 already as asked · 0 left out'), WAIT)
    const items = [...document.querySelectorAll('li')].filter(li => li.querySelector('h3'))
    expect(items.map(li => li.querySelector('h3')!.textContent?.trim())).not.toContain('Equipment Repairs')
    expect(items.find(li => li.textContent?.includes('Supplier Contracts'))!.textContent).toContain('Recycle bin: Off → On')
    expect(text()).toContain('Already as asked (1): Equipment Repairs')
    // Nothing written by a preview.
    expect(flagsOf(CONTRACTS).isRecyclebinEnabled).toBe(false)
  })

  it('previews a link added: the sentence per type, and the type that cannot be linked to itself left out', async () => {
    await openBulk()
    for (const title of ['Equipment Repairs', 'Marketing Campaigns', 'Benchmark process 4'])
      await click(control<HTMLInputElement>(title))
    await click(radio('Add or remove a link'))
    await choose('CRM type', 'Equipment Repairs')
    await click(button('Preview the change'))
    await vi.waitFor(() => expect(statusText()).toContain('2 will change · 0 already as asked · 1 left out'), WAIT)
    const item = (title: string) => [...document.querySelectorAll('li')].find(li => li.querySelector('h3')?.textContent?.trim() === title)!.textContent
    expect(item('Marketing Campaigns')).toContain('adds the link to Equipment Repairs (parent, list shown in the card)')
    expect(item('Equipment Repairs')).toContain('a type cannot be linked to itself')
  })

  it('applies the change, shows each type\'s result, and undoes it', async () => {
    flagsOf(REPAIRS).isRecyclebinEnabled = true
    await openBulk()
    await click(control<HTMLInputElement>('Select all shown'))
    await choose('Recycle bin', 'On')
    await click(button('Preview the change'))
    await vi.waitFor(() => button('Apply to 5 smart processes'), WAIT)
    await click(button('Apply to 5 smart processes'))
    await vi.waitFor(() => expect(statusText()).toContain('Applied: 5 · Unchanged: 1'), WAIT)
    expect(app.portal.ctx.state.types.every(x => x.flags.isRecyclebinEnabled)).toBe(true)
    expect(text()).toContain('Unchanged, already as asked (1): Equipment Repairs')
    expect(buttons().map(b => b.textContent?.trim())).not.toContain('Retry the failed ones (0)')

    await click(button('Undo this change'))
    await vi.waitFor(() => expect(text()).toContain('Undo the bulk change: 5 types go back'), WAIT)
    expect(text()).toContain('Recycle bin: On → Off')
    await click(button('Undo 5 types'))
    await vi.waitFor(() => expect(text()).toContain('Results of the undo'), WAIT)
    expect(app.portal.ctx.state.types.filter(x => x.flags.isRecyclebinEnabled).map(x => x.entityTypeId)).toEqual([REPAIRS])
  })

  it('asks before the list is opened while the change is being applied, saying the history will show what was applied', async () => {
    await openBulk()
    // As while a run goes on (a run over the emulator ends before a click could come).
    useBulkChangeStore().status = 'applying'
    const confirm = vi.fn((_message: string) => false)
    vi.stubGlobal('confirm', confirm)
    await click(button('Back to the list'))
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('The history will show what was applied'))
    expect(document.querySelector('h1')?.textContent).toContain('Change many smart processes')
    confirm.mockReturnValueOnce(true)
    await click(button('Back to the list'))
    expect(document.querySelector('h1')?.textContent).toContain('Smart Process Studio')
    vi.unstubAllGlobals()
  })

  it('an employee gets no button for it, and the screen itself offers nothing', async () => {
    await app.mount(AppHome, { userId: 2, connection: { placement: 'DEFAULT', isAdmin: false } })
    await vi.waitFor(() => expect(document.querySelectorAll('tbody tr').length).toBeGreaterThan(0), WAIT)
    expect(buttons().map(b => b.textContent?.trim())).not.toContain('Change many types')
  })

  it('mounted for an employee, the screen shows none of its controls and reads nothing', async () => {
    await app.mount(BulkChange, { userId: 2, connection: { placement: 'DEFAULT', isAdmin: false } })
    const context = useContextStore()
    context.setUser(await context.requireGateway().currentUser())
    await flushPromises()
    expect(text()).toContain('needs the right to change smart processes')
    expect(document.querySelectorAll('select, input, table, button')).toHaveLength(0)
    // Only the user's own rights were read (profile, crm.type.fields): no type, no list of names.
    const reads = app.portal.log.list().flatMap(e => e.commands ?? [e.method])
    expect(reads.filter(m => /^crm\.(?:type\.(?:list|get)|enum\.ownertype)/.test(m))).toEqual([])
  })

  it('the history offers the undo of a whole bulk change, and it writes every type back', async () => {
    const at = '2026-05-03T09:00:00.000Z'
    const group = newGroupId('bulk', Date.parse(at))
    const journal = createRestJournal(createInProcessClient(app.portal))
    for (const [entityTypeId, title] of [[REPAIRS, 'Equipment Repairs'], [CONTRACTS, 'Supplier Contracts']] as const) {
      flagsOf(entityTypeId).isRecyclebinEnabled = true
      const e: JournalEntry = journalEntry({ at, by: { id: 1, name: 'Alex Morgan' }, source: 'app', kind: 'bulk', group, type: { id: 0, entityTypeId, title }, fields: [{ key: 'isRecyclebinEnabled', before: false, after: true }] })
      await journal.add(e)
    }
    await app.mount(AppHome, { connection: { placement: 'DEFAULT', isAdmin: true } })
    await vi.waitFor(() => expect(buttons().filter(b => b.textContent?.trim() === 'Undo the whole bulk change')).toHaveLength(2), WAIT)
    await click(buttons().find(b => b.textContent?.trim() === 'Undo the whole bulk change')!)
    await vi.waitFor(() => button('Undo 2 types'), WAIT)
    expect(text()).toContain('Undo the bulk change: 2 types go back')
    await click(button('Undo 2 types'))
    await vi.waitFor(() => expect(text()).toContain('Results of the undo'), WAIT)
    expect(statusText()).toContain('Applied: 2')
    expect(flagsOf(REPAIRS).isRecyclebinEnabled).toBe(false)
    expect(flagsOf(CONTRACTS).isRecyclebinEnabled).toBe(false)
  })

  it('stays out of the app page\'s chunk and the history\'s: both load it with import()', () => {
    const statics = (file: string) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/^\s*import\s[^'"()]*?from\s+['"]([^'"]+)['"]/gm)].map(m => m[1] ?? '')
    expect(statics('AppHome.vue').filter(spec => /bulk|BulkChange/i.test(spec))).toEqual([])
    expect(readFileSync(join(__dirname, 'AppHome.vue'), 'utf8')).toContain('import(\'./BulkChange.vue\')')
    expect(statics('PortalHistory.vue').filter(spec => /stores\/bulk|components\/bulk|useBulk/.test(spec))).toEqual([])
    expect(readFileSync(join(__dirname, 'PortalHistory.vue'), 'utf8')).toContain('import(\'@/components/bulk/BulkUndoModal.vue\')')
  })
})
