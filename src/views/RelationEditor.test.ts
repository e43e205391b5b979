import type { Portal } from '@test/mount'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { relationsOf } from '../../emulator/model/relations'
import { SEED_TYPES } from '../../emulator/model/seed'
import { usePortalMount } from '@test/mount'
import TypeSettingsView from '@/views/TypeSettingsView.vue'

const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES

function section(side: 'parent' | 'child'): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-side="${side}"]`)
  if (!el)
    throw new Error(`no ${side} list`)
  return el
}

function row(side: 'parent' | 'child', id: number): HTMLElement {
  const el = section(side).querySelector<HTMLElement>(`[data-entity-type-id="${id}"]`)
  if (!el)
    throw new Error(`no ${side} row ${id}`)
  return el
}

function button(name: string, root: ParentNode = document): HTMLButtonElement {
  const el = [...root.querySelectorAll('button')].find(b => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name)
  if (!el)
    throw new Error(`no button ${name}`)
  return el
}

function switchIn(el: HTMLElement): HTMLButtonElement {
  const sw = el.querySelector<HTMLButtonElement>('button[role="switch"]')
  if (!sw)
    throw new Error('no switch')
  return sw
}

async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}

async function pick(side: 'parent' | 'child', label: string, query: string) {
  // The picker is loaded on demand (out of the card tab's first JS).
  await click(await vi.waitFor(() => button(label, section(side))))
  const input = section(side).querySelector<HTMLInputElement>('[role="combobox"]')!
  input.value = query
  input.dispatchEvent(new Event('input'))
  await flushPromises()
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  await flushPromises()
}

function otherAdminWrites(portal: Portal, child: { entityTypeId: number, isChildrenListEnabled: string }[]) {
  const rec = portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)!
  portal.call('crm.type.update', { id: rec.id, fields: { relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'true' }], child } } }, { userId: 3 })
}

describe('relations in the settings view', () => {
  const app = usePortalMount()

  async function open(userId = 1) {
    await app.mount(TypeSettingsView, {
      userId,
      connection: { isAdmin: userId !== 2 },
      props: { entityTypeId: REPAIRS, layout: 'tab' },
    })
    await flushPromises()
  }

  it('lists parents and children by name and entityTypeId; a predefined link is locked with the reason', async () => {
    await open()
    expect(row('parent', 2).textContent).toContain('Deals')
    expect(row('parent', 2).textContent).toContain('Type ID 2')
    expect(row('child', CONTRACTS).textContent).toContain('Supplier Contracts')
    const contacts = row('parent', 3)
    expect(contacts.textContent).toContain('Set by Bitrix24')
    expect(contacts.textContent).toContain('cannot be changed or removed here')
    expect(switchIn(contacts).disabled).toBe(true)
    expect(contacts.querySelector('button[aria-label^="Remove"]')).toBeNull()
    expect(switchIn(row('parent', 2)).getAttribute('aria-describedby')).toBeTruthy()
  })

  it('adds a child through the picker, switches its list on, and the one Save writes it', async () => {
    await open()
    await pick('child', 'Add a child', 'campaigns')
    expect(row('child', CAMPAIGNS).textContent).toContain('New')
    await click(switchIn(row('child', CAMPAIGNS)))
    expect(document.body.textContent).toContain('One unsaved change')
    await click(button('Save'))
    // The save waits for its journal entry first (issue 19): a few more round trips.
    await vi.waitFor(() => expect(document.body.textContent).toContain('Settings saved.'))
    expect(relationsOf(app.portal.ctx.state, REPAIRS).child).toContainEqual({ entityTypeId: CAMPAIGNS, isChildrenListEnabled: true, isPredefined: false })
    expect(row('child', CAMPAIGNS).textContent).not.toContain('New')
  })

  it('removes a link and offers it back until saved', async () => {
    await open()
    await click(button('Remove the link to Supplier Contracts (child)'))
    expect(section('child').textContent).toContain('Removed: Supplier Contracts')
    await click(button('Undo removing Supplier Contracts (child)'))
    expect(row('child', CONTRACTS)).toBeTruthy()
    expect(document.body.textContent).not.toContain('unsaved change')
  })

  it('names the links the portal dropped and keeps them in the draft', async () => {
    app.portal.faults.dropRelationsTo = [CAMPAIGNS]
    await open()
    await pick('child', 'Add a child', '1034')
    await click(button('Save'))
    expect(document.body.textContent).toContain('Bitrix24 did not save these links: Marketing Campaigns')
    expect(row('child', CAMPAIGNS).textContent).toContain('New')
  })

  it('shows a link to a deleted type as "deleted type <id>" and removes it', async () => {
    otherAdminWrites(app.portal, [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }, { entityTypeId: CAMPAIGNS, isChildrenListEnabled: 'true' }])
    const rec = app.portal.ctx.state.types.find(t => t.entityTypeId === CAMPAIGNS)!
    app.portal.call('crm.type.delete', { id: rec.id }, { userId: 1 })
    await open()
    expect(row('child', CAMPAIGNS).textContent).toContain(`deleted type ${CAMPAIGNS}`)
    await click(button(`Remove the link to deleted type ${CAMPAIGNS} (child)`))
    await click(button('Save'))
    expect(relationsOf(app.portal.ctx.state, REPAIRS).child.map(r => r.entityTypeId)).toEqual([CONTRACTS])
  })

  it('asks about a switch both sides changed and saves the portal\'s value when chosen', async () => {
    await open()
    await pick('child', 'Add a child', 'campaigns')
    await click(switchIn(row('child', CAMPAIGNS)))
    otherAdminWrites(app.portal, [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }, { entityTypeId: CAMPAIGNS, isChildrenListEnabled: 'false' }])
    await click(button('Save'))
    expect(document.body.textContent).toContain('Links changed elsewhere while you were editing')
    const theirs = [...document.querySelectorAll<HTMLElement>('[role="radio"], input[type="radio"]')].find(r => r.closest('fieldset')?.textContent?.includes('Take the portal\'s: hidden'))
    const radio = [...document.querySelectorAll('label')].find(l => l.textContent?.includes('Take the portal\'s: hidden'))
    expect(theirs ?? radio).toBeTruthy()
    await click(radio ?? theirs!)
    await click(button('Save links with these choices'))
    expect(document.body.textContent).not.toContain('Links changed elsewhere')
    expect(document.body.textContent).not.toContain('unsaved change')
    expect(switchIn(row('child', CAMPAIGNS)).getAttribute('aria-checked')).toBe('false')
    expect(relationsOf(app.portal.ctx.state, REPAIRS).child).toContainEqual({ entityTypeId: CAMPAIGNS, isChildrenListEnabled: false, isPredefined: false })
  })

  it('keeps mine when chosen and writes it with the next merge', async () => {
    await open()
    await pick('child', 'Add a child', 'campaigns')
    await click(switchIn(row('child', CAMPAIGNS)))
    otherAdminWrites(app.portal, [{ entityTypeId: CONTRACTS, isChildrenListEnabled: 'true' }, { entityTypeId: CAMPAIGNS, isChildrenListEnabled: 'false' }])
    await click(button('Save'))
    await click(button('Save links with these choices'))
    await vi.waitFor(() => expect(document.body.textContent).toContain('Settings saved.'))
    expect(relationsOf(app.portal.ctx.state, REPAIRS).child).toContainEqual({ entityTypeId: CAMPAIGNS, isChildrenListEnabled: true, isPredefined: false })
  })

  it('is read-only for a user without admin rights', async () => {
    await open(2)
    expect(row('parent', 2)).toBeTruthy()
    expect(switchIn(row('parent', 2)).disabled).toBe(true)
    expect(button('Remove the link to Deals (parent)').disabled).toBe(true)
    expect([...document.querySelectorAll('button')].some(b => b.textContent?.trim() === 'Add a parent')).toBe(false)
  })
})
