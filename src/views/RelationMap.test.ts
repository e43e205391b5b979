/**
 * The relation map on the app page (issue 21), mounted in AppHome over the
 * emulator in-process: the demo's three smart processes (linked among
 * themselves and to deals, contacts and companies) and two more without
 * links: 11 types (six standard ones), 7 links. Users (emulator/model/users.ts): 1 portal admin, 2 an employee.
 */
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { SEED_TYPES } from '../../emulator/model/seed'
import AppHome from './AppHome.vue'
import RelationMap from './RelationMap.vue'
import { usePortalMount } from '@test/mount'

const { repairs: REPAIRS, contracts: CONTRACTS, campaigns: CAMPAIGNS } = SEED_TYPES
const WAIT = { timeout: 8000, interval: 20 }

const buttons = () => [...document.querySelectorAll('button')]
function button(name: string): HTMLButtonElement {
  const found = buttons().filter(b => b.textContent?.trim() === name || b.getAttribute('aria-label') === name)
  if (found.length !== 1)
    throw new Error(`${found.length} buttons named "${name}"; the page says: ${document.body.textContent?.slice(0, 400)}`)
  return found[0]!
}
const nodeButton = (id: number) => document.querySelector<HTMLButtonElement>(`button[data-node-id="${id}"]`)
async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}
function switchNamed(name: string): HTMLElement {
  const el = [...document.querySelectorAll<HTMLElement>('[role="switch"]')].find((s) => {
    const label = document.querySelector(`label[for="${CSS.escape(s.id)}"]`)
    return label?.textContent?.trim() === name
  })
  if (!el)
    throw new Error(`no switch "${name}"`)
  return el
}

describe('RelationMap on the app page', () => {
  const app = usePortalMount()

  async function openMap(userId = 1) {
    app.portal.addTypes(2)
    const wrapper = await app.mount(AppHome, { userId, connection: { placement: 'DEFAULT', isAdmin: userId === 1 } })
    await vi.waitFor(() => button('Relation map'), WAIT)
    await click(button('Relation map'))
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toContain('Relation map'), WAIT)
    await vi.waitFor(() => expect(nodeButton(REPAIRS)).not.toBeNull(), WAIT)
    return wrapper
  }

  it('draws every type as a focusable button named with its links, the seed\'s links in the table', async () => {
    await openMap()
    const names = [...document.querySelectorAll('button[data-node-id]')].map(b => b.getAttribute('aria-label'))
    expect(names).toEqual(expect.arrayContaining(['Equipment Repairs, 4 links', 'Supplier Contracts, 2 links', 'Deals, 2 links', 'Leads, no links', 'Benchmark process 4, no links']))
    expect(document.body.textContent).toContain('11 types, 7 links')

    await click(switchNamed('Show as a table'))
    const rows = [...document.querySelectorAll('table tbody tr')].map(r => [...r.querySelectorAll('th, td')].slice(0, 5).map(c => c.textContent?.trim()))
    expect(rows).toEqual(expect.arrayContaining([
      ['Equipment Repairs', 'Supplier Contracts', 'Yes', 'No', 'No'],
      ['Contacts', 'Equipment Repairs', 'Yes', 'Yes', 'No'],
      ['Marketing Campaigns', 'Deals', 'No', 'No', 'No'],
    ]))
    expect(rows).toHaveLength(7)
    expect(document.querySelector('table caption')?.textContent).toContain('7')
  })

  it('opens a smart process\'s settings with Enter (a click on the button) and moves along links with the arrow keys', async () => {
    await openMap()
    const repairs = nodeButton(REPAIRS)!
    repairs.focus()
    repairs.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    await flushPromises()
    // Right of Repairs lies its child, Supplier Contracts.
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-node-id')).toBe(String(CONTRACTS)), WAIT)
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }))
    await vi.waitFor(() => expect(['3', '4', String(REPAIRS)]).toContain(document.activeElement?.getAttribute('data-node-id')), WAIT)

    await click(nodeButton(CAMPAIGNS)!)
    await vi.waitFor(() => button('Back to the map'), WAIT)
    await vi.waitFor(() => expect(document.body.textContent).toContain('Marketing Campaigns'), WAIT)
  })

  it('highlights search matches, and exports an SVG with one <g> per node', async () => {
    const wrapper = await openMap()
    const search = document.querySelector<HTMLInputElement>('input[aria-label="Find a type on the map"]')!
    search.value = 'contr'
    search.dispatchEvent(new Event('input', { bubbles: true }))
    await flushPromises()
    await vi.waitFor(() => expect(document.body.textContent).toContain('One type found'), WAIT)
    expect(nodeButton(CONTRACTS)!.closest('.map-node')!.classList.contains('map-node--matched')).toBe(true)
    expect(nodeButton(REPAIRS)!.closest('.map-node')!.classList.contains('map-node--matched')).toBe(false)

    const view = wrapper.findComponent(RelationMap).vm as unknown as { svgDocument: () => string }
    const svg = view.svgDocument()
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.documentElement.tagName).toBe('svg')
    expect(doc.querySelectorAll('g.node')).toHaveLength(11)
    expect(doc.querySelectorAll('path.edge')).toHaveLength(7)
    expect(doc.querySelector('title')?.textContent).toBe('Relation map')
    expect([...doc.querySelectorAll('g.node > title')].map(x => x.textContent)).toContain('Equipment Repairs, 4 links')
  })

  it('shows the employee no map button', async () => {
    app.portal.addTypes(1)
    await app.mount(AppHome, { userId: 2, connection: { placement: 'DEFAULT', isAdmin: false } })
    await flushPromises()
    expect(buttons().some(b => b.textContent?.trim() === 'Relation map')).toBe(false)
  })
})
