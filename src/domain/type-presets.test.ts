import type { FlagKey, Flags, GatewayKind } from './flags'
import { describe, expect, it } from 'vitest'
import { defaultFlags, settableFlags } from './flags'
import { isTypePresetId, matchingPreset, presetFlags, TYPE_PRESET_IDS } from './type-presets'

const onKeys = (flags: Flags): FlagKey[] => (Object.keys(flags) as FlagKey[]).filter(k => flags[k]).sort()
const gateways: GatewayKind[] = ['rest', 'vibecode']

describe('type presets', () => {
  it.each(gateways)('starts from what crm.type.add gives a new type: the catalogue defaults (%s)', (gateway) => {
    expect(presetFlags('portal_defaults', settableFlags(gateway))).toEqual(defaultFlags())
    expect(onKeys(presetFlags('portal_defaults', settableFlags(gateway)))).toEqual(['isSetOpenPermissions'])
  })

  it('"Essentials only" turns on what Bitrix24\'s bitrix:list use case does, and nothing else', () => {
    expect(onKeys(presetFlags('essentials', settableFlags('rest')))).toEqual(['isDocumentsEnabled', 'isSetOpenPermissions', 'isUseInUserfieldEnabled'])
  })

  it('"Kanban with stages" adds stages and automation rules to the essentials, without pipelines', () => {
    const flags = presetFlags('kanban', settableFlags('rest'))
    expect(onKeys(flags)).toEqual(['isAutomationEnabled', 'isDocumentsEnabled', 'isSetOpenPermissions', 'isStagesEnabled', 'isUseInUserfieldEnabled'])
    expect(flags.isCategoriesEnabled).toBe(false)
  })

  it('"All options selected" sets every flag portal REST takes, and leaves the system ones to Bitrix24', () => {
    const flags = presetFlags('everything', settableFlags('rest'))
    expect(onKeys(flags)).toEqual([...settableFlags('rest')].sort())
    expect(flags.isCountersEnabled).toBe(false)
    expect(flags.isPaymentsEnabled).toBe(false)
  })

  it('"All options selected" over the vibecode gateway: counters on as in Bitrix24\'s preset; payments and recurring off', () => {
    const flags = presetFlags('everything', settableFlags('vibecode'))
    expect(flags.isCountersEnabled).toBe(true)
    expect(flags.isPaymentsEnabled).toBe(false)
    expect(flags.isRecurringEnabled).toBe(false)
  })

  it('turns off what the preset does not name, as Bitrix24\'s form does, but leaves flags not offered at their default', () => {
    const offered: FlagKey[] = ['isStagesEnabled', 'isSetOpenPermissions']
    const flags = presetFlags('essentials', offered)
    expect(flags.isStagesEnabled).toBe(false)
    expect(flags.isSetOpenPermissions).toBe(true)
    // Not offered: the catalogue default, whatever the preset says.
    expect(flags.isDocumentsEnabled).toBe(false)
  })

  it.each(gateways)('tells every preset apart by the switches it sets (%s)', (gateway) => {
    const offered = settableFlags(gateway)
    for (const id of TYPE_PRESET_IDS)
      expect(matchingPreset(presetFlags(id, offered), offered)).toBe(id)
  })

  it('names no preset once the user changes a switch, and finds it again when changed back', () => {
    const offered = settableFlags('rest')
    const flags = presetFlags('kanban', offered)
    flags.isSourceEnabled = true
    expect(matchingPreset(flags, offered)).toBeNull()
    flags.isSourceEnabled = false
    expect(matchingPreset(flags, offered)).toBe('kanban')
  })

  it('knows its own ids and nothing else (the radio group hands back unknown)', () => {
    expect(TYPE_PRESET_IDS.every(isTypePresetId)).toBe(true)
    expect(isTypePresetId('bitrix:full')).toBe(false)
    expect(isTypePresetId(undefined)).toBe(false)
  })

  it('ignores flags the dialog does not offer when it matches', () => {
    const offered = settableFlags('rest')
    const flags = { ...presetFlags('essentials', offered), isPaymentsEnabled: true }
    expect(matchingPreset(flags, offered)).toBe('essentials')
  })
})
