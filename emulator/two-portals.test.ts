// @vitest-environment node
/**
 * Two portals side by side (`npm run dev -- --portals 2`): each its own port,
 * data file, seed and name on its pages, so a setup can be copied from A to B.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadState } from './persist'
import { startEmulator } from './server'

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'sps-portal-test-')), name)
const base = { port: 0, appUrl: 'http://localhost:4399/', quiet: true, apiKey: 'k' }

describe('two portals side by side', () => {
  it('keeps their data apart, B starting without smart processes, each named on its pages', async () => {
    const fileA = tempFile('portal.json')
    const fileB = tempFile('portal-b.json')
    const a = await startEmulator({ ...base, dataFile: fileA, portalName: 'Portal A — demo' })
    const b = await startEmulator({ ...base, dataFile: fileB, portalName: 'Portal B — no smart processes yet', seed: 'standard' })
    expect(a.url).not.toBe(b.url)
    const call = (emu: typeof a, method: string, params: Record<string, unknown> = {}) =>
      emu.portal.rest({ method, params, auth: emu.portal.issueTokens(1).accessToken }).body as any

    // B: the standard types' items (relation targets for a copied setup), no smart process, no stage dictionary.
    expect(call(b, 'crm.type.list').result.types).toEqual([])
    expect(call(b, 'crm.item.list', { entityTypeId: 2 }).total).toBe(3)
    expect(call(b, 'crm.status.entity.types').result).toEqual([])
    expect(call(a, 'crm.type.list').total).toBe(3)

    // A type made on B gets the first free entityTypeId there, its pipeline and stages; A does not see it.
    const made = call(b, 'crm.type.add', { fields: { title: 'Copied repairs', isStagesEnabled: 'Y' } }).result.type
    expect(made.entityTypeId).toBe(1030)
    expect(call(b, 'crm.status.list', { filter: { ENTITY_ID: 'DYNAMIC_1030_STAGE_1' } }).total).toBe(5)
    expect(call(a, 'crm.type.list').result.types.map((t: any) => t.title)).not.toContain('Copied repairs')

    const pageA = await (await fetch(`${a.url}/`)).text()
    const pageB = await (await fetch(`${b.url}/`)).text()
    expect(pageA).toContain('<span class="portal-name">Portal A — demo</span>')
    expect(pageA).toMatch(/<title>Portal A — demo · /)
    expect(pageB).toContain('<span class="portal-name">Portal B — no smart processes yet</span>')
    expect(pageB).not.toContain('Equipment Repairs')
    await a.close()
    await b.close()

    expect(loadState(fileB)!.types.map(t => t.title)).toEqual(['Copied repairs'])
    expect(loadState(fileA)!.types).toHaveLength(3)
    // B restarts from its own file, and a reset brings back its own seed.
    const again = await startEmulator({ ...base, dataFile: fileB, seed: 'standard' })
    expect(call(again, 'crm.type.list').total).toBe(1)
    again.portal.reset()
    expect(call(again, 'crm.type.list').total).toBe(0)
    await again.close()
  })

  it('shows no portal name when only one runs (the default)', async () => {
    const one = await startEmulator({ ...base, dataFile: null })
    const page = await (await fetch(`${one.url}/`)).text()
    expect(page).not.toContain('portal-name')
    expect(page).toContain('<title>Emulated Bitrix24 portal</title>')
    await one.close()
  })
})
