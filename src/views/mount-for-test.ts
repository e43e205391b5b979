/**
 * Component-test helpers: mounts a component the way main.ts does (pinia,
 * i18n, the UI kit's plugin inside B24App), with the context store attached
 * to a gateway over the emulator's in-process model. Tests only.
 */
import type { Component } from 'vue'
import type { PortalConnection } from '@/stores/context'
import type { Locale } from '@/i18n'
import B24App from '@bitrix24/b24ui-nuxt/components/App.vue'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { createAppI18n } from '@/i18n'
import { useContextStore } from '@/stores/context'

export interface MountOptions {
  connection?: Partial<PortalConnection> & Pick<PortalConnection, 'gateway'>
  locale?: Locale
  props?: Record<string, unknown>
}

/** Frame commands that record what the app asked of the portal. */
export function recordingFrame() {
  const calls: { resize: number[], titles: string[] } = { resize: [], titles: [] }
  return {
    calls,
    frame: {
      resizeHeight: async (hgt: number) => { calls.resize.push(hgt) },
      fitWindow: async () => {},
      setTitle: async (title: string) => { calls.titles.push(title) },
    },
  }
}

export async function mountInApp(component: Component, options: MountOptions = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (options.connection) {
    useContextStore(pinia).attach({
      placement: 'CRM_DYNAMIC_1030_DETAIL_TAB',
      placementOptions: {},
      lang: options.locale ?? 'en',
      isAdmin: true,
      frame: recordingFrame().frame,
      ...options.connection,
    })
  }
  const Root = defineComponent({ setup: () => () => h(B24App, null, { default: () => h(component, options.props ?? {}) }) })
  const wrapper = mount(Root, {
    attachTo: document.body,
    global: { plugins: [pinia, createAppI18n(options.locale ?? 'en'), b24UiPlugin] },
  })
  await flushPromises()
  return wrapper
}
