/**
 * Server-side HTML templating for the portal pages: every interpolated value
 * is escaped unless it is already `SafeHtml` built by this module. Portal data
 * (titles, item fields, placement titles) is user input on a real portal.
 */

const SAFE = Symbol('SafeHtml')

/** A fragment of HTML that is already escaped (made only by `html`, `join` or `jsonScript`). */
export interface SafeHtml {
  readonly [SAFE]: true
  readonly value: string
}

/** What a template may interpolate: text (escaped), fragments, lists of them; null/false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;', '`': '&#96;' }

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, ch => ESCAPES[ch] ?? ch)
}

function safe(value: string): SafeHtml {
  return { [SAFE]: true, value }
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false)
    return ''
  if (isSafe(value))
    return value.value
  if (Array.isArray(value))
    return value.map(render).join('')
  return escapeHtml(String(value))
}

/** Tagged template: `html\`<p>${title}</p>\`` escapes `title` unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return safe(out)
}

/** Joins fragments with an optional (escaped) separator. */
export function join(values: readonly HtmlValue[], separator = ''): SafeHtml {
  return safe(values.map(render).join(escapeHtml(separator)))
}

/**
 * Data for the page script as `<script type="application/json">`: JSON with
 * `<`, `>`, `&` and line separators escaped so no value can close the element.
 */
export function jsonScript(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  return safe(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`)
}

/** The final document string of a fragment. */
export function toString(fragment: SafeHtml): string {
  return fragment.value
}
