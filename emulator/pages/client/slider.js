/**
 * The side panel apps and paths open in (openApplication, openPath, the list
 * toolbar item): a modal dialog closed by its button or Escape. Closing tells
 * the opener (Bitrix24 answers openApplication when the slider closes).
 */
import { hostApp } from './frame-host.js'

export function createSlider(env) {
  const root = document.getElementById('slider')
  const titleEl = document.getElementById('slider-title')
  const frame = document.getElementById('slider-frame')
  const closeButton = document.getElementById('slider-close')
  let current = null

  function open({ title, launch, url, tokens, onClose }) {
    if (current)
      close()
    current = { onClose, returnFocus: document.activeElement, session: null }
    titleEl.textContent = title
    root.hidden = false
    document.body.classList.add('slider-open')
    if (launch) {
      current.session = hostApp(frame, launch, env, { title, inSlider: true, tokens })
    }
    else {
      const iframe = document.createElement('iframe')
      iframe.title = title
      iframe.className = 'app-iframe'
      iframe.src = url
      frame.replaceChildren(iframe)
    }
    closeButton.focus()
  }

  function close() {
    if (!current)
      return
    const { onClose, returnFocus, session } = current
    current = null
    session?.destroy()
    frame.replaceChildren()
    root.hidden = true
    document.body.classList.remove('slider-open')
    if (returnFocus instanceof HTMLElement)
      returnFocus.focus()
    onClose?.()
  }

  closeButton?.addEventListener('click', close)
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && current)
      close()
  })
  // Escape pressed inside the app's iframe never reaches this page; the close button stays one Tab away.

  return {
    open,
    close,
    setTitle: (title) => { titleEl.textContent = title },
    get isOpen() { return current !== null },
  }
}
