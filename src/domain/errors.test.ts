import { describe, expect, it } from 'vitest'
import { en, ru } from '@/i18n/messages'
import { APP_ERROR_CODES, AppError, errorMessageKey, isAppError, toAppError } from './errors'

type Tree = { [key: string]: string | Tree }

describe('AppError', () => {
  it('defaults its message key to errors.<code> and is not retryable', () => {
    const e = new AppError({ code: 'has_items', params: { count: 3 } })
    expect(e.messageKey).toBe('errors.has_items')
    expect(e.params).toEqual({ count: 3 })
    expect(e.retryable).toBe(false)
    expect(isAppError(e)).toBe(true)
  })
})

describe('errorMessageKey', () => {
  it('uses an AppError own key', () => {
    expect(errorMessageKey(new AppError({ code: 'timeout' }))).toBe('errors.timeout')
    expect(errorMessageKey(new AppError({ code: 'validation', messageKey: 'domain.entity_type_id.taken' }))).toBe('domain.entity_type_id.taken')
  })
  it('maps anything else to errors.unknown', () => {
    for (const e of [new Error('x'), 'boom', null, undefined, 42, { code: 'timeout' }])
      expect(errorMessageKey(e)).toBe('errors.unknown')
  })
})

describe('toAppError', () => {
  it('passes AppErrors through and wraps the rest as unknown with the text kept', () => {
    const a = new AppError({ code: 'network' })
    expect(toAppError(a)).toBe(a)
    const w = toAppError(new TypeError('failed'))
    expect(w.code).toBe('unknown')
    expect(w.detail).toBe('failed')
  })
})

describe.each([['en', en], ['ru', ru]] as const)('%s error messages', (_name, tree) => {
  it('exist for every code', () => {
    const errors = (tree as Tree).errors as Tree
    for (const code of APP_ERROR_CODES)
      expect(typeof errors[code] === 'string' && errors[code] !== '', code).toBe(true)
  })
  it('name the item count and the dropped links', () => {
    const errors = (tree as Tree).errors as Record<string, string>
    expect(errors.has_items).toContain('{count}')
    expect(errors.relations_dropped).toContain('{names}')
  })
})
