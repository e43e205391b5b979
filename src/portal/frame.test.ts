import type { StartFrameOptions } from './frame'
import { B24Frame } from '@bitrix24/b24jssdk'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installParent, PORTAL, portalInitData, restoreParentAfterEach } from '@test/fake-parent'
import { rejectionOf } from '@test/rejection'

/**
 * frame.ts with the real b24jssdk under happy-dom, a fake parent window
 * (fake-parent-for-test.ts) standing in for the portal page.
 */
const TOKEN = 'tok-5f2c9a1e'

function initData(over: Record<string, unknown> = {}) {
  return portalInitData({ LANG: 'ru', AUTH_ID: TOKEN, REFRESH_ID: 'refresh-77aa', PLACEMENT_OPTIONS: '{"id":"7","uri":"/crm/type/1030/details/7/"}', ...over })
}

/** A fresh SDK instance, as initializeB24Frame makes it (its own once-per-page promise cannot be reset). */
async function freshSdk(): Promise<B24Frame> {
  const [domain, protocol, appSid] = window.name.split('|')
  const b24 = new B24Frame({ DOMAIN: domain ?? null, PROTOCOL: protocol === '1', APP_SID: appSid ?? null, LANG: null }, { restrictionParams: { retryOnNetworkError: false } })
  try {
    await b24.init()
  }
  catch (e) {
    b24.destroy()
    throw e
  }
  return b24
}

async function freshFrameModule() {
  // frame.ts keeps one frame per page: a fresh module per test.
  vi.resetModules()
  const mod = await import('./frame')
  return {
    ...mod,
    startFrame: (options: StartFrameOptions = {}) => mod.startFrame({ initialize: freshSdk, ...options }),
  }
}

describe('frame', () => {
  beforeEach(() => {
    window.name = ''
  })
  restoreParentAfterEach()

  it('rejects at once with outside_portal when opened outside a portal', async () => {
    const { startFrame } = await freshFrameModule()
    const started = Date.now()
    const e = await rejectionOf(startFrame())
    expect(e.code).toBe('outside_portal')
    expect(Date.now() - started).toBeLessThan(100)
  })

  it('rejects with outside_portal when window.name is not DOMAIN|PROTOCOL|APP_SID', async () => {
    installParent(() => initData())
    window.name = 'some-other-frame'
    const { startFrame } = await freshFrameModule()
    expect((await rejectionOf(startFrame())).code).toBe('outside_portal')
  })

  it('reads the init data defensively and keeps tokens out of the facade', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData() : undefined))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    expect(frame.init).toMatchObject({
      lang: 'ru',
      placement: 'CRM_DYNAMIC_1030_DETAIL_TAB',
      isAdmin: true,
      domain: 'portal.test',
      portalOrigin: PORTAL,
      memberId: 'member-1',
      isInstallMode: false,
      isFirstRun: false,
      isSliderMode: false,
    })
    expect(frame.init.placementOptions.itemId).toBe(7)
    expect(frame.init.placementOptions.uri).toBe('/crm/type/1030/details/7/')
    expect(JSON.stringify(frame.init)).not.toContain(TOKEN)
    expect(JSON.stringify(frame.init)).not.toContain('refresh-77aa')
    expect(parent.sent).toEqual(['getInitData'])
  })

  it('starts the SDK once per page', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData() : undefined))
    const { startFrame } = await freshFrameModule()
    const [a, b] = await Promise.all([startFrame(), startFrame()])
    expect(a).toBe(b)
    expect(await startFrame()).toBe(a)
    expect(parent.sent.filter(c => c === 'getInitData')).toHaveLength(1)
  })

  it('times out when the parent never answers, instead of hanging', async () => {
    installParent(() => undefined)
    const { startFrame } = await freshFrameModule()
    const started = Date.now()
    const e = await rejectionOf(startFrame({ timeoutMs: 150 }))
    expect(e).toMatchObject({ code: 'timeout', retryable: true })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it.each([
    ['no token expiry', { AUTH_EXPIRES: undefined }],
    ['a placement that is not a code', { PLACEMENT: { evil: true } }],
    ['a language that is not one', { LANG: '<script>' }],
  ])('rejects init data with %s as bad_context', async (_, over) => {
    installParent(cmd => (cmd === 'getInitData' ? initData(over) : undefined))
    const { startFrame } = await freshFrameModule()
    expect((await rejectionOf(startFrame())).code).toBe('bad_context')
  })

  it('rejects init data that is not JSON as bad_context', async () => {
    installParent(cmd => (cmd === 'getInitData' ? 'RAW:{not json' : undefined))
    const { startFrame } = await freshFrameModule()
    expect((await rejectionOf(startFrame({ timeoutMs: 500 }))).code).toBe('bad_context')
  })

  it('reads garbage PLACEMENT_OPTIONS as empty options, not a failure', async () => {
    installParent(cmd => (cmd === 'getInitData' ? initData({ PLACEMENT: 'DEFAULT', PLACEMENT_OPTIONS: 'not json' }) : undefined))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    expect(frame.init.placement).toBe('DEFAULT')
    expect(frame.init.placementOptions).toEqual({ itemId: null, uri: null, all: {} })
  })

  it('calls installFinish only in install mode', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData() : cmd === 'setInstallFinish' ? {} : undefined))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    expect(await frame.installFinish()).toBe(false)
    expect(parent.sent).not.toContain('setInstallFinish')
  })

  it('sends installFinish in install mode', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData({ INSTALL: true, PLACEMENT: 'DEFAULT', PLACEMENT_OPTIONS: {} }) : cmd === 'setInstallFinish' ? {} : undefined))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    expect(frame.init.isInstallMode).toBe(true)
    expect(await frame.installFinish()).toBe(true)
    expect(parent.sent).toContain('setInstallFinish')
  })

  it('passes resize and title to the parent', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData() : {}))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    await frame.resizeWindow(800, 600)
    await frame.setTitle('Settings')
    await frame.fitWindow()
    await frame.resizeHeight(420)
    expect(parent.sent).toEqual(['getInitData', 'resizeWindow', 'setTitle', 'resizeWindow', 'resizeWindow'])
    await expect(frame.resizeHeight(-1)).rejects.toMatchObject({ code: 'bad_context' })
    await expect(frame.resizeWindow(0, 10)).rejects.toMatchObject({ code: 'bad_context' })
  })

  it('refreshes auth through the parent without exposing the token', async () => {
    const parent = installParent(cmd => (cmd === 'getInitData' ? initData() : cmd === 'refreshAuth' ? { AUTH_ID: 'tok-new', REFRESH_ID: 'r2', AUTH_EXPIRES: '3600' } : undefined))
    const { startFrame } = await freshFrameModule()
    const frame = await startFrame()
    await expect(frame.refreshAuth()).resolves.toBeUndefined()
    expect(parent.sent).toContain('refreshAuth')
  })
})
