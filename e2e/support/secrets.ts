/**
 * Watches a page (and every frame in it) for credentials where they must
 * never be: the console, page errors, any URL, the app's localStorage,
 * sessionStorage and cookies, and the text the app shows (its error reports).
 * The tokens are learned as the portal hands them out: the handler's form
 * POST (AUTH_ID, REFRESH_ID) and every refreshAuth answer of the portal page.
 */
import type { Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { E2E_APP_URL } from '../ports'

/** Text that names a credential and gives it a value: `auth=…`, `"AUTH_ID":"…"`. */
const CREDENTIAL_PAIR = /\b(auth|access_token|refresh_token|AUTH_ID|REFRESH_ID)\b["']?\s*[:=]\s*["']?[\w-]{12,}/i

export interface SecretWatch {
  /** Tokens seen so far (for assertions of a spec's own). */
  readonly tokens: ReadonlySet<string>
  /** Adds a token the spec handed out itself (a stand-in parent page). */
  add: (token: string) => void
  /** Watches one more page (a second browser context). */
  watch: (page: Page) => void
  /** Fails when any known token, or any credential pair, shows up where it must not. */
  assertClean: () => Promise<void>
}

export function watchSecrets(first: Page): SecretWatch {
  const tokens = new Set<string>()
  const pages: Page[] = []
  const texts: { where: string, text: string }[] = []
  const add = (t: unknown) => {
    if (typeof t === 'string' && t.length >= 8)
      tokens.add(t)
  }

  function watch(page: Page) {
    pages.push(page)
    page.on('console', msg => texts.push({ where: `console ${msg.location().url}`, text: msg.text() }))
    page.on('pageerror', e => texts.push({ where: 'pageerror', text: `${e.message}\n${e.stack ?? ''}` }))
    page.on('request', (r) => {
      texts.push({ where: 'url', text: r.url() })
      if (r.method() === 'POST' && r.url().startsWith(E2E_APP_URL) && r.resourceType() === 'document') {
        const form = new URLSearchParams(r.postData() ?? '')
        add(form.get('AUTH_ID'))
        add(form.get('REFRESH_ID'))
      }
    })
    page.on('response', async (r) => {
      if (!r.url().includes('/emulator/pages/refresh') || !r.ok())
        return
      try {
        const body = await r.json() as Record<string, unknown>
        add(body.AUTH_ID)
        add(body.REFRESH_ID)
      }
      catch {
        // not JSON: no tokens to learn
      }
    })
  }
  watch(first)

  async function appFrameTexts(): Promise<{ where: string, text: string }[]> {
    const out: { where: string, text: string }[] = []
    for (const page of pages) {
      if (page.isClosed())
        continue
      for (const frame of page.frames().filter(f => f.url().startsWith(E2E_APP_URL))) {
        try {
          const seen = await frame.evaluate(() => ({
            storage: JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
            screen: document.body?.innerText ?? '',
          }))
          out.push({ where: `storage ${frame.url()}`, text: seen.storage }, { where: `screen ${frame.url()}`, text: seen.screen })
        }
        catch {
          // a frame that went away meanwhile
        }
      }
    }
    return out
  }

  return {
    tokens,
    add,
    watch,
    async assertClean() {
      const all = [...texts, ...await appFrameTexts()]
      const leaks: string[] = []
      for (const { where, text } of all) {
        for (const token of tokens) {
          if (text.includes(token))
            leaks.push(`${where}: a token (${token.slice(0, 4)}…)`)
        }
        if (!where.startsWith('url') && CREDENTIAL_PAIR.test(text))
          leaks.push(`${where}: ${text.match(CREDENTIAL_PAIR)![0].slice(0, 24)}…`)
        if (where === 'url' && /[?&](auth|AUTH_ID|access_token|refresh_token|REFRESH_ID)=/i.test(text))
          leaks.push(`url with a credential parameter: ${text.slice(0, 80)}`)
      }
      expect(leaks, 'no token in the console, URLs, storage or on screen').toEqual([])
    },
  }
}
