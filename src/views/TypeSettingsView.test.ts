import type { Portal } from '@test/mount'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { SEED_TYPES } from '../../emulator/model/seed'
import { recordingFrame, usePortalMount } from '@test/mount'
import TypeSettingsView from './TypeSettingsView.vue'

const REPAIRS = SEED_TYPES.repairs
const CONTRACTS = SEED_TYPES.contracts

function switchNamed(name: string): HTMLButtonElement {
  const label = [...document.querySelectorAll('label')].find(l => l.textContent?.trim() === name)
  const el = label && document.getElementById(label.htmlFor)
  if (!(el instanceof HTMLButtonElement) || el.getAttribute('role') !== 'switch')
    throw new Error(`no switch named ${name}`)
  return el
}

function buttonNamed(name: string): HTMLButtonElement {
  const el = [...document.querySelectorAll('button')].find(b => b.textContent?.trim() === name)
  if (!el)
    throw new Error(`no button named ${name}`)
  return el
}

async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}

function flags(portal: Portal, entityTypeId: number) {
  return portal.ctx.state.types.find(t => t.entityTypeId === entityTypeId)!.flags
}

describe('TypeSettingsView', () => {
  const app = usePortalMount()

  async function open(entityTypeId: number = REPAIRS, options: { userId?: number, isAdmin?: boolean, locale?: 'en' | 'ru' } = {}) {
    const rec = recordingFrame()
    const wrapper = await app.mount(TypeSettingsView, {
      userId: options.userId,
      connection: { isAdmin: options.isAdmin ?? true, frame: rec.frame },
      locale: options.locale,
      props: { entityTypeId, layout: 'tab' },
    })
    return { wrapper, calls: rec.calls }
  }

  it('shows the type\'s title and entityTypeId, every flag and linked field as a named switch', async () => {
    const { wrapper } = await open()
    expect(wrapper.get('h1').text()).toBe('Equipment Repairs')
    expect(wrapper.text()).toContain(`Type ID ${REPAIRS}`)
    // The relations editor (issue 7) has its own switches: count the settings' ones.
    // Portal REST: 14 flags to set, 2 set by Bitrix24 (read-only), no Recurrence (docs/platform.md "Flags"); and the 3 linked fields.
    expect([...document.querySelectorAll('button[role=switch]')].filter(b => !b.closest('[data-testid="relations"]'))).toHaveLength(16 + 3)
    expect(() => switchNamed('Recurrence')).toThrow()
    expect(switchNamed('Online payment').hasAttribute('disabled')).toBe(true)
    expect(document.getElementById(switchNamed('Online payment').getAttribute('aria-describedby') ?? '')?.textContent).toContain('Set by Bitrix24')
    expect(switchNamed('Observers').hasAttribute('disabled')).toBe(false)
    expect(switchNamed('Client').getAttribute('aria-checked')).toBe('true')
    expect(switchNamed('Show in tasks').getAttribute('aria-checked')).toBe('true')
    const described = document.getElementById(switchNamed('Client').getAttribute('aria-describedby') ?? '')
    expect(described?.textContent).toContain('contacts and companies')
  })

  it('leaves the card\'s heading to the portal in the tab', async () => {
    const { calls } = await open()
    expect(calls.titles).toEqual([])
  })

  it('sets the slider\'s title to the type\'s', async () => {
    const rec = recordingFrame()
    await app.mount(TypeSettingsView, { connection: { isAdmin: true, frame: rec.frame }, props: { entityTypeId: REPAIRS, layout: 'slider' } })
    await flushPromises()
    expect(rec.calls.titles).toEqual(['Equipment Repairs — Smart Process Studio'])
  })

  it('marks a toggled flag as changed, offers Save and Discard, and saves it to the portal', async () => {
    await open()
    expect(document.body.textContent).not.toContain('Discard')
    await click(switchNamed('Recycle bin'))
    expect(switchNamed('Recycle bin').closest('[data-changed]')).not.toBeNull()
    expect(document.body.textContent).toContain('One unsaved change')
    await click(buttonNamed('Save'))
    // The save waits for its journal entry (issue 19) first: a few more round trips.
    await vi.waitFor(() => expect(document.body.textContent).toContain('Settings saved.'))
    expect(flags(app.portal, REPAIRS).isRecyclebinEnabled).toBe(true)
    expect(switchNamed('Recycle bin').closest('[data-changed]')).toBeNull()
  })

  it('discards the draft back to the loaded values', async () => {
    await open()
    await click(switchNamed('Recycle bin'))
    await click(buttonNamed('Discard'))
    expect(switchNamed('Recycle bin').getAttribute('aria-checked')).toBe('false')
    expect(document.body.textContent).not.toContain('unsaved change')
    // Issue 17: a few seconds to take it back.
    await click(buttonNamed('Undo'))
    expect(switchNamed('Recycle bin').getAttribute('aria-checked')).toBe('true')
    expect(document.body.textContent).toContain('One unsaved change')
  })

  it('tells the side effects before saving: Client on adds links, stages off hides the kanban', async () => {
    await open(CONTRACTS)
    await click(switchNamed('Client'))
    await click(switchNamed('Stages and kanban'))
    const text = document.body.textContent ?? ''
    expect(text).toContain('When you save')
    expect(text).toContain('Client: Bitrix24 will link contacts and companies')
    expect(text).toContain('Stages and kanban: Custom stages and the kanban board will no longer be available')
  })

  it('asks only about a field both sides changed, says who changed it and when, and saves after the choice', async () => {
    await open()
    await click(switchNamed('Recycle bin'))
    const title = document.querySelector('input') as HTMLInputElement
    title.value = 'Repairs'
    title.dispatchEvent(new Event('input'))
    await flushPromises()
    const { flag } = app.portal.simulateOtherAdminEdit(REPAIRS)
    const id = app.portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)!.id
    expect(app.portal.call('crm.type.update', { id, fields: { title: 'Repairs (elsewhere)' } }, { userId: 3 }).status).toBe(200)
    await click(buttonNamed('Save'))
    expect(document.body.textContent).toContain('Changed elsewhere while you were editing')
    expect(document.body.textContent).toContain('Last changed by user 3')
    expect(document.activeElement?.textContent).toContain('Changed elsewhere')
    const legend = [...document.querySelectorAll('legend')].map(l => l.textContent?.trim())
    expect(legend).toEqual(['Title'])
    await click(buttonNamed('Save with these choices'))
    expect(flags(app.portal, REPAIRS).isRecyclebinEnabled).toBe(true)
    expect(app.portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)!.title).toBe('Repairs')
    expect(document.body.textContent).toContain('Changes made elsewhere meanwhile were kept: Observers')
    expect(flag).toBe('isObserversEnabled')
  })

  it('pairs the linked fields with "Use in user fields": they count only while it is on', async () => {
    await open(REPAIRS)
    expect(switchNamed('In task templates').hasAttribute('disabled')).toBe(false)
    await click(switchNamed('Use in user fields'))
    expect(switchNamed('In task templates').hasAttribute('disabled')).toBe(true)
    expect(document.getElementById(switchNamed('In task templates').getAttribute('aria-describedby') ?? '')?.textContent).toContain('Counts only while “Use in user fields” is on')
  })

  // crm-type-get-by-entity-type-id.md: a reader may read; crm-type-update.md: only CRM administrators change.
  it('shows everything read-only with the reason to a user without the CRM admin right', async () => {
    await open(REPAIRS, { userId: 2, isAdmin: false })
    expect(document.body.textContent).toContain('Only CRM administrators can change a smart process')
    expect([...document.querySelectorAll('button[role=switch]')].every(s => s.hasAttribute('disabled'))).toBe(true)
    expect(document.querySelector('input')?.disabled).toBe(true)
    expect(document.body.textContent).not.toContain('Save')
  })

  it('shows a save error in the user\'s language and keeps the draft for a retry', async () => {
    await open(REPAIRS, { locale: 'ru' })
    await click(switchNamed('Корзина'))
    app.portal.faults.errorRate = 1
    await click(buttonNamed('Сохранить'))
    // The client retries a failed read a few times before giving up.
    const alert = await vi.waitFor(() => document.querySelector('[role=alert]') ?? Promise.reject(new Error('no alert')))
    expect(alert.textContent?.trim()).toBeTruthy()
    expect(alert.textContent).toMatch(/[а-я]/i)
    expect(switchNamed('Корзина').getAttribute('aria-checked')).toBe('true')
    app.portal.faults.errorRate = 0
    await click(await vi.waitFor(() => buttonNamed('Повторить')))
    await vi.waitFor(() => expect(flags(app.portal, REPAIRS).isRecyclebinEnabled).toBe(true))
  })

  it('does not send an empty title: says so at the field and disables Save', async () => {
    await open()
    const input = document.querySelector('input') as HTMLInputElement
    input.value = '   '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.body.textContent).toContain('Enter a title.')
    expect(buttonNamed('Save').disabled).toBe(true)
  })

  it('edits the title and sends it trimmed', async () => {
    await open()
    const input = document.querySelector('input') as HTMLInputElement
    input.value = '  Repairs  '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    await click(buttonNamed('Save'))
    expect(app.portal.ctx.state.types.find(t => t.entityTypeId === REPAIRS)?.title).toBe('Repairs')
    expect(document.querySelector('h1')?.textContent?.trim()).toBe('Repairs')
  })

  it('puts Save and Discard right under the title, before the fields, the flags and the links (page and Tab order)', async () => {
    await open()
    await click(switchNamed('Recycle bin'))
    const order = (a: Element, b: Element) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING
    const save = buttonNamed('Save')
    expect(order(document.querySelector('h1')!, save)).toBeTruthy()
    expect(order(save, buttonNamed('Discard'))).toBeTruthy()
    expect(order(buttonNamed('Discard'), document.querySelector('input')!)).toBeTruthy()
    expect(order(document.querySelector('input')!, switchNamed('Pipelines'))).toBeTruthy()
    expect(order(switchNamed('In calendar events'), document.querySelector('[data-testid="relations"]')!)).toBeTruthy()
  })

  it('keeps the draft bar in place without a draft and says when the draft was discarded', async () => {
    await open()
    const bar = document.querySelector('[data-testid="draft-bar"]')
    expect(bar?.textContent).toContain('Changes take effect after you save.')
    await click(switchNamed('Recycle bin'))
    expect(bar?.textContent).not.toContain('Changes take effect after you save.')
    await click(buttonNamed('Discard'))
    expect(document.querySelector('[role=status]')?.textContent?.trim()).toBe('Changes discarded.')
    expect(document.querySelector('[data-testid="draft-bar"]')).toBe(bar)
  })
})
