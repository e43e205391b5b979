import type { PageContext } from '../context'
import type { SafeHtml } from '../html'
import { html } from '../html'
import { t } from '../strings'

/** The side panel Bitrix24 opens apps and paths in: a modal dialog with a title, a close button and a frame area. */
export function slider(ctx: PageContext): SafeHtml {
  return html`<div class="slider-backdrop" id="slider" hidden>
  <div class="slider" role="dialog" aria-modal="true" aria-labelledby="slider-title">
    <div class="slider-head"><h2 id="slider-title"></h2><button type="button" class="btn" id="slider-close">${t(ctx.lang, 'slider_close')}</button></div>
    <div class="slider-frame app-frame" id="slider-frame"></div>
  </div>
</div>`
}
