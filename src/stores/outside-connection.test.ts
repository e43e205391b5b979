// @vitest-environment node
// Real sockets against the emulator's /v1 gateway (Node's fetch); the browser's storage is stubbed.
import type { RunningEmulator } from '../../emulator/server'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startEmulator } from '../../emulator/server'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'
import { SESSION_KEY, useOutsideConnectionStore } from './outside-connection'

const API_KEY = 'outside-test-key'

function memoryStorage() {
  const map = new Map<string, string>()
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size
    },
  }
}

describe('outside connection store', () => {
  let emu: RunningEmulator
  let session: ReturnType<typeof memoryStorage>
  let local: ReturnType<typeof memoryStorage>

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, appUrl: 'http://127.0.0.1:4499/', dataFile: null, reset: true, quiet: true, apiKey: API_KEY })
  })
  afterAll(async () => {
    await emu.close()
    vi.unstubAllGlobals()
  })
  beforeEach(() => {
    session = memoryStorage()
    local = memoryStorage()
    vi.stubGlobal('sessionStorage', session)
    vi.stubGlobal('localStorage', local)
    vi.stubGlobal('navigator', { language: 'ru-RU' })
    vi.stubGlobal('document', { title: '' })
    setActivePinia(createPinia())
    emu.portal.log.clear()
  })

  it('checks the key, keeps it in sessionStorage only, and opens the app page over the gateway', async () => {
    const store = useOutsideConnectionStore()
    const context = useContextStore()
    const logged: unknown[] = []
    const spy = vi.spyOn(console, 'info').mockImplementation((...a) => void logged.push(a))
    expect(await store.connect({ baseUrl: `${emu.url}/`, apiKey: ` ${API_KEY} ` })).toBe(true)
    spy.mockRestore()
    expect(store.status).toBe('connected')
    expect(context.status).toBe('ready')
    expect(context.view).toBe('home')
    expect(context.language).toBe('ru')
    expect(context.installControls()).toBeNull()
    expect(JSON.parse(session.getItem(SESSION_KEY) ?? '{}')).toEqual({ baseUrl: emu.url, apiKey: API_KEY })
    expect(local.length).toBe(0)
    expect(JSON.stringify(logged)).not.toContain(API_KEY)
    // The list read to check the key is the catalog: the app page does not read it again.
    const catalog = useCatalogStore()
    expect(catalog.status).toBe('ready')
    expect(catalog.types.map(t => t.title)).toContain('Equipment Repairs')
    expect(emu.portal.log.list().filter(e => e.method === 'GET /v1/smart-processes')).toHaveLength(1)
  })

  it('a wrong key stays on the page outside with the error, and nothing is kept', async () => {
    const store = useOutsideConnectionStore()
    expect(await store.connect({ baseUrl: emu.url, apiKey: 'wrong-key' })).toBe(false)
    expect(store.error?.code).toBe('invalid_token')
    expect(store.error?.message).not.toContain('wrong-key')
    expect(useContextStore().status).not.toBe('ready')
    expect(session.getItem(SESSION_KEY)).toBeNull()
  })

  it('connects again from what the tab kept, and forgets it on disconnect', async () => {
    session.setItem(SESSION_KEY, JSON.stringify({ baseUrl: emu.url, apiKey: API_KEY }))
    const store = useOutsideConnectionStore()
    expect(await store.restore()).toBe(true)
    expect(useContextStore().status).toBe('ready')
    store.disconnect()
    expect(useContextStore().status).toBe('outside')
    expect(session.getItem(SESSION_KEY)).toBeNull()
    expect(useCatalogStore().types).toEqual([])
    expect(() => useContextStore().requireGateway()).toThrow()
  })

  it('without anything kept, restore does nothing', async () => {
    expect(await useOutsideConnectionStore().restore()).toBe(false)
    expect(emu.portal.log.list()).toHaveLength(0)
  })
})
