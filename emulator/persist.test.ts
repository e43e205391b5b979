// @vitest-environment node
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorruptDataError, loadState, saveState } from './persist'
import { seedState } from './model/seed'
import { startEmulator } from './server'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'sps-portal-test-')), 'portal.json')
const opts = (dataFile: string) => ({ port: 0, appUrl: 'http://localhost:4399/', dataFile, quiet: true, apiKey: 'k' })

describe('persistence', () => {
  it('keeps types, relations, placements and options across a restart', async () => {
    const file = tempFile()
    const first = await startEmulator(opts(file))
    const auth = first.portal.issueTokens(1).accessToken
    const rest = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await rest(`${first.url}/rest/crm.type.add`, { auth, fields: { title: 'Survives restarts', relations: { parent: [{ entityTypeId: 2 }] } } })
    await rest(`${first.url}/rest/placement.bind`, { auth, PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB', HANDLER: 'http://localhost:4399/' })
    first.portal.markInstalled()
    await first.close()

    const second = await startEmulator(opts(file))
    const state = second.portal.ctx.state
    expect(state.types.map(t => t.title)).toContain('Survives restarts')
    expect(state.placements).toHaveLength(1)
    expect(second.portal.isInstalled()).toBe(true)
    expect(state.edges.some(e => e.parent === 2 && e.child === 1036)).toBe(true)
    await second.close()

    const reset = await startEmulator({ ...opts(file), reset: true })
    expect(reset.portal.ctx.state.types).toHaveLength(3)
    await reset.close()
    expect(loadState(file)!.types).toHaveLength(3)
  })

  // Stages persist like pipelines: a stage added and one renamed over REST, a pipeline deleted with its stages.
  it('keeps stages across a restart, and the stage ID sequence with them', async () => {
    const file = tempFile()
    const first = await startEmulator(opts(file))
    const auth = first.portal.issueTokens(1).accessToken
    const rest = async (method: string, body: Record<string, unknown>) => (await fetch(`${first.url}/rest/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth, ...body }) })).json()
    expect((await rest('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'WAITING', NAME: 'Waiting for parts', SORT: 35 } })).result).toBe(121)
    await rest('crm.status.update', { id: 101, fields: { NAME: 'Intake' } })
    await rest('crm.category.delete', { entityTypeId: 1030, id: 4 })
    await first.close()

    const second = await startEmulator(opts(file))
    const auth2 = second.portal.issueTokens(1).accessToken
    const call = (method: string, params: Record<string, unknown>) => second.portal.rest({ method, params, auth: auth2 }).body as any
    const names = call('crm.status.list', { filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1' } }).result.map((s: any) => s.NAME)
    expect(names).toEqual(['Intake', 'Prepare', 'Approval', 'Waiting for parts', 'Success', 'Failed'])
    expect(call('crm.status.list', { filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_4' } }).total).toBe(0)
    expect(call('crm.status.add', { fields: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1', STATUS_ID: 'NEXT', NAME: 'Next' } }).result).toBe(122)
    await second.close()
    expect(loadState(file)!.stages).toHaveLength(17)
  })

  it('writes the seed at the first start, through a temporary file and a rename', async () => {
    const file = tempFile()
    const emu = await startEmulator(opts(file))
    await emu.close()
    expect(existsSync(file)).toBe(true)
    expect(readdirSync(join(file, '..'))).toEqual(['portal.json'])
    saveState(file, seedState('m'))
    expect(JSON.parse(readFileSync(file, 'utf8')).memberId).toBe('m')
  })

  it('refuses a corrupt file with a clear error and leaves it untouched', async () => {
    const file = tempFile()
    writeFileSync(file, '{"version": 1, "types": [')
    await expect(startEmulator(opts(file))).rejects.toThrow(CorruptDataError)
    await expect(startEmulator(opts(file))).rejects.toThrow(/PORTAL_RESET=1/)
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "types": [')
    writeFileSync(file, '{"something": "else"}')
    expect(() => loadState(file)).toThrow(/not a portal state/)
  })

  it('keeps the portal in memory when no data file is given', async () => {
    const emu = await startEmulator({ port: 0, appUrl: 'http://localhost:4399/', dataFile: null, quiet: true })
    expect(emu.portal.ctx.state.types).toHaveLength(3)
    await emu.close()
  })
})
