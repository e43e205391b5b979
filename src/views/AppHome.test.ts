import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import AppHome from './AppHome.vue'
import { usePortalMount } from '@test/mount'

const HANDLER = 'https://studio.example.com/'

async function settle() {
  for (let i = 0; i < 5; i++)
    await flushPromises()
}

describe('AppHome', () => {
  const app = usePortalMount()

  function mount(userId: number, isFirstRun: boolean, finished: boolean[] = []) {
    return app.mount(AppHome, {
      userId,
      connection: {
        placement: 'DEFAULT',
        isAdmin: userId === 1 || userId === 3,
        install: {
          isFirstRun,
          handlerUrl: HANDLER,
          finish: async () => {
            finished.push(true)
            return true
          },
        },
      },
    })
  }

  it('on the first run binds every type, finishes the install and shows every placement added', async () => {
    const finished: boolean[] = []
    await mount(1, true, finished)
    await settle()
    // The install also makes the history's storage before it finishes (issue 19): a few more round trips.
    await vi.waitFor(() => expect(finished).toEqual([true]))
    expect(app.portal.ctx.state.entityStorages?.map(s => s.entity)).toEqual(['spshistory'])
    expect(app.portal.ctx.state.placements).toHaveLength(6)
    expect(document.body.textContent).toContain('Every smart process has the card tab and the list action.')
    expect(document.querySelectorAll('tbody tr')).toHaveLength(3)
    expect(document.body.textContent).not.toContain('Missing')
  })

  it('a portal with no smart processes says so and points to Create, never "0"', async () => {
    app.portal.ctx.state.types.length = 0
    await mount(1, false)
    await settle()
    expect(document.body.textContent).toContain('No smart processes yet. Create the first one.')
    expect(document.querySelector('table')).toBeNull()
  })

  // crm-type-list.md: CRM admins only; crm-enum-owner-type.md: any user. The employee gets the names, not an error.
  it('an employee sees the names read-only: no create, no delete, no install panel, nothing bound', async () => {
    await mount(2, false)
    await settle()
    expect(document.body.textContent).toContain('You see the smart processes\' names only')
    expect(document.querySelectorAll('tbody tr')).toHaveLength(3)
    expect(document.querySelector('[role=alert]')).toBeNull()
    const labels = [...document.querySelectorAll('button')].map(b => b.textContent?.trim())
    expect(labels).not.toContain('Create smart process')
    expect(labels).not.toContain('Delete')
    expect(labels).not.toContain('Repair placements')
    expect(app.portal.ctx.state.placements).toHaveLength(0)
  })

  // placement-bind.md: administrator only; crm-type-add.md: CRM admins.
  it('a CRM admin who is not a portal admin creates and deletes, but is told the placements need a portal admin', async () => {
    await mount(4, false)
    await settle()
    const labels = [...document.querySelectorAll('button')].map(b => b.textContent?.trim())
    expect(labels).toContain('Create smart process')
    expect(labels).not.toContain('Repair placements')
    expect(document.body.textContent).toContain('Only a Bitrix24 administrator can add the app to smart processes')
  })
})
