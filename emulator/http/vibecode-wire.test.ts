// @vitest-environment node
/** Seed 000's wire on /v1 after portal REST got its own stricter reader (model/type-input.ts). */
import type { RunningEmulator } from '../server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readableFlags } from '../../src/domain/flags'
import { startEmulator } from '../server'

let emu: RunningEmulator
const KEY = 'YOUR_API_KEY'

beforeEach(async () => {
  emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, apiKey: KEY, quiet: true })
})
afterEach(() => emu.close())

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.url}/v1${path}`, { method, headers: { 'X-Api-Key': KEY, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, json: await res.json() as any }
}

describe('vibecode gateway wire (seed 000)', () => {
  it('takes and returns the 17 flags as booleans, isRecurringEnabled and the system flags included', async () => {
    const r = await call('PATCH', '/smart-processes/1032', { isRecurringEnabled: true, isPaymentsEnabled: true, isCountersEnabled: true })
    expect(r.status).toBe(200)
    expect(Object.keys(r.json.data).filter(k => readableFlags('vibecode').includes(k as never))).toHaveLength(17)
    expect(r.json.data).toMatchObject({ isRecurringEnabled: true, isPaymentsEnabled: true, isCountersEnabled: true })
    const fields = (await call('GET', '/smart-processes/fields')).json.data
    expect(Object.keys(fields).filter(k => k.startsWith('is'))).toHaveLength(17)
  })

  it('takes linkedUserFields and isChildrenListEnabled as "Y"/"N", without isUseInUserfieldEnabled in the call', async () => {
    const r = await call('PATCH', '/smart-processes/1032', {
      linkedUserFields: { 'TASKS_TASK|UF_CRM_TASK': 'Y', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'N', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'Y' },
      relations: { parent: [{ entityTypeId: 2, isChildrenListEnabled: 'Y' }], child: [] },
    })
    expect(r.json.data.linkedUserFields).toEqual({ 'TASKS_TASK|UF_CRM_TASK': 'Y', 'TASKS_TASK_TEMPLATE|UF_CRM_TASK': 'N', 'CALENDAR_EVENT|UF_CRM_CAL_EVENT': 'Y' })
    expect(r.json.data.relations.parent).toEqual([{ entityTypeId: 2, isChildrenListEnabled: 'Y', isPredefined: 'N' }])
  })
})
