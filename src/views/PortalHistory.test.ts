/**
 * The app page's History of the whole portal (issue 19), mounted in AppHome
 * over the emulator in-process: the entries are written to the journal's
 * storage through the app's own REST journal before the page opens. Users
 * (emulator/model/users.ts): 1 portal admin, 2 and 5 employees.
 */
import type { JournalEntry } from '@/domain/journal/entry'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { addEntityItem } from '../../emulator/model/entity'
import { SEED_TYPES } from '../../emulator/model/seed'
import AppHome from './AppHome.vue'
import { entryToItem, JOURNAL_ENTITY } from '@/portal/journal-wire'
import { createRestJournal } from '@/portal/rest-journal'
import { useJournalStore } from '@/stores/journal'
import { createInProcessClient } from '@test/emulator-gateway'
import { journalEntry } from '@test/journal-fixtures'
import { usePortalMount } from '@test/mount'

const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES

function entry(over: Partial<JournalEntry>): JournalEntry {
  return journalEntry({ at: '2026-05-01T09:00:00.000Z', type: { id: 1, entityTypeId: REPAIRS, title: 'Equipment Repairs' }, fields: [{ key: 'isRecyclebinEnabled', before: true, after: false }], ...over })
}

/** Oldest first, as they happened. */
const WRITTEN = [
  entry({}),
  entry({ at: '2026-05-02T09:00:00.000Z', by: { id: 1, name: 'Alex Morgan' }, source: 'app', kind: 'create', type: { id: 2, entityTypeId: CONTRACTS, title: 'Supplier Contracts' }, fields: [{ key: 'title', before: null, after: 'Supplier Contracts' }] }),
  entry({ at: '2026-05-03T09:00:00.000Z', by: { id: 3, name: 'Sam Taylor' }, type: { id: 3, entityTypeId: CAMPAIGNS, title: 'Marketing Campaigns' }, fields: [{ key: 'title', before: 'Campaigns', after: 'Marketing Campaigns' }] }),
]
const SENTENCES = {
  recycle: 'Dana Petrova turned off Recycle bin',
  created: 'Alex Morgan created the smart process “Supplier Contracts”',
  renamed: 'Sam Taylor renamed it from “Campaigns” to “Marketing Campaigns”',
}

async function settle(rounds = 8) {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise(r => setTimeout(r, 10))
  }
}

