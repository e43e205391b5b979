/**
 * Opens the app the way Bitrix24 does (docs/platform.md "Frame", "Placements"): an iframe whose
 * name is "DOMAIN|PROTOCOL|APP_SID" (it becomes the app's window.name), loaded
 * by a form POST that targets it, then answers the frame protocol for it.
 * Tokens travel in the POST body and in replies, never in a URL or a log.
 */
import { handleCommand } from './commands.js'
import { formatReply, parseFrameMessage } from './protocol.js'

/** What the page shows of the protocol, for people and tests: command names and params, never tokens or replies. */
export const protocolLog = (globalThis.__portalProtocolLog ??= [])

function submitForm(launch, tokens) {
  const form = document.createElement('form')
  form.method = 'post'
  form.action = launch.action
  form.target = launch.windowName
  form.hidden = true
  const body = { ...launch.post, AUTH_ID: tokens.AUTH_ID, AUTH_EXPIRES: tokens.AUTH_EXPIRES, REFRESH_ID: tokens.REFRESH_ID }
  for (const [name, value] of Object.entries(body)) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.append(input)
  }
  document.body.append(form)
  form.submit()
  form.remove()
}

/**
 * Hosts one app session in `container`.
 * @param {HTMLElement} container
 * @param {object} launch what the server rendered (see emulator/pages/launch.ts)
 * @param {object} env page services: slider, setTitle, refreshSilent, ...
 * @param {{ title: string, inSlider?: boolean, tokens?: object }} options
 */
export function hostApp(container, launch, env, options) {
  const iframe = document.createElement('iframe')
  iframe.name = launch.windowName
  iframe.title = options.title
  iframe.className = 'app-iframe'
  // As Bitrix24 shows its loader over an app's frame until the app speaks (its first frame message).
  const loader = document.createElement('p')
  loader.className = 'app-loader'
  loader.setAttribute('role', 'status')
  loader.textContent = launch.loadingText ?? 'Loading…'
  container.replaceChildren(loader, iframe)

  const session = {
    launch,
    iframe,
    env,
    inSlider: options.inSlider === true,
    tokens: options.tokens ?? { AUTH_ID: launch.post.AUTH_ID, AUTH_EXPIRES: launch.post.AUTH_EXPIRES, REFRESH_ID: launch.post.REFRESH_ID },
    reload: () => submitForm(launch, session.tokens),
    destroy: () => {
      window.removeEventListener('message', onMessage)
      iframe.remove()
    },
  }

  function onMessage(event) {
    // Only the app in this iframe, on its own origin, with this session's APP_SID (Bitrix24 checks the same).
    if (event.source !== iframe.contentWindow || event.origin !== launch.appOrigin)
      return
    const msg = parseFrameMessage(event.data)
    if (!msg || msg.appSid !== launch.appSid) {
      console.warn('[portal] frame message ignored', typeof event.data === 'string' ? event.data.slice(0, 80) : event.data)
      return
    }
    loader.remove()
    protocolLog.push({ command: msg.command, params: msg.params, placement: launch.init.PLACEMENT })
    const reply = payload => iframe.contentWindow?.postMessage(formatReply(msg.callbackKey, payload), launch.appOrigin)
    Promise.resolve()
      .then(() => handleCommand(session, msg, reply))
      .catch(error => console.error(`[portal] frame command ${msg.command} failed`, error))
  }

  window.addEventListener('message', onMessage)
  session.reload()
  return session
}
