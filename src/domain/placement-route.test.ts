import { describe, expect, it } from 'vitest'
import { routePlacement } from './placement-route'

describe('routePlacement', () => {
  it('opens the settings of the card tab\'s type in the narrow layout', () => {
    expect(routePlacement('CRM_DYNAMIC_1038_DETAIL_TAB')).toEqual({ view: 'settings', entityTypeId: 1038, layout: 'tab' })
  })
  it('opens the settings of the list toolbar\'s type in the slider layout', () => {
    expect(routePlacement('CRM_DYNAMIC_130_LIST_TOOLBAR')).toEqual({ view: 'settings', entityTypeId: 130, layout: 'slider' })
  })
  it('sends DEFAULT and an empty placement to the app page', () => {
    expect(routePlacement('DEFAULT').view).toBe('home')
    expect(routePlacement('').view).toBe('home')
  })
  it('tells other smart process placements apart from unknown codes, both unsupported', () => {
    expect(routePlacement('CRM_DYNAMIC_1038_LIST_MENU')).toEqual({ view: 'unsupported', entityTypeId: 1038, layout: 'tab' })
    expect(routePlacement('CRM_DEAL_DETAIL_TAB')).toEqual({ view: 'unsupported', entityTypeId: null, layout: 'tab' })
  })
})
