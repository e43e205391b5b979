import { describe, expect, it } from 'vitest'
import { enText, textPattern } from './texts'

describe('textPattern', () => {
  it('matches a message whatever its parameters hold, and nothing longer', () => {
    const p = textPattern('Remove the link to {name}')
    expect(p.test('Remove the link to Deals (2)')).toBe(true)
    expect(p.test('Remove the link to ')).toBe(false)
    expect(p.test('Undo: Remove the link to Deals')).toBe(false)
  })

  it('escapes the text around the parameters', () => {
    expect(textPattern('Saved (v{n}).').test('Saved (v2).')).toBe(true)
    expect(textPattern('Saved (v{n}).').test('Saved xv2).')).toBe(false)
  })
})

describe('enText', () => {
  it('reads a nested key of a namespace and refuses a missing one', () => {
    expect(enText('app.title')).toBe('Smart Process Studio')
    expect(() => enText('app.no_such_key')).toThrow(/no English text/)
  })
})
