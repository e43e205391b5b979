import { describe, expect, it } from 'vitest'
import { bindingsOfType, placementsByType, planBinds } from './install'
import { handlerUrlFrom } from './placement'

const HANDLER = 'https://app.example.com/studio/'
const TITLES = {
  DETAIL_TAB: { en: 'Studio', ru: 'Студия' },
  LIST_TOOLBAR: { en: 'Studio settings', ru: 'Настройки' },
}

describe('handlerUrlFrom', () => {
  it('drops the launch query Bitrix24 adds (DOMAIN, PROTOCOL, LANG, APP_SID) and any hash', () => {
    expect(handlerUrlFrom('https://app.example.com/studio/?DOMAIN=x.bitrix24.com&PROTOCOL=1&LANG=en&APP_SID=abc#top')).toBe(HANDLER)
  })
  it('keeps the host, port and path the app was served from', () => {
    expect(handlerUrlFrom('http://localhost:4211/')).toBe('http://localhost:4211/')
    expect(handlerUrlFrom('http://127.0.0.1:8080/index.html?x=1')).toBe('http://127.0.0.1:8080/index.html')
  })
})

describe('placementsByType', () => {
  it('counts only bindings to our handler, in any case of the code', () => {
    const map = placementsByType([1030, 1032], [
      { placement: 'crm_dynamic_1030_detail_tab', handler: HANDLER },
      { placement: 'CRM_DYNAMIC_1030_LIST_TOOLBAR', handler: 'https://old-host.example.com/' },
      { placement: 'CRM_DYNAMIC_1032_LIST_TOOLBAR', handler: HANDLER },
    ], HANDLER)
    expect(map.get(1030)).toEqual({ DETAIL_TAB: true, LIST_TOOLBAR: false })
    expect(map.get(1032)).toEqual({ DETAIL_TAB: false, LIST_TOOLBAR: true })
  })
})

describe('planBinds', () => {
  it('plans both placements of every type when nothing is known, with LANG_ALL titles', () => {
    const plan = planBinds([1030, 1032], null, HANDLER, TITLES)
    expect(plan.map(p => p.placement)).toEqual([
      'CRM_DYNAMIC_1030_DETAIL_TAB',
      'CRM_DYNAMIC_1030_LIST_TOOLBAR',
      'CRM_DYNAMIC_1032_DETAIL_TAB',
      'CRM_DYNAMIC_1032_LIST_TOOLBAR',
    ])
    expect(plan[1]).toMatchObject({ entityTypeId: 1030, handler: HANDLER, titles: { en: 'Studio settings', ru: 'Настройки' } })
  })
  it('leaves out what is bound already, so a repair only sends the rest', () => {
    const existing = placementsByType([1030, 1032], [
      { placement: 'CRM_DYNAMIC_1030_DETAIL_TAB', handler: HANDLER },
      { placement: 'CRM_DYNAMIC_1030_LIST_TOOLBAR', handler: HANDLER },
      { placement: 'CRM_DYNAMIC_1032_DETAIL_TAB', handler: HANDLER },
    ], HANDLER)
    expect(planBinds([1030, 1032], existing, HANDLER, TITLES).map(p => p.placement)).toEqual(['CRM_DYNAMIC_1032_LIST_TOOLBAR'])
  })
})

describe('bindingsOfType', () => {
  it('unbinds what placement.get lists for the type, whatever the handler', () => {
    expect(bindingsOfType(1030, [
      { placement: 'CRM_DYNAMIC_1030_DETAIL_TAB', handler: 'https://old.example.com/' },
      { placement: 'CRM_DYNAMIC_10300_DETAIL_TAB', handler: HANDLER },
      { placement: 'CRM_DYNAMIC_1032_DETAIL_TAB', handler: HANDLER },
    ], HANDLER)).toEqual([{ placement: 'CRM_DYNAMIC_1030_DETAIL_TAB', handler: 'https://old.example.com/' }])
  })
  it('falls back to the two placements the app binds when nothing is listed', () => {
    expect(bindingsOfType(1040, null, HANDLER)).toEqual([
      { placement: 'CRM_DYNAMIC_1040_DETAIL_TAB', handler: HANDLER },
      { placement: 'CRM_DYNAMIC_1040_LIST_TOOLBAR', handler: HANDLER },
    ])
  })
})