/** Waits until `check` holds (the portal answers over the SDK's queue, a few ticks at a time). */
async function until(check: () => boolean, what: string, ms = 4000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the page says: ${document.body.textContent}`)
    await flushPromises()
    await new Promise(r => setTimeout(r, 20))
  }
}

const IMPLICIT_ROLES: Record<string, string> = { region: 'section[aria-labelledby], section[aria-label], [role="region"]', combobox: 'select, [role="combobox"]', searchbox: 'input[type="search"]', button: 'button, [role="button"]', list: 'ol, ul, [role="list"]' }

/** The accessible name as a screen reader would get it here: aria-label, aria-labelledby, a <label for>, else the text. */
function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label')
  if (label)
    return label.trim()
  const by = el.getAttribute('aria-labelledby')
  if (by)
    return by.split(/\s+/).map(id => document.getElementById(id)?.textContent ?? '').join(' ').trim()
  if (el.id) {
    const forIt = document.querySelector(`label[for="${el.id}"]`)
    if (forIt)
      return forIt.textContent?.trim() ?? ''
  }
  return el.textContent?.trim() ?? ''
}

function byRole(role: string, name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>(IMPLICIT_ROLES[role] ?? `[role="${role}"]`)].filter(el => nameOf(el) === name)
  if (found.length !== 1)
    throw new Error(`${found.length} ${role}s named "${name}"`)
  return found[0]!
}

function queryRole(role: string, name: string): HTMLElement | null {
  return [...document.querySelectorAll<HTMLElement>(IMPLICIT_ROLES[role] ?? `[role="${role}"]`)].find(el => nameOf(el) === name) ?? null
}

/** The input a <label> names. */
function labelled(label: string): HTMLInputElement {
  const forId = [...document.querySelectorAll('label')].find(l => l.textContent?.trim() === label)?.htmlFor
  const el = forId ? document.getElementById(forId) : null
  if (!(el instanceof HTMLInputElement))
    throw new Error(`no input labelled "${label}"`)
  return el
}


/** The options of a select named `label`, as a user reads them. */
function optionsOf(label: string): string[] {
  return [...(byRole('combobox', label) as HTMLSelectElement).options].map(o => o.textContent?.trim() ?? '')
}

/** Picks an option of a (native) select by its text, as choosing it does. */
async function choose(label: string, option: string) {
  const select = byRole('combobox', label) as HTMLSelectElement
  const index = optionsOf(label).indexOf(option)
  if (index < 0)
    throw new Error(`no option "${option}" in "${label}"`)
  select.selectedIndex = index
  select.dispatchEvent(new Event('change', { bubbles: true }))
  await flushPromises()
}

/** The history's entries as shown, top to bottom. */
function listed(): string[] {
  const list = queryRole('list', 'History of changes')
  return list ? [...list.querySelectorAll('li > div > p')].map(p => p.textContent?.trim() ?? '') : []
}

describe('PortalHistory on the app page', () => {
  const app = usePortalMount()

  async function write(entries: JournalEntry[]): Promise<number[]> {
    const journal = createRestJournal(createInProcessClient(app.portal))
    const ids: number[] = []
    for (const e of entries)
      ids.push(await journal.add(e))
    return ids
  }

  function mount(userId = 1) {
    return app.mount(AppHome, { userId, connection: { placement: 'DEFAULT', isAdmin: userId === 1 || userId === 3 } })
  }

  async function open(userId = 1) {
    await mount(userId)
    await until(() => listed().length > 0 || /No changes recorded yet/.test(document.body.textContent ?? ''), 'the history')
  }

  it('lists every change of the portal as a sentence, newest first, below the smart processes, with the count and the retention', async () => {
    await write(WRITTEN)
    await open()
    expect(listed()).toEqual([SENTENCES.renamed, SENTENCES.created, SENTENCES.recycle])
    const section = byRole('region', 'History of changes')
    // Below the table of types.
    expect(document.querySelector('table')!.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(section.textContent).toContain('3 of 3')
    expect(section.textContent).toContain('The history keeps the last 2,000 changes or 180 days')
    expect(section.textContent).toContain('recorded when the app next reads the type')
    // Which type and where: a portal-wide history names the type on every entry.
    expect(section.querySelector('li')!.textContent).toContain('Marketing Campaigns · in the card')
    // Undo names what it undoes, and of which type.
    expect(byRole('button', 'Undo: turned off Recycle bin (Equipment Repairs)')).toBeTruthy()
    // Every filter is a named control.
    for (const name of ['Smart process', 'User', 'Kind of change'])
      expect(byRole('combobox', name)).toBeTruthy()
    expect(byRole('searchbox', 'Search by the title of the smart process')).toBeTruthy()
    expect(labelled('From').type).toBe('date')
    expect(labelled('To').type).toBe('date')
    expect(byRole('button', 'Clear filters').hasAttribute('disabled')).toBe(true)
  })

  it('says the history is empty on a portal where nothing was recorded', async () => {
    await open()
    expect(listed()).toEqual([])
    expect(byRole('region', 'History of changes').textContent).toContain('No changes recorded yet.')
  })

  it('sends the kind and the type chosen to the portal and lists only what matches', async () => {
    await write(WRITTEN)
    await open()
    const list = vi.spyOn(useJournalStore(), 'list')

    await choose('Kind of change', 'Created')
    await until(() => listed().length === 1, 'the created entry only')
    expect(list).toHaveBeenLastCalledWith({ kind: 'create' })
    expect(listed()).toEqual([SENTENCES.created])

    await choose('Kind of change', 'Any')
    await until(() => listed().length === 3, 'every entry again')
    await choose('Smart process', 'Equipment Repairs')
    await until(() => listed().length === 1, 'the entries of Equipment Repairs')
    expect(list).toHaveBeenLastCalledWith({ entityTypeId: REPAIRS })
    expect(listed()).toEqual([SENTENCES.recycle])

    // Nothing of that type is of that kind: said so, not "no history".
    await choose('Kind of change', 'Created')
    await until(() => listed().length === 0, 'no entries')
    expect(list).toHaveBeenLastCalledWith({ entityTypeId: REPAIRS, kind: 'create' })
    expect(byRole('region', 'History of changes').textContent).toContain('No changes match the filters.')

    byRole('button', 'Clear filters').click()
    await until(() => listed().length === 3, 'every entry after clearing')
    expect(list).toHaveBeenLastCalledWith({})
  })

  it('filters by who made the change: those seen in the history and the current user', async () => {
    await write(WRITTEN)
    await open()
    expect(optionsOf('User')).toEqual(['Any', 'Alex Morgan', 'Dana Petrova', 'Sam Taylor'])
    await choose('User', 'Sam Taylor')
    await until(() => listed().length === 1, 'the entries of Sam Taylor')
    expect(listed()).toEqual([SENTENCES.renamed])
  })

  it('searches by the title once the typing stops, and by the day with "to" taking the whole day', async () => {
    await write(WRITTEN)
    await open()
    const list = vi.spyOn(useJournalStore(), 'list')
    const search = byRole('searchbox', 'Search by the title of the smart process') as HTMLInputElement
    for (const typed of ['s', 'su', 'sup']) {
      search.value = typed
      search.dispatchEvent(new Event('input', { bubbles: true }))
      await flushPromises()
    }
    // Not a request a keystroke.
    expect(list).not.toHaveBeenCalled()
    await until(() => listed().length === 1, 'the search result')
    expect(list).toHaveBeenCalledTimes(1)
    expect(list).toHaveBeenLastCalledWith({ search: 'sup' })
    expect(listed()).toEqual([SENTENCES.created])

    byRole('button', 'Clear filters').click()
    await until(() => listed().length === 3, 'every entry after clearing')

    const to = labelled('To')
    to.value = '2026-05-02'
    to.dispatchEvent(new Event('input', { bubbles: true }))
    await until(() => listed().length === 2, 'the entries up to 2 May')
    expect(listed()).toEqual([SENTENCES.created, SENTENCES.recycle])
    const sent = list.mock.lastCall![0]
    expect(sent.to).toEqual(new Date(2026, 4, 2, 23, 59, 59, 999))
  })

  it('shows a change saved elsewhere on the page when the journal writes it', async () => {
    await write(WRITTEN.slice(0, 1))
    await open()
    expect(listed()).toEqual([SENTENCES.recycle])
    await useJournalStore().record(WRITTEN[2]!)
    await until(() => listed().length === 2, 'the new entry')
    expect(listed()).toEqual([SENTENCES.renamed, SENTENCES.recycle])
  })

  it('pages with Show more', async () => {
    // Straight into the storage: 52 REST writes would only slow the test.
    await createRestJournal(createInProcessClient(app.portal)).ensure()
    const storage = app.portal.ctx.state.entityStorages!.find(s => s.entity === JOURNAL_ENTITY)!
    for (let i = 0; i < 52; i++)
      addEntityItem(app.portal.ctx.state, storage, entryToItem(entry({ at: new Date(Date.UTC(2026, 4, 1, 0, i)).toISOString() })), 1, Date.now())
    await open()
    expect(listed()).toHaveLength(50)
    expect(byRole('region', 'History of changes').textContent).toContain('50 of 52')
    byRole('button', 'Show more').click()
    await until(() => listed().length === 52, 'the second page')
    expect(queryRole('button', 'Show more')).toBeNull()
  })

  it.each([2, 5])('shows employee %i no history at all, and asks the portal nothing of it', async (userId) => {
    await write(WRITTEN)
    await mount(userId)
    await until(() => document.querySelectorAll('tbody tr').length > 0, 'the list of types')
    await settle()
    expect(document.body.textContent).not.toContain('History of changes')
    expect(queryRole('region', 'History of changes')).toBeNull()
    expect(app.portal.log.list().filter(e => e.userId === userId && e.method.startsWith('entity.'))).toEqual([])
  })

  it('stays out of the app page\'s chunk: AppHome imports none of the history statically', () => {
    const source = readFileSync(join(__dirname, 'AppHome.vue'), 'utf8')
    const statics = [...source.matchAll(/^\s*import\s[^'"()]*?from\s+['"]([^'"]+)['"]/gm)].map(m => m[1])
    expect(statics.filter(spec => /journal|history|PortalHistory/i.test(spec ?? ''))).toEqual([])
    expect(source).toContain('import(\'./PortalHistory.vue\')')
  })
})
