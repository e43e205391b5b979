// Runs in every frame before its own scripts (Playwright init script); plain
// JS read as text, so no build helper leaks into it. Only the app's origin is
// watched: the first moment a switch can be clicked (enabled, laid out, not
// covered), in ms from this frame's navigation start, is left on
// window.__benchTti with the files fetched by then.
// Called by the init script that browser.ts builds: `${this file}\nttiProbe(origin)`.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called from the init script, not from here
function ttiProbe(appOrigin) {
  if (location.origin !== appOrigin)
    return
  function clickable(el) {
    if (!(el instanceof HTMLButtonElement) || el.disabled || el.getAttribute('aria-disabled') === 'true')
      return false
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0)
      return false
    const x = r.left + r.width / 2
    const y = r.top + r.height / 2
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight)
      return true // below the fold: clickable once scrolled to
    const hit = document.elementFromPoint(x, y)
    return hit === null || el === hit || el.contains(hit)
  }
  function tick() {
    // Any switch: the first one may be locked by a portal rule (Pipelines with two pipelines).
    if ([...document.querySelectorAll('button[role="switch"]')].some(clickable)) {
      const ms = performance.now()
      window.__benchTti = {
        ms,
        origin: performance.timeOrigin,
        files: performance.getEntriesByType('resource').filter(e => e.responseEnd <= ms).map(e => new URL(e.name).pathname),
      }
      return
    }
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}
