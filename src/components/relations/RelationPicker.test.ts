import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { mountInApp } from '@test/mount'
import RelationPicker from './RelationPicker.vue'

const OPTIONS = [
  { entityTypeId: 2, label: 'Deals' },
  { entityTypeId: 7, label: 'Quotes' },
  { entityTypeId: 1032, label: 'Supplier Contracts' },
  { entityTypeId: 1034, label: 'Marketing Campaigns' },
]

function combobox(): HTMLInputElement {
  const el = document.querySelector('[role="combobox"]')
  if (!(el instanceof HTMLInputElement))
    throw new Error('no combobox')
  return el
}

function options(): string[] {
  return [...document.querySelectorAll('[role="option"]')].map(o => o.querySelector('span')?.textContent?.trim() ?? '')
}

async function key(k: string) {
  combobox().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))
  await flushPromises()
}

async function type(text: string) {
  const input = combobox()
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('RelationPicker', () => {
  let wrapper: VueWrapper | null = null
  const picked: number[] = []
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    picked.length = 0
    document.body.innerHTML = ''
  })

  async function mount(props: Record<string, unknown> = {}) {
    wrapper = await mountInApp(RelationPicker, { props: { options: OPTIONS, buttonLabel: 'Add a child', inputLabel: 'Add a child: find a CRM type', onPick: (id: number) => picked.push(id), ...props } })
    const opener = [...document.querySelectorAll('button')].find(b => b.textContent?.trim() === 'Add a child')!
    return opener
  }

  it('opens a labelled combobox with focus in the search field and every option listed', async () => {
    const opener = await mount()
    opener.click()
    await flushPromises()
    const input = combobox()
    expect(document.activeElement).toBe(input)
    expect(input.getAttribute('aria-label')).toBe('Add a child: find a CRM type')
    expect(input.getAttribute('aria-controls')).toBe(document.querySelector('[role="listbox"]')?.id)
    expect(options()).toEqual(['Deals', 'Quotes', 'Supplier Contracts', 'Marketing Campaigns'])
  })

  it('filters by name or entityTypeId and picks the active option with Enter', async () => {
    const opener = await mount()
    opener.click()
    await flushPromises()
    await type('contr')
    expect(options()).toEqual(['Supplier Contracts'])
    await type('103')
    expect(options()).toEqual(['Supplier Contracts', 'Marketing Campaigns'])
    await key('ArrowDown')
    const active = combobox().getAttribute('aria-activedescendant')
    expect(document.getElementById(active!)?.textContent).toContain('Marketing Campaigns')
    expect(document.getElementById(active!)?.getAttribute('aria-selected')).toBe('true')
    await key('Enter')
    expect(picked).toEqual([1034])
    expect(document.querySelector('[role="combobox"]')).toBeNull()
  })

  it('wraps around with the arrows and closes on Escape, focus back on the button, nothing picked', async () => {
    const opener = await mount()
    opener.click()
    await flushPromises()
    await key('ArrowUp')
    expect(document.getElementById(combobox().getAttribute('aria-activedescendant')!)?.textContent).toContain('Marketing Campaigns')
    await key('Escape')
    expect(picked).toEqual([])
    expect(document.querySelector('[role="combobox"]')).toBeNull()
    expect(document.activeElement?.textContent?.trim()).toBe('Add a child')
  })

  it('says so when nothing matches and Enter picks nothing', async () => {
    const opener = await mount()
    opener.click()
    await flushPromises()
    await type('zzz')
    expect(options()).toEqual([])
    expect(document.body.textContent).toContain('No matching CRM type.')
    expect(combobox().hasAttribute('aria-activedescendant')).toBe(false)
    await key('Enter')
    expect(picked).toEqual([])
  })

  it('cannot be opened when no type is left to link', async () => {
    const opener = await mount({ options: [] })
    expect(opener.disabled).toBe(true)
  })
})
