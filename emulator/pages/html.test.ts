import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeHtml, html, join, jsonScript, toString } from './html'

describe('html templates', () => {
  it('escapes every interpolated portal value', () => {
    const title = '<img src=x onerror="alert(1)">&\'`'
    expect(toString(html`<h1 title="${title}">${title}</h1>`)).toBe(
      '<h1 title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;</h1>',
    )
  })

  it('keeps nested fragments and escapes the text inside lists', () => {
    const items = ['<a>', 'b'].map(x => html`<li>${x}</li>`)
    expect(toString(html`<ul>${items}</ul>`)).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>')
    expect(toString(join(['<x>', html`<br>`], ', '))).toBe('&lt;x&gt;, <br>')
  })

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(toString(html`${null}${undefined}${false}${0}${true}`)).toBe('0true')
  })

  it('does not trust a plain object that only looks like a fragment', () => {
    const fake = { value: '<script>' } as unknown as string
    expect(toString(html`${fake}`)).toBe('[object Object]')
  })

  it('never lets any string produce markup characters', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const out = escapeHtml(s)
      expect(out).not.toMatch(/[<>"'`]/)
    }))
  })

  it('keeps JSON data inside its script element', () => {
    const out = toString(jsonScript('launch', { t: '</script><script>alert(1)</script>', amp: 'a&b\u2028' }))
    expect(out.match(/<\/script>/g)).toHaveLength(1)
    const body = out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'))
    expect(JSON.parse(body)).toEqual({ t: '</script><script>alert(1)</script>', amp: 'a&b\u2028' })
  })
})
