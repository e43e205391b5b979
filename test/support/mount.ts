/**
 * Component-test helpers: mounts a component the way main.ts does (pinia,
 * i18n, the UI kit's plugin inside B24App), with the context store attached
 * to a gateway over the emulator's in-process model. Tests only.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'
import type { PortalConnection } from '@/stores/context'
import type { Locale } from '@/i18n'
import B24App from '@bitrix24/b24ui-nuxt/components/App.vue'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach } from 'vitest'
import { defineComponent, h } from 'vue'
import { createPortal } from '../../emulator/model/portal'
import { createAppI18n } from '@/i18n'
import { en, ru } from '@/i18n/messages'
import { createInProcessGateway } from './emulator-gateway'
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
    global: { plugins: [pinia, createAppI18n(options.locale ?? 'en', { en, ru }), b24UiPlugin] },
  })
  await flushPromises()
  return wrapper
}

/** An emulator portal, as `createPortal` makes it. */
export type Portal = ReturnType<typeof createPortal>

/** `mountInApp`'s options, with the gateway made over the test's portal. */
export interface PortalMountOptions extends Omit<MountOptions, 'connection'> {
  /** The portal user the gateway acts as (2 is the employee without admin rights). @default 1 */
  userId?: number
  /** The rest of the connection (isAdmin, placement, frame, install, ...). */
  connection?: Partial<PortalConnection>
}

/** What `usePortalMount` gives a describe block. */
export interface PortalMount {
  /** This test's portal: seeded afresh before each test. */
  readonly portal: Portal
  /** Mounts as `mountInApp` does over this test's portal; unmounted after the test. */
  mount: (component: Component, options?: PortalMountOptions) => Promise<VueWrapper>
}

/**
 * For a describe block of component tests: a fresh emulator portal before
 * each test, and after it the mounted app unmounted and the body emptied
 * (the UI kit teleports its overlays there).
 */
export function usePortalMount(): PortalMount {
  let portal: Portal | null = null
  let wrapper: VueWrapper | null = null
  beforeEach(() => {
    portal = createPortal()
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.replaceChildren()
    // A draft kept by one test (useDraftKeeper) would be offered back in the next.
    sessionStorage.clear()
  })
  const current = () => {
    if (!portal)
      throw new Error('usePortalMount: the portal exists only inside a test')
    return portal
  }
  return {
    get portal() {
      return current()
    },
    async mount(component, { userId = 1, connection, ...options } = {}) {
      wrapper = await mountInApp(component, { ...options, connection: { gateway: createInProcessGateway(current(), { userId }), ...connection } })
      return wrapper
    },
  }
}
