import { describe, expect, it } from 'vitest'
import { isHandlerPost } from './vite-portal-form-post'

describe('isHandlerPost', () => {
  it('takes the portal\'s POST to the handler, whose query holds a dotted DOMAIN', () => {
    expect(isHandlerPost('POST', '/?DOMAIN=127.0.0.1%3A5174&PROTOCOL=0&LANG=en&APP_SID=abc')).toBe(true)
    expect(isHandlerPost('POST', '/?DOMAIN=b24-xyz.bitrix24.com&PROTOCOL=1')).toBe(true)
    expect(isHandlerPost('POST', '/app/')).toBe(true)
  })
  it('leaves files, Vite internals and other methods alone', () => {
    expect(isHandlerPost('POST', '/assets/index.js')).toBe(false)
    expect(isHandlerPost('POST', '/@vite/client')).toBe(false)
    expect(isHandlerPost('GET', '/?DOMAIN=a.b')).toBe(false)
    expect(isHandlerPost('POST', undefined)).toBe(false)
  })
})
