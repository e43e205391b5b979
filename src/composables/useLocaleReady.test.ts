import type { Locale } from '@/i18n'
import type { MessageTree } from '@/i18n/tree'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPortal } from '../../emulator/model/portal'
import App from '@/App.vue'
import { createAppI18n } from '@/i18n'
import { followLocale } from '@/i18n/follow-locale'
import { ru } from '@/i18n/messages'
import { createInProcessGateway } from '@test/emulator-gateway'
import { useContextStore } from '@/stores/context'
import { useTypeSettingsStore } from '@/stores/type-settings'
import { recordingFrame } from '@test/mount'

/** The app as main.ts starts it, with en only at first and ru's chunk held back until the test lets it come. */
async function startApp(lang: string) {
  let deliver!: (messages: MessageTree) => void
  const load = vi.fn(() => new Promise<MessageTree | null>((resolve) => {
    deliver = resolve
  }))
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n()
  const context = useContextStore(pinia)
  followLocale(i18n.global, () => context.language as Locale, { load })
  const rec = recordingFrame()
  await context.start(async () => ({ placement: 'CRM_DYNAMIC_1030_LIST_TOOLBAR', placementOptions: {}, lang, isAdmin: true, gateway: createInProcessGateway(createPortal()), frame: rec.frame }))
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, i18n, b24UiPlugin] } })
  await flushPromises()
  return { wrapper, load, deliver: (m: MessageTree) => deliver(m), titles: rec.calls.titles, settings: useTypeSettingsStore(pinia) }
}

/** The chunks the settings fetch after their first screen (export, history and its messages) are in: none loads after the test. */
async function lazyPartsIn() {
  await vi.waitFor(() => {
    expect(document.querySelector('#type-history-heading')?.textContent?.trim()).toBeTruthy()
    expect(document.querySelector('section[aria-labelledby="type-history-heading"] p')).not.toBeNull()
    expect(document.body.textContent).toMatch(/Export setup|Экспорт настроек/)
  }, { timeout: 5000 })
  await flushPromises()
}

describe('the list slider on a ru portal (the card tab sets no title)', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the type while ru\'s messages come, shows the loading state meanwhile, then the settings in ru only', async () => {
    const { wrapper, load, deliver, titles, settings } = await startApp('ru')
    expect(load).toHaveBeenCalledWith('ru', 'core')
    // The first screen's request did not wait for the messages...
    await vi.waitFor(() => expect(settings.loadStatus).toBe('ready'))
    await flushPromises()
    // ...and nothing of it shows in en meanwhile: no title, no switch, no frame title.
    expect(wrapper.find('[role=status]').exists()).toBe(true)
    expect(wrapper.find('h1').exists()).toBe(false)
    expect(document.querySelectorAll('button[role=switch]')).toHaveLength(0)
    expect(titles).toEqual([])

    deliver(ru)
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Equipment Repairs'))
    expect(wrapper.text()).toContain('Корзина')
    expect(wrapper.text()).not.toContain('Recycle bin')
    expect(titles).toEqual(['Equipment Repairs — Студия смарт-процессов'])
    await lazyPartsIn()
  })

  it('an en portal asks for no other locale and shows the settings as soon as they load', async () => {
    const { wrapper, load } = await startApp('en')
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Equipment Repairs'))
    expect(load).not.toHaveBeenCalled()
    await lazyPartsIn()
  })
})
