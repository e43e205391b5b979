/**
 * The emulated portal page's script: opens the app where the page asks for
 * it (the app page at once, the card's tab when selected, the list toolbar
 * item in a slider), runs the tabs and menus, and the fault panel.
 */
import { setupFaultPanel } from './faults.js'
import { hostApp } from './frame-host.js'
import { createSlider } from './slider.js'

const data = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}')
const launches = data.launches ?? {}
const pageTitle = document.getElementById('page-title')

const env = {
  appUrl: data.appUrl,
  domain: data.domain,
  lang: data.lang,
  strings: data.strings ?? {},
  users: data.users ?? [],
  faults: { refreshSilent: data.faults?.refreshSilent === true },
  /** ?user and ?lang, kept on paths the app opens. */
  keepParams: { ...(data.userId !== 1 ? { user: String(data.userId) } : {}), ...(data.lang !== 'en' ? { lang: data.lang } : {}) },
  slider: null,
  /** setTitle: the slider's title when the app is in one, else the page's (Bitrix24 sets the layout title). */
  setTitle(title, inSlider) {
    if (inSlider && env.slider.isOpen) {
      env.slider.setTitle(title)
      return
    }
    if (pageTitle)
      pageTitle.textContent = title
    document.title = title
  },
}
env.slider = createSlider(env)

function openInFrame(frame, title) {
  const launch = launches[frame.dataset.launch]
  if (!launch || frame.dataset.loaded)
    return
  frame.dataset.loaded = 'true'
  hostApp(frame, launch, env, { title })
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')]
  const panelOf = tab => document.getElementById(tab.getAttribute('aria-controls'))
  function select(tab, focus) {
    for (const other of tabs) {
      const on = other === tab
      other.setAttribute('aria-selected', String(on))
      other.tabIndex = on ? 0 : -1
      panelOf(other).hidden = !on
    }
    if (focus)
      tab.focus()
    const frame = panelOf(tab).querySelector('.app-frame[data-launch]')
    if (frame)
      openInFrame(frame, tab.textContent.trim())
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false))
    tab.addEventListener('keydown', (event) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key]
      if (next === undefined)
        return
      event.preventDefault()
      select(tabs[(next + tabs.length) % tabs.length], true)
    })
  })
}

function setupAppsMenu() {
  const button = document.getElementById('apps-button')
  const menu = document.getElementById('apps-menu')
  if (!button || !menu)
    return
  const items = [...menu.querySelectorAll('[role="menuitem"]')]
  const show = (open) => {
    menu.hidden = !open
    button.setAttribute('aria-expanded', String(open))
    if (open)
      items[0]?.focus()
  }
  button.addEventListener('click', () => show(menu.hidden))
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      show(false)
      button.focus()
    }
  })
  document.addEventListener('click', (event) => {
    if (!menu.hidden && !menu.contains(event.target) && event.target !== button)
      show(false)
  })
  for (const item of items) {
    item.addEventListener('click', () => {
      show(false)
      const launch = launches[item.dataset.openSlider]
      if (launch)
        env.slider.open({ title: item.textContent.trim(), launch })
    })
  }
}

setupTabs()
setupAppsMenu()
setupFaultPanel(env)
for (const frame of document.querySelectorAll('.app-frame[data-autoload]'))
  openInFrame(frame, pageTitle?.textContent.trim() ?? '')
