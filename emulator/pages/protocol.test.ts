import { MessageManager } from '@bitrix24/b24jssdk'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatReply, parseFrameMessage } from './client/protocol.js'

const APP_SID = '0123456789abcdef0123456789abcdef'

/** The SDK's own message manager, talking to a parent we capture (in happy-dom the page is its own parent). */
function sdkSender() {
  const sent: string[] = []
  vi.spyOn(window, 'postMessage').mockImplementation(((message: string) => { sent.push(message) }) as typeof window.postMessage)
  const frame = { getAppSid: () => APP_SID, getTargetOrigin: () => 'http://127.0.0.1:4202' }
  const manager = new MessageManager(frame as never)
  return { manager, sent }
}

afterEach(() => vi.restoreAllMocks())

describe('frame protocol (parent side)', () => {
  it('reads a command without params as the SDK sends it', () => {
    const { manager, sent } = sdkSender()
    void manager.send('getInitData', {})
    const msg = parseFrameMessage(sent[0])
    expect(msg).toMatchObject({ command: 'getInitData', params: null, appSid: APP_SID })
    expect(msg?.callbackKey).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('reads JSON params that contain colons', () => {
    const { manager, sent } = sdkSender()
    void manager.send('setTitle', { title: 'Deal: 10:30 "a|b"', isSafely: true })
    expect(parseFrameMessage(sent[0])).toMatchObject({ command: 'setTitle', params: { title: 'Deal: 10:30 "a|b"' }, appSid: APP_SID })
  })

  it('reads a raw value and the object form of commands with a colon in the name', () => {
    const { manager, sent } = sdkSender()
    void manager.send('setValue', { value: '{"a":1}', isSafely: true, isRawValue: true })
    expect(parseFrameMessage(sent[0])).toMatchObject({ command: 'setValue', params: { a: 1 } })
    void manager.send('ui:open', { x: 1, isSafely: true })
    expect(parseFrameMessage(sent[1])).toMatchObject({ command: 'ui:open', params: { x: 1 }, appSid: APP_SID })
  })

  it('rejects what is not a frame command', () => {
    for (const data of ['', 'hello', 'a:b', 42, null, { foo: 1 }])
      expect(parseFrameMessage(data)).toBeNull()
  })

  it('answers in the format the SDK resolves its promise with', async () => {
    const { manager, sent } = sdkSender()
    const pending = manager.send('getInitData', {})
    const { callbackKey } = parseFrameMessage(sent[0])!
    const payload = { LANG: 'ru', AUTH_EXPIRES: '3600', PLACEMENT_OPTIONS: { URI: '/crm/type/128/list/?a=b:c' } }
    manager._runCallback(new MessageEvent('message', { origin: 'http://127.0.0.1:4202', data: formatReply(callbackKey, payload) }))
    await expect(pending).resolves.toEqual(payload)
  })

  it('resolves an answer without payload with an empty string', async () => {
    const { manager, sent } = sdkSender()
    const pending = manager.send('setInstall', { install: true })
    manager._runCallback(new MessageEvent('message', { origin: 'http://127.0.0.1:4202', data: formatReply(parseFrameMessage(sent[0])!.callbackKey) }))
    await expect(pending).resolves.toBe('')
  })
})
