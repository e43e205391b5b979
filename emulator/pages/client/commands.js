/**
 * The parent's answer to every command b24jssdk 2.2 can send
 * (frame/message/commands.mjs). Commands the SDK awaits without a timeout
 * (getInitData, setInstall on FIRST_RUN, openApplication, the selectors) are
 * always answered; unknown ones are logged and left alone.
 */
import { pickUser } from './dialogs.js'
import { deriveLaunch } from './launch.js'

async function postJson(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) }
}

function notEmulated(command, params, reply) {
  console.info(`[portal] ${command} is not emulated here`, params)
  reply()
}

const handlers = {
  getInitData(s, _p, reply) {
    reply({ ...s.launch.init, AUTH_ID: s.tokens.AUTH_ID, AUTH_EXPIRES: s.tokens.AUTH_EXPIRES, REFRESH_ID: s.tokens.REFRESH_ID })
  },

  async refreshAuth(s, _p, reply) {
    if (s.env.faults.refreshSilent) {
      console.warn('[portal] refreshAuth left unanswered (fault switch "Refresh does not answer")')
      return
    }
    const res = await postJson('/emulator/pages/refresh', { refreshToken: s.tokens.REFRESH_ID })
    if (!res.ok) {
      console.warn('[portal] refreshAuth failed', res.status)
      return
    }
    s.tokens = { AUTH_ID: res.body.AUTH_ID, AUTH_EXPIRES: res.body.AUTH_EXPIRES, REFRESH_ID: res.body.REFRESH_ID }
    Object.assign(s.launch.post, s.tokens) // a reopened slider starts from the newest tokens
    reply({ ...s.tokens, MEMBER_ID: res.body.MEMBER_ID })
  },

  // fitWindow, resizeWindow and resizeWindowAuto all arrive as resizeWindow {width, height}.
  resizeWindow(s, p, reply) {
    const height = Number.parseInt(p?.height, 10)
    if (height > 0)
      s.iframe.style.height = `${height}px`
    const width = p?.width
    s.iframe.style.width = typeof width === 'string' && /%$/.test(width) ? width : Number(width) > 0 ? `${Number(width)}px` : ''
    reply()
  },

  setScroll(s, p, reply) {
    const top = s.iframe.getBoundingClientRect().top + window.scrollY + (Number(p?.scroll) || 0)
    window.scrollTo({ top })
    reply()
  },

  setTitle(s, p, reply) {
    s.env.setTitle(String(p?.title ?? ''), s.inSlider)
    reply()
  },

  reloadWindow(s, _p, reply) {
    reply()
    s.reload()
  },

  setInstall(_s, _p, reply) {
    reply()
  },

  async setInstallFinish(s, _p, reply) {
    const res = await postJson('/emulator/pages/install-finish', { userId: s.launch.userId })
    if (!res.ok) {
      console.warn('[portal] installFinish refused', res.status, res.body)
      reply({ error: res.body?.error ?? 'ERROR' })
      return
    }
    reply()
    // Bitrix24 shows the installed app after the install: the page reloads.
    setTimeout(() => location.reload(), 50)
  },

  async setAppOption(s, p, reply) {
    await storeOption(s, 'app', p)
    reply()
  },

  async setUserOption(s, p, reply) {
    await storeOption(s, 'user', p)
    reply()
  },

  openApplication(s, p, reply) {
    s.env.slider.open({ title: s.iframe.title, launch: deriveLaunch(s.launch, s.env, p), tokens: s.tokens, onClose: () => reply() })
  },

  openPath(s, p, reply) {
    const url = new URL(String(p?.path ?? '/'), location.origin)
    if (url.origin !== location.origin) {
      reply({ result: 'error', errorCode: 'PATH_NOT_ALLOWED' })
      return
    }
    for (const [k, v] of Object.entries(s.env.keepParams)) {
      if (!url.searchParams.has(k))
        url.searchParams.set(k, v)
    }
    s.env.slider.open({ title: url.pathname, url: url.toString(), onClose: () => reply({ result: 'close' }) })
  },

  closeApplication(s, _p, reply) {
    reply()
    if (s.inSlider)
      s.env.slider.close()
    else
      console.info('[portal] closeApplication outside a slider: nothing to close')
  },

  getInterface(_s, _p, reply) {
    reply({ command: [], event: [] })
  },

  async selectUser(s, p, reply) {
    const users = await pickUser(s.env, p?.mult === true)
    reply(p?.mult === true ? users : (users[0] ?? null))
  },

  selectAccess: (_s, p, reply) => notEmulated('selectAccess', p, () => reply([])),
  selectCRM: (_s, p, reply) => notEmulated('selectCRM', p, () => reply({})),
  imCallTo: (_s, p, reply) => notEmulated('imCallTo', p, reply),
  imPhoneTo: (_s, p, reply) => notEmulated('imPhoneTo', p, reply),
  imOpenMessenger: (_s, p, reply) => notEmulated('imOpenMessenger', p, reply),
  imOpenHistory: (_s, p, reply) => notEmulated('imOpenHistory', p, reply),
  showAppForm: (_s, p, reply) => notEmulated('showAppForm', p, reply),
  placementBindEvent: (_s, p, reply) => notEmulated('placementBindEvent', p, reply),
}

async function storeOption(s, scope, p) {
  const res = await postJson('/emulator/pages/options', { scope, userId: s.launch.userId, name: p?.name, value: p?.value })
  if (!res.ok)
    console.warn(`[portal] set${scope === 'app' ? 'App' : 'User'}Option refused`, res.body?.error)
}

/** Runs one command; unknown commands are logged and never answered, as the portal ignores them. */
export function handleCommand(session, msg, reply) {
  const handler = Object.hasOwn(handlers, msg.command) ? handlers[msg.command] : null
  if (!handler) {
    console.warn(`[portal] unknown frame command "${msg.command}"`, msg.params)
    return undefined
  }
  return handler(session, msg.params, reply)
}
