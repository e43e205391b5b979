// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parsePhpQuery } from './php-query'
import { testPortal } from './test-helpers'

describe('parsePhpQuery', () => {
  it('parses nested brackets, lists and encoded keys as PHP does', () => {
    expect(parsePhpQuery('a[b][]=1&a[b][]=2&c=x+y&LANG_ALL%5Ben%5D%5BTITLE%5D=Hi%21')).toEqual({
      a: { b: ['1', '2'] },
      c: 'x y',
      LANG_ALL: { en: { TITLE: 'Hi!' } },
    })
    expect(parsePhpQuery('fields[relations][parent][0][entityTypeId]=2')).toEqual({ fields: { relations: { parent: [{ entityTypeId: '2' }] } } })
  })
})

describe('batch', () => {
  it('runs named commands in PHP query form and answers result, result_error, result_total, result_next, result_time', () => {
    const { rest, portal } = testPortal()
    portal.addTypes(60)
    const r = rest('batch', { halt: 0, cmd: { first: 'crm.type.list', second: 'crm.type.list?start=50', user: 'profile' } })
    expect(r.status).toBe(200)
    const b = r.body.result
    expect(b.result.first.types).toHaveLength(50)
    expect(b.result.second.types).toHaveLength(13)
    expect(b.result_total).toEqual({ first: 63, second: 63 })
    expect(b.result_next).toEqual({ first: 50 })
    expect(b.result_error).toEqual([])
    expect(Object.keys(b.result_time)).toEqual(['first', 'second', 'user'])
    expect(r.body.time).toBeDefined()
  })

  it('binds placements with LANG_ALL titles from a command string', () => {
    const { rest } = testPortal()
    const cmd = 'placement.bind?PLACEMENT=CRM_DYNAMIC_1030_DETAIL_TAB&HANDLER=http%3A%2F%2Flocalhost%3A5173%2F&LANG_ALL[en][TITLE]=Settings&LANG_ALL[ru][TITLE]=%D0%9D%D0%B0%D1%81%D1%82%D1%80%D0%BE%D0%B9%D0%BA%D0%B8'
    expect(rest('batch', { cmd: { b: cmd } }).body.result.result.b).toBe(true)
    const bound = rest('placement.get').body.result
    expect(bound[0]).toMatchObject({ placement: 'CRM_DYNAMIC_1030_DETAIL_TAB', handler: 'http://localhost:5173/', langAll: { en: { TITLE: 'Settings' }, ru: { TITLE: 'Настройки' } } })
  })

  it('resolves $result[key][field] references to earlier results', () => {
    const { rest } = testPortal()
    const r = rest('batch', { cmd: {
      add: 'crm.type.add?fields[title]=Referenced',
      get: 'crm.type.get?id=$result[add][type][id]',
      items: 'crm.item.list?entityTypeId=$result[add][type][entityTypeId]&select[]=id',
    } }).body.result
    expect(r.result.get.type.title).toBe('Referenced')
    expect(r.result_total.items).toBe(0)
  })

  it('answers commands as a list when cmd is a list', () => {
    const { rest } = testPortal()
    const r = rest('batch', { cmd: ['user.admin', 'nope.nope', 'user.admin'] }).body.result
    expect(r.result).toEqual({ 0: true, 2: true })
    expect(r.result_error).toEqual({ 1: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } })
  })

  it('stops at the first error with halt', () => {
    const { rest } = testPortal()
    const r = rest('batch', { halt: 1, cmd: { a: 'user.admin', b: 'crm.type.get?id=999', c: 'user.admin' } }).body.result
    expect(r.result).toEqual({ a: true })
    expect(r.result_error).toEqual({ b: { error: 0, error_description: 'SPA not found' } })
    expect(Object.keys(r.result_time)).toEqual(['a', 'b'])
    const on = rest('batch', { halt: 0, cmd: { a: 'user.admin', b: 'crm.type.get?id=999', c: 'user.admin' } }).body.result
    expect(Object.keys(on.result)).toEqual(['a', 'c'])
  })

  it('refuses more than 50 commands', () => {
    const { rest } = testPortal()
    const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'user.admin']))
    const r = rest('batch', { cmd })
    expect(r.status).toBe(400)
    expect(r.body.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED')
  })

  it('keeps the caller\'s permissions inside a batch', () => {
    const { rest } = testPortal()
    const r = rest('batch', { cmd: { a: 'crm.type.add?fields[title]=Nope' } }, 2).body.result
    expect(r.result_error.a.error).toBe('ACCESS_DENIED')
  })

  it('logs one request with the commands it carried', () => {
    const { rest, portal } = testPortal()
    rest('batch', { cmd: { a: 'user.admin', b: 'crm.type.list' } })
    expect(portal.log.list()).toEqual([expect.objectContaining({ method: 'batch', commands: ['user.admin', 'crm.type.list'], status: 200, userId: 1 })])
  })
})
