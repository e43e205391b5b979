/**
 * A small stand-in for `@unhead/vue` (and `@unhead/vue/client`), aliased in
 * vite.config.ts. Only the UI kit's vue-plugin uses it (b24ui-nuxt
 * `runtime/vue/plugins/head.js` installs a head; its plugins `platform`,
 * `ui-version` and `colors` call `useHead`, `colors` also
 * `injectHead().hooks.hook('dom:rendered')`); ~5 KB gzip of every screen.
 *
 * Does for those what unhead does on the client: `htmlAttrs` / `bodyAttrs`
 * on <html> / <body> (the kit's CSS reads `data-platform`), `meta`, `style`
 * and `link` tags in <head> keyed by `id`, `name` or `property`, `title`;
 * values may be refs or getters and stay reactive; an entry is removed with
 * the component that added it; `dom:rendered` fires after each render.
 * unhead.test.ts compares the DOM with real unhead's.
 */
import type { App, MaybeRefOrGetter } from 'vue'
import { getCurrentInstance, getCurrentScope, hasInjectionContext, inject, nextTick, onScopeDispose, toValue, watchEffect } from 'vue'

type Value = MaybeRefOrGetter<string | number | boolean | null | undefined>
type Attrs = Record<string, Value>
type TagInput = Attrs & { innerHTML?: Value, textContent?: Value, tagPriority?: unknown }

/** The part of unhead's input the kit writes. */
export interface HeadInput {
  title?: Value
  htmlAttrs?: Attrs
  bodyAttrs?: Attrs
  meta?: TagInput[]
  link?: TagInput[]
  style?: TagInput[]
}

/** What `push` and `useHead` return. */
export interface ActiveHeadEntry {
  patch: (input: HeadInput) => void
  dispose: () => void
}

type Hook = () => void

/** The head object unhead provides as `usehead`. */
export interface Head {
  push: (input: HeadInput) => ActiveHeadEntry
  hooks: { hook: (name: string, fn: Hook) => () => void }
  install: (app: App) => void
}

const headSymbol = 'usehead'

const text = (v: Value): string | null => {
  const value = toValue(v)
  return value === undefined || value === null || value === false ? null : value === true ? '' : String(value)
}

/** Sets `attrs` on `el`, removing what an earlier render of the same entry set and this one does not. */
function applyAttrs(el: Element, attrs: Attrs | undefined, previous: Set<string>): Set<string> {
  const now = new Set<string>()
  for (const [name, v] of Object.entries(attrs ?? {})) {
    const value = text(v)
    if (value === null)
      continue
    el.setAttribute(name, value)
    now.add(name)
  }
  for (const name of previous) {
    if (!now.has(name))
      el.removeAttribute(name)
  }
  return now
}

function keyOf(tag: string, input: TagInput): string | null {
  for (const k of ['id', 'name', 'property', 'http-equiv', 'rel'] as const) {
    const v = text(input[k])
    if (v !== null)
      return `${tag}:${k}:${v}${k === 'rel' ? `:${text(input.href) ?? ''}` : ''}`
  }
  return null
}

export function createHead(): Head {
  const hooks = new Map<string, Set<Hook>>()
  const call = (name: string) => hooks.get(name)?.forEach(fn => fn())
  let queued = false
  const rendered = () => {
    if (queued)
      return
    queued = true
    void nextTick(() => {
      queued = false
      call('dom:rendered')
    })
  }

  const head: Head = {
    hooks: {
      hook(name, fn) {
        const set = hooks.get(name) ?? new Set<Hook>()
        hooks.set(name, set)
        set.add(fn)
        return () => set.delete(fn)
      },
    },
    push(input) {
      let current = input
      let html = new Set<string>()
      let body = new Set<string>()
      let tags = new Map<string, Element>()
      const render = () => {
        if (typeof document === 'undefined')
          return
        html = applyAttrs(document.documentElement, current.htmlAttrs, html)
        body = applyAttrs(document.body, current.bodyAttrs, body)
        const title = text(current.title)
        if (title !== null)
          document.title = title
        const next = new Map<string, Element>()
        for (const tag of ['meta', 'link', 'style'] as const) {
          for (const [i, item] of (current[tag] ?? []).entries()) {
            const key = keyOf(tag, item) ?? `${tag}:#${i}`
            const el = tags.get(key) ?? document.createElement(tag)
            const { innerHTML, textContent, tagPriority: _priority, ...attrs } = item
            applyAttrs(el, attrs, new Set(el.getAttributeNames()))
            const content = text(innerHTML ?? textContent)
            if (content !== null && el.textContent !== content)
              el.textContent = content
            // Inserted only when complete: the CSP (server/) allows the kit's style by the hash of its text.
            if (!el.isConnected)
              document.head.appendChild(el)
            next.set(key, el)
          }
        }
        for (const [key, el] of tags) {
          if (!next.has(key))
            el.remove()
        }
        tags = next
        rendered()
      }
      const stop = watchEffect(render)
      return {
        patch(input) {
          current = input
          render()
        },
        dispose() {
          stop()
          current = {}
          render()
          tags.forEach(el => el.remove())
          tags = new Map()
        },
      }
    },
    install(app) {
      app.config.globalProperties.$head = head
      app.provide(headSymbol, head)
    },
  }
  return head
}

/** The app's head; throws outside an injection context, as unhead does. */
export function injectHead(): Head {
  const head = hasInjectionContext() ? inject<Head>(headSymbol) : undefined
  if (!head)
    throw new Error('useHead() was called without provide context, ensure you call it through the setup() function.')
  return head
}

/** Adds `input` to the document's head while the calling component (or scope) lives. */
export function useHead(input: HeadInput): ActiveHeadEntry {
  const entry = injectHead().push(input)
  if (getCurrentInstance() || getCurrentScope())
    onScopeDispose(() => entry.dispose())
  return entry
}
