// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- a root and a child with their own head entries */
import type { App } from 'vue'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'
import { computed, createApp, defineComponent, h, nextTick, ref } from 'vue'
import * as shim from './unhead'

// Real unhead, loaded by Node so the build's alias does not apply.
const load = createRequire(import.meta.url)
const real = { ...(load('@unhead/vue') as typeof shim), ...(load('@unhead/vue/client') as Pick<typeof shim, 'createHead'>) }

type Lib = typeof shim

/** What the UI kit's vue-plugin does with the head (b24ui-nuxt runtime/plugins/{platform,ui-version,colors}.js), plus a component's entry. */
function kitApp(lib: Lib, show: { value: boolean }, platform: { value: { name: string, version: string } }) {
  const events: string[] = []
  const Child = defineComponent({
    setup() {
      lib.useHead({ meta: [{ name: 'description', content: 'card tab' }], bodyAttrs: { class: 'card' } })
      return () => h('p', 'child')
    },
  })
  const app: App = createApp(defineComponent({ setup: () => () => (show.value ? h(Child) : h('span')) }))
  app.use(lib.createHead())
  app.runWithContext(() => {
    lib.useHead({ htmlAttrs: { 'data-platform': () => platform.value.name, 'data-version': () => platform.value.version } })
    lib.useHead({ meta: [{ name: 'b24ui', content: '2.13.0' }] })
    const root = computed(() => `@layer theme { :root { --x: ${platform.value.name}; } }`)
    lib.useHead({ style: [{ innerHTML: root, tagPriority: 'critical', id: 'bitrix24-ui-colors' }] })
    const unhook = lib.injectHead().hooks.hook('dom:rendered', () => {
      events.push('rendered')
      unhook()
    })
  })
  return { app, events }
}

/** The parts of the document unhead writes. */
function snapshot() {
  const html = document.documentElement
  return {
    platform: html.getAttribute('data-platform'),
    version: html.getAttribute('data-version'),
    // unhead leaves an empty class="" behind where the shim removes the attribute: the same for CSS.
    bodyClass: document.body.getAttribute('class') || null,
    meta: [...document.head.querySelectorAll('meta')].map(m => `${m.getAttribute('name')}=${m.getAttribute('content')}`).sort(),
    style: [...document.head.querySelectorAll('style')].map(s => `${s.id}:${s.textContent}`),
  }
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function run(lib: Lib) {
  const show = ref(true)
  const platform = ref({ name: 'web', version: 'air' })
  const { app, events } = kitApp(lib, show, platform)
  const host = document.createElement('div')
  document.body.appendChild(host)
  app.mount(host)
  await settle()
  const mounted = snapshot()
  platform.value = { name: 'bitrix-desktop', version: '17.0' }
  await settle()
  const changed = snapshot()
  show.value = false
  await settle()
  const childGone = snapshot()
  app.unmount()
  host.remove()
  return { mounted, changed, childGone, rendered: events }
}

function clean() {
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  for (const name of document.documentElement.getAttributeNames())
    document.documentElement.removeAttribute(name)
  document.body.removeAttribute('class')
}

describe('the unhead shim, against real unhead, for what the UI kit asks', () => {
  afterEach(clean)

  it('writes the same html attributes, meta and style, follows changes and drops a gone component\'s entry', async () => {
    clean()
    const theirs = await run(real)
    clean()
    const mine = await run(shim)
    expect(theirs.mounted.platform).toBe('web')
    expect(mine).toEqual(theirs)
  })

  it('inserts a style only with its text, so a CSP that allows it by hash never sees it empty', async () => {
    clean()
    const inserted: string[] = []
    const append = document.head.appendChild.bind(document.head)
    document.head.appendChild = <T extends Node>(node: T): T => {
      if (node instanceof HTMLStyleElement)
        inserted.push(`at insert: ${node.textContent}`)
      return append(node)
    }
    try {
      await run(shim)
    }
    finally {
      document.head.appendChild = append
    }
    expect(inserted).toEqual(['at insert: @layer theme { :root { --x: web; } }'])
  })

  it('throws outside an injection context, as unhead does', () => {
    expect(() => shim.useHead({ title: 'x' })).toThrow(/without provide context/)
  })
})
