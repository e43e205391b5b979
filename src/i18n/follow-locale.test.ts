import type { Locale } from './index'
import type { MessageTree } from './tree'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { followLocale } from './follow-locale'
import { createAppI18n } from './index'

const RU: MessageTree = { app: { title: 'Студия смарт-процессов' } }

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

function setup(lang: Locale, messages: Promise<MessageTree | null> = Promise.resolve(RU)) {
  const i18n = createAppI18n()
  const language = ref<Locale>(lang)
  const load = vi.fn(() => messages)
  const switched: Locale[] = []
  followLocale(i18n.global, language, { load, onSwitch: l => switched.push(l) })
  return { g: i18n.global, language, load, switched }
}

describe('the portal\'s language', () => {
  it('an en portal never fetches another locale and speaks at once', () => {
    const { g, load, switched } = setup('en')
    expect(load).not.toHaveBeenCalled()
    expect(g.locale.value).toBe('en')
    expect(switched).toEqual(['en'])
    expect(g.t('app.title')).toBe('Smart Process Studio')
  })

  it('a ru portal fetches ru\'s messages the moment LANG says ru, and switches only once they are in', async () => {
    const chunk = deferred<MessageTree | null>()
    const { g, language, load, switched } = setup('en', chunk.promise)
    language.value = 'ru'
    // Asked for synchronously, with no render in between: the first screen's request goes out beside it.
    expect(load).toHaveBeenCalledWith('ru', 'core')
    await nextTick()
    expect(g.locale.value).toBe('en')
    expect(switched).toEqual(['en'])
    chunk.resolve(RU)
    await vi.waitFor(() => expect(g.locale.value).toBe('ru'))
    expect(g.t('app.title')).toBe('Студия смарт-процессов')
    expect(switched).toEqual(['en', 'ru'])
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('messages that could not be fetched still switch: the en fallback speaks, nothing hangs', async () => {
    const { g } = setup('ru', Promise.resolve(null))
    await vi.waitFor(() => expect(g.locale.value).toBe('ru'))
    expect(g.t('app.title')).toBe('Smart Process Studio')
  })

  it('a language asked for later wins over messages still on their way', async () => {
    const chunk = deferred<MessageTree | null>()
    const { g, language, switched } = setup('ru', chunk.promise)
    language.value = 'en'
    chunk.resolve(RU)
    await chunk.promise
    await nextTick()
    expect(g.locale.value).toBe('en')
    expect(switched).toEqual(['en'])
  })
})
