/* global B24Js */
/** The frame probe's script: the real b24jssdk inside the emulated portal (see views/probe.ts). */
const status = document.getElementById('probe-status')
const restOut = document.getElementById('probe-rest')
const say = (text) => { status.textContent = text }

function show(b24) {
  const facts = {
    placement: b24.placement.placement,
    options: JSON.stringify(b24.placement.options),
    lang: b24.getLang(),
    isAdmin: String(b24.auth.isAdmin),
    installMode: String(b24.isInstallMode),
    firstRun: String(b24.isFirstRun),
    domain: b24.getTargetOrigin(),
  }
  const dl = document.getElementById('probe-init')
  dl.replaceChildren(...Object.entries(facts).flatMap(([k, v]) => {
    const dt = document.createElement('dt')
    dt.textContent = k
    const dd = document.createElement('dd')
    dd.textContent = v
    dd.dataset.fact = k
    return [dt, dd]
  }))
}

async function callRest(b24) {
  try {
    const res = await b24.actions.v2.call.make({ method: 'crm.type.list', params: {} })
    restOut.textContent = res.isSuccess ? `crm.type.list: ${res.getData().result.types.length} types` : `crm.type.list failed: ${res.getErrorMessages().join('; ')}`
  }
  catch (error) {
    restOut.textContent = `crm.type.list failed: ${error.code ?? ''} ${error.message}`
  }
}

const actions = {
  rest: callRest,
  title: b24 => b24.parent.setTitle(`Probe ${new Date().toISOString()}`),
  fit: b24 => b24.parent.resizeWindow(640, 640),
  refresh: async (b24) => {
    try {
      await b24.auth.refreshAuth()
      say('Tokens refreshed')
    }
    catch (error) {
      say(`refreshAuth failed: ${error.code ?? error.message}`)
    }
  },
  slider: b24 => b24.slider.openSliderAppPage({ from: 'probe' }).then(() => say('Slider closed')),
  path: async (b24) => {
    const entityTypeId = /^CRM_DYNAMIC_(\d+)_/.exec(b24.placement.placement)?.[1] ?? '1030'
    const result = await b24.slider.openPath(b24.slider.getUrl(`/crm/type/${entityTypeId}/list/`), 950)
    say(`Path slider closed: ${JSON.stringify(result)}`)
  },
  close: b24 => b24.parent.closeApplication(),
  install: b24 => b24.installFinish().then(() => say('Install finished')),
}

try {
  const b24 = await B24Js.initializeB24Frame()
  show(b24)
  say('Initialised')
  document.getElementById('probe-actions').hidden = false
  document.querySelector('[data-action="install"]').hidden = !b24.isInstallMode
  document.getElementById('probe-actions').addEventListener('click', (event) => {
    const action = event.target instanceof HTMLElement ? actions[event.target.dataset.action] : undefined
    Promise.resolve(action?.(b24)).catch(error => say(`${event.target.dataset.action} failed: ${error.message}`))
  })
  await callRest(b24)
}
catch (error) {
  say(`Not in a portal frame: ${error.code ?? ''} ${error.message}`)
}
