import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { routePlacement } from './placement-route'

/** Issue 10: any PLACEMENT the portal (or a forger) sends picks a screen; none throws. */
describe('routePlacement on any text', () => {
  it('never throws, and only valid smart process codes open the settings', () => {
    const code = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.constantFrom('CRM_DYNAMIC_', 'crm_dynamic_', 'CRM_LEAD_', ''), fc.oneof(fc.nat(), fc.constantFrom('1031', '99999999999999999999', '-4', '1e3', '0x406')), fc.constantFrom('_DETAIL_TAB', '_LIST_TOOLBAR', '_LIST_MENU', '_<script>', '', '_DETAIL_TAB_'))
        .map(([a, b, c]) => `${a}${b}${c}`),
    )
    fc.assert(fc.property(code, (text) => {
      const route = routePlacement(text)
      expect(['settings', 'home', 'unsupported']).toContain(route.view)
      if (route.view === 'settings') {
        expect(text.trim().toUpperCase()).toMatch(/^CRM_DYNAMIC_\d+_(DETAIL_TAB|LIST_TOOLBAR)$/)
        expect(Number.isSafeInteger(route.entityTypeId)).toBe(true)
      }
    }), { numRuns: 500 })
  })
})
