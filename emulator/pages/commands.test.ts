import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleCommand } from './client/commands.js'

function session() {
  const iframe = document.createElement('iframe')
  return {
    iframe,
    inSlider: false,
    launch: { userId: 1, init: { LANG: 'en', PLACEMENT: 'DEFAULT', AUTH_ID: 'old', AUTH_EXPIRES: '3600', REFRESH_ID: 'old-r' }, post: {} },
    tokens: { AUTH_ID: 'new', AUTH_EXPIRES: '3600', REFRESH_ID: 'new-r' },
    env: { faults: { refreshSilent: false }, setTitle: vi.fn(), slider: { open: vi.fn(), close: vi.fn(), isOpen: false } },
    reload: vi.fn(),
  }
}
const msg = (command: string, params: unknown = null) => ({ command, params, callbackKey: 'k', appSid: 's' })

afterEach(() => vi.restoreAllMocks())

describe('frame commands (parent side)', () => {
  it('answers getInitData with the session\'s newest tokens', () => {
    const reply = vi.fn()
    handleCommand(session(), msg('getInitData'), reply)
    expect(reply).toHaveBeenCalledWith(expect.objectContaining({ LANG: 'en', AUTH_ID: 'new', REFRESH_ID: 'new-r' }))
  })

  it('follows resizeWindow and fitWindow heights', () => {
    const s = session()
    const reply = vi.fn()
    handleCommand(s, msg('resizeWindow', { width: '100%', height: 812 }), reply)
    expect(s.iframe.style.height).toBe('812px')
    expect(s.iframe.style.width).toBe('100%')
    expect(reply).toHaveBeenCalledOnce()
  })

  it('logs an unknown command and neither answers nor throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const reply = vi.fn()
    expect(() => handleCommand(session(), msg('teleport', { to: 'mars' }), reply)).not.toThrow()
    expect(reply).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledWith('[portal] unknown frame command "teleport"', { to: 'mars' })
    expect(() => handleCommand(session(), msg('__proto__'), reply)).not.toThrow()
    expect(() => handleCommand(session(), msg('toString'), reply)).not.toThrow()
    expect(reply).not.toHaveBeenCalled()
  })

  it('leaves refreshAuth unanswered when the fault switch says so', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = session()
    s.env.faults.refreshSilent = true
    const reply = vi.fn()
    const fetch = vi.spyOn(globalThis, 'fetch')
    await handleCommand(s, msg('refreshAuth'), reply)
    expect(reply).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })
})
