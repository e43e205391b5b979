import type { MessageLoaders } from './load-messages'
import { describe, expect, it, vi } from 'vitest'
import { createMessageLoader, LOAD_ATTEMPTS, MESSAGE_CHUNKS } from './load-messages'
import { ru } from './messages'
import { pageMessages } from './page-messages'

function fakeLoaders(core: () => Promise<object>) {
  const page = vi.fn(async () => ({ home: { heading: 'Смарт-процессы' } }))
  return { ru: { core: vi.fn(core), page } } as unknown as MessageLoaders & { ru: { core: ReturnType<typeof vi.fn>, page: ReturnType<typeof vi.fn> } }
}

describe('lazy locale messages', () => {
  it('fetch each part once, however many ask for it', async () => {
    const loaders = fakeLoaders(async () => ({ app: { title: 'Студия' } }))
    const load = createMessageLoader(loaders)
    const [a, b] = await Promise.all([load('ru', 'core'), load('ru', 'core')])
    await load('ru', 'core')
    expect(a).toEqual({ app: { title: 'Студия' } })
    expect(b).toBe(a)
    expect(loaders.ru.core).toHaveBeenCalledTimes(1)
    expect(loaders.ru.page).not.toHaveBeenCalled()
  })

  it('try a failed fetch again, then give up with null and try anew on the next call', async () => {
    const loaders = fakeLoaders(async () => {
      throw new TypeError('Failed to fetch dynamically imported module')
    })
    const load = createMessageLoader(loaders)
    expect(await load('ru', 'core')).toBeNull()
    expect(loaders.ru.core).toHaveBeenCalledTimes(LOAD_ATTEMPTS)
    loaders.ru.core.mockResolvedValueOnce({ app: { title: 'Студия' } })
    expect(await load('ru', 'core')).toEqual({ app: { title: 'Студия' } })
  })

  it('come through a blip: a fetch that fails once and then succeeds', async () => {
    const loaders = fakeLoaders(async () => ({ app: { title: 'Студия' } }))
    loaders.ru.core.mockRejectedValueOnce(new TypeError('network'))
    expect(await createMessageLoader(loaders)('ru', 'core')).toEqual({ app: { title: 'Студия' } })
    expect(loaders.ru.core).toHaveBeenCalledTimes(2)
  })

  it('the app\'s chunks hold exactly ru\'s card-tab namespaces, its app-page ones, the history\'s, the bulk change\'s and the map\'s', async () => {
    expect(await MESSAGE_CHUNKS.ru.core()).toEqual(ru)
    const { history, bulk, map, ...page } = pageMessages.ru
    expect(await MESSAGE_CHUNKS.ru.page()).toEqual(page)
    expect(await MESSAGE_CHUNKS.ru.history()).toEqual({ history })
    expect(await MESSAGE_CHUNKS.ru.bulk()).toEqual({ bulk })
    expect(await MESSAGE_CHUNKS.ru.map()).toEqual({ map })
    expect(Object.keys(ru)).not.toContain('home')
    expect(Object.keys(ru)).not.toContain('history')
    expect(Object.keys(ru)).not.toContain('bulk')
    expect(Object.keys(ru)).not.toContain('map')
  })
})
