import { describe, expect, it } from 'vitest'
import type { PageContext } from './context'
import { createPortal } from '../model/portal'
import { buildLaunch, detailTabOptions, listToolbarOptions } from './launch'

const ctx: PageContext = { userId: 2, lang: 'ru', host: '127.0.0.1:4202', inSlider: false, path: '/crm/type/128/details/1/' }
const appUrl = 'http://localhost:4201/'

describe('app launch', () => {
  it('names the iframe DOMAIN|PROTOCOL|APP_SID and puts them with LANG in the handler query', () => {
    const portal = createPortal({ appUrl })
    const launch = buildLaunch(portal, ctx, { placement: 'CRM_DYNAMIC_128_DETAIL_TAB', options: detailTabOptions(1, '/crm/type/128/details/1/'), handler: 'http://localhost:4201/?x=1' })
    expect(launch.appSid).toMatch(/^[0-9a-f]{32}$/)
    expect(launch.windowName).toBe(`127.0.0.1:4202|0|${launch.appSid}`)
    const action = new URL(launch.action)
    expect(action.origin).toBe('http://localhost:4201')
    expect(Object.fromEntries(action.searchParams)).toEqual({ x: '1', DOMAIN: '127.0.0.1:4202', PROTOCOL: '0', LANG: 'ru', APP_SID: launch.appSid })
    expect(launch.appOrigin).toBe('http://localhost:4201')
  })

  it('posts tokens and placement in the body, never in the URL, and the tokens work for the page user', () => {
    const portal = createPortal({ appUrl })
    const launch = buildLaunch(portal, ctx, { placement: 'CRM_DYNAMIC_128_DETAIL_TAB', options: detailTabOptions(7, '/u'), handler: appUrl })
    expect(launch.action).not.toContain(launch.post.AUTH_ID!)
    expect(launch.action).not.toContain(launch.post.REFRESH_ID!)
    expect(portal.authenticate(launch.post.AUTH_ID!)).toBe(2)
    expect(launch.post).toMatchObject({ AUTH_EXPIRES: '3600', status: 'L', PLACEMENT: 'CRM_DYNAMIC_128_DETAIL_TAB', PLACEMENT_OPTIONS: '{"ID":"7","URI":"/u"}' })
    expect(launch.post.member_id).toMatch(/\w+/)
  })

  it('answers getInitData with the field types b24jssdk reads', () => {
    const portal = createPortal({ appUrl })
    const init = buildLaunch(portal, ctx, { placement: 'CRM_DYNAMIC_128_LIST_TOOLBAR', options: listToolbarOptions('/crm/type/128/list/'), handler: appUrl }).init
    expect(init).toMatchObject({ LANG: 'ru', DOMAIN: '127.0.0.1:4202', PROTOCOL: '0', PATH: ctx.path, AUTH_EXPIRES: '3600', FIRST_RUN: false, INSTALL: false, IS_ADMIN: false, PLACEMENT: 'CRM_DYNAMIC_128_LIST_TOOLBAR', PLACEMENT_OPTIONS: { URI: '/crm/type/128/list/' }, APP_OPTIONS: {}, USER_OPTIONS: {} })
    expect(typeof init.MEMBER_ID).toBe('string')
  })

  it('opens the app page in install mode without PLACEMENT_OPTIONS in the POST', () => {
    const portal = createPortal({ appUrl })
    const launch = buildLaunch(portal, { ...ctx, userId: 1 }, { placement: 'DEFAULT', handler: appUrl, install: true })
    expect(launch.post).not.toHaveProperty('PLACEMENT_OPTIONS')
    expect(launch.init).toMatchObject({ PLACEMENT: 'DEFAULT', PLACEMENT_OPTIONS: {}, INSTALL: true, FIRST_RUN: true, IS_ADMIN: true })
  })

  it('gives the options the app stored to the next launch', () => {
    const portal = createPortal({ appUrl })
    portal.call('app.option.set', { options: { mode: 'full' } }, { userId: 1 })
    expect(buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: appUrl }).init.APP_OPTIONS).toEqual({ mode: 'full' })
  })
})

describe('handler POST application fields', () => {
  // widgets/crm/detail-tab.md "Что получает обработчик": SERVER_ENDPOINT, APPLICATION_TOKEN, APPLICATION_SCOPE
  it('carries SERVER_ENDPOINT, an APPLICATION_TOKEN fixed per portal state and the app\'s scopes', () => {
    const portal = createPortal({ appUrl, scopes: ['crm', 'placement', 'user_brief'] })
    const a = buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: appUrl })
    const b = buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: appUrl })
    expect(a.post).toMatchObject({ SERVER_ENDPOINT: 'https://oauth.bitrix.info/rest/', APPLICATION_SCOPE: 'crm,placement,user_brief' })
    expect(a.post.APPLICATION_TOKEN).toMatch(/^[0-9a-f]{32}$/)
    expect(b.post.APPLICATION_TOKEN).toBe(a.post.APPLICATION_TOKEN)
    portal.faults.appScopes = ['crm']
    expect(buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: appUrl }).post.APPLICATION_SCOPE).toBe('crm')
  })

  it('issues tokens in the page\'s language, so REST errors come in it', () => {
    const portal = createPortal({ appUrl })
    const launch = buildLaunch(portal, ctx, { placement: 'DEFAULT', handler: appUrl })
    expect(portal.rest({ method: 'crm.type.list', params: {}, auth: launch.post.AUTH_ID }).body).toEqual({ error: 'ACCESS_DENIED', error_description: 'Доступ запрещен' })
  })
})
