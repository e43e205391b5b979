import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPortal } from '../emulator/model/portal'
import { AppError } from './domain/errors'
import { createAppI18n } from './i18n'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from './stores/context'
import { recordingFrame } from '@test/mount'
import App from './App.vue'

async function mountShell(placement: string | Error) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const connect = placement instanceof Error
    ? () => Promise.reject(placement)
    : async () => ({ placement, placementOptions: {}, lang: 'en', isAdmin: true, gateway: createInProcessGateway(createPortal()), frame: recordingFrame().frame })
  await useContextStore(pinia).start(connect)
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, createAppI18n(), b24UiPlugin] } })
  await flushPromises()
  return wrapper
}

describe('App shell', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens the card tab\'s type in the narrow layout', async () => {
    const wrapper = await mountShell('CRM_DYNAMIC_1030_DETAIL_TAB')
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Equipment Repairs'))
    expect(wrapper.find('main').attributes('data-layout')).toBe('tab')
  })

  it('opens the list toolbar\'s type in the slider layout', async () => {
    const wrapper = await mountShell('CRM_DYNAMIC_1032_LIST_TOOLBAR')
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Supplier Contracts'))
    expect(wrapper.find('main').attributes('data-layout')).toBe('slider')
  })

  it('opens the app page for DEFAULT', async () => {
    const wrapper = await mountShell('DEFAULT')
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Smart Process Studio'), { timeout: 5000 })
  })

  it('explains that another smart process placement is not supported', async () => {
    const wrapper = await mountShell('CRM_DYNAMIC_1030_LIST_MENU')
    expect(wrapper.text()).toContain('This place is not supported')
    expect(wrapper.text()).toContain('CRM_DYNAMIC_1030_LIST_MENU')
  })

  it('shows the outside-the-portal page with no frame around it', async () => {
    const wrapper = await mountShell(new AppError({ code: 'outside_portal' }))
    expect(wrapper.text()).toContain('runs inside Bitrix24')
  })

  it('shows a failed start as an error in words', async () => {
    const wrapper = await mountShell(new AppError({ code: 'timeout' }))
    expect(wrapper.find('[role=alert]').text()).not.toBe('')
    expect(wrapper.find('[role=alert]').text()).not.toContain('errors.')
  })
})
