/** The "Fault switches" panel: /emulator/pages/faults for the switches, the control API (/emulator/api) for actions; says what changed. */

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole))
}

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })
  if (!res.ok)
    throw new Error(`${url}: ${res.status}`)
  return res.json()
}

export function setupFaultPanel(env) {
  const toggle = document.getElementById('faults-toggle')
  const body = document.getElementById('faults-body')
  const form = document.getElementById('faults-form')
  const status = document.getElementById('faults-status')
  if (!toggle || !body || !form || !status)
    return
  const say = (text) => { status.textContent = text }

  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    body.hidden = !open
  })

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const f = new FormData(form)
    try {
      const saved = await post('/emulator/pages/faults', {
        latencyMs: Number(f.get('latencyMs')) || 0,
        errorRate: (Number(f.get('errorRate')) || 0) / 100,
        rateLimit: f.get('rateLimit') === 'on',
        refreshSilent: f.get('refreshSilent') === 'on',
        dropRelationsTo: String(f.get('dropRelationsTo') ?? ''),
        appScopes: String(f.get('appScopes') ?? ''),
        planForbidsUpdate: f.get('planForbidsUpdate') === 'on',
        planForbidsCreate: f.get('planForbidsCreate') === 'on',
        bindRefusedInBatch: f.get('bindRefusedInBatch') === 'on',
        placementMaxCount: f.get('placementMaxCount') === 'on',
        appUsers: String(f.get('appUsers') ?? ''),
      })
      env.faults.refreshSilent = saved.refreshSilent === true
      form.elements.namedItem('dropRelationsTo').value = saved.dropRelationsTo.join(', ')
      form.elements.namedItem('appScopes').value = saved.appScopes.join(', ')
      form.elements.namedItem('appUsers').value = (saved.appUsers ?? []).join(', ')
      say(env.strings.fault_saved)
    }
    catch (error) {
      say(String(error))
    }
  })

  document.getElementById('fault-expire')?.addEventListener('click', async () => {
    try {
      await post('/emulator/api/expire-tokens')
      say(env.strings.fault_expired)
    }
    catch (error) {
      say(String(error))
    }
  })

  const other = document.getElementById('fault-other-admin')
  other?.addEventListener('click', async () => {
    try {
      const change = await post('/emulator/api/other-admin-edit', { entityTypeId: Number(other.dataset.entityTypeId) })
      const relation = change.relationTo ? fill(env.strings.fault_other_admin_relation, { id: change.relationTo }) : ''
      say(fill(env.strings.fault_other_admin_done, { flag: change.flag, relation }))
    }
    catch (error) {
      say(String(error))
    }
  })
}
