import { describe, expect, it } from 'vitest'
import { parsePhpQuery } from './php-query'

/**
 * Why this is not qs (issue 16 asked): the portal parses batch commands and
 * form bodies with PHP's parse_str, and qs differs from it in the three
 * cases below (qs 6 / qs-esm 8, checked: `a=1&a=2` → ["1","2"];
 * `a[1]=b&a[15]=c` → ["b","c"], the indexes lost; with parseArrays off,
 * `a[]=b` → {"0": ["b"]}).
 */
describe('parsePhpQuery reads a query as PHP parse_str does', () => {
  it('lets the last of a repeated key win', () => {
    expect(parsePhpQuery('a=1&a=2')).toEqual({ a: '2' })
  })
  it('keeps sparse indexes as keys', () => {
    expect(parsePhpQuery('a[1]=b&a[15]=c')).toEqual({ a: { 1: 'b', 15: 'c' } })
  })
  it('appends with [] and prints 0..n-1 keys as a list', () => {
    expect(parsePhpQuery('a[]=b&a[]=c&d[0]=x&d[1]=y')).toEqual({ a: ['b', 'c'], d: ['x', 'y'] })
  })
})
