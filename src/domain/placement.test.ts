import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from './errors'
import { parsePlacement, parsePlacementOptions, PLACEMENT_NAMES, placementCode } from './placement'

function codeOf(fn: () => unknown): string | null {
  try {
    fn()
    return null
  }
  catch (e) {
    return e instanceof AppError ? e.code : 'not-an-app-error'
  }
}

describe('parsePlacement', () => {
  it('reads a detail tab code into its entityTypeId and name', () => {
    expect(parsePlacement('CRM_DYNAMIC_1038_DETAIL_TAB')).toEqual({ kind: 'smart_process', code: 'CRM_DYNAMIC_1038_DETAIL_TAB', entityTypeId: 1038, name: 'DETAIL_TAB' })
  })
  it('reads names that contain underscores (ROBOT_DESIGNER_TOOLBAR)', () => {
    expect(parsePlacement('CRM_DYNAMIC_130_ROBOT_DESIGNER_TOOLBAR')).toMatchObject({ entityTypeId: 130, name: 'ROBOT_DESIGNER_TOOLBAR' })
  })
  it('treats DEFAULT and no placement as the app page', () => {
    expect(parsePlacement('DEFAULT')).toEqual({ kind: 'default', code: 'DEFAULT' })
    expect(parsePlacement('')).toEqual({ kind: 'default', code: 'DEFAULT' })
    expect(parsePlacement(undefined)).toEqual({ kind: 'default', code: 'DEFAULT' })
  })
  it('rejects unknown names, other placements and ids outside the smart process ranges', () => {
    for (const code of ['CRM_DYNAMIC_1038_NOPE', 'CRM_DEAL_DETAIL_TAB', 'CRM_DYNAMIC_2_DETAIL_TAB', 'CRM_DYNAMIC_1031_DETAIL_TAB', 'CRM_DYNAMIC__DETAIL_TAB', 'garbage'])
      expect(codeOf(() => parsePlacement(code)), code).toBe('unknown_placement')
  })
  it('round-trips every code it builds', () => {
    fc.assert(fc.property(
      fc.oneof(fc.integer({ min: 128, max: 192 }), fc.integer({ min: 515, max: 100000 }).map(n => n * 2)),
      fc.constantFrom(...PLACEMENT_NAMES),
      (id, name) => {
        expect(parsePlacement(placementCode(id, name))).toEqual({ kind: 'smart_process', code: placementCode(id, name), entityTypeId: id, name })
      },
    ))
  })
  it('throws only unknown_placement for any string', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const c = codeOf(() => parsePlacement(s))
      expect(c === null || c === 'unknown_placement').toBe(true)
    }))
  })
})

describe('parsePlacementOptions', () => {
  it('reads the detail tab options from an object with a string ID', () => {
    expect(parsePlacementOptions({ ID: '15', URI: '/crm/type/1038/details/15/' })).toMatchObject({ itemId: 15, uri: '/crm/type/1038/details/15/' })
  })
  it('reads a JSON string with lower-case keys', () => {
    expect(parsePlacementOptions('{"id":7}')).toMatchObject({ itemId: 7, uri: null, all: { ID: '7' } })
  })
  it('gives no item id for the list toolbar (URI only)', () => {
    expect(parsePlacementOptions({ URI: '/crm/type/1038/list/' }).itemId).toBeNull()
  })
  it('survives garbage', () => {
    for (const raw of [null, undefined, '', 'not json', '[1,2]', 42, [], { ID: 'abc' }, { ID: -3 }])
      expect(parsePlacementOptions(raw).itemId).toBeNull()
    fc.assert(fc.property(fc.anything(), (raw) => {
      parsePlacementOptions(raw)
    }))
  })
})
