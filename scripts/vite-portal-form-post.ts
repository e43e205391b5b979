import type { Plugin } from 'vite'

/**
 * Whether a request is Bitrix24's form POST to the handler page: a POST to a
 * page path (no file extension, not a Vite internal). The query carries
 * `DOMAIN=portal.example.com` (docs/platform.md "Placements"), so only the path is looked at.
 */
export function isHandlerPost(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'POST' || !url)
    return false
  const path = url.split(/[?#]/, 1)[0] ?? ''
  return !path.startsWith('/@') && !path.slice(path.lastIndexOf('/') + 1).includes('.')
}

/**
 * Bitrix24 opens a placement handler with an HTML form POST (docs/platform.md "Placements");
 * Vite answers POST with 404, so the dev server turns that POST into a GET of
 * the same page, as bitrix24/templates-dashboard-vue does. The body is left
 * unread: the SDK takes its context from the parent frame.
 */
export function portalFormPost(): Plugin {
  return {
    name: 'portal-form-post',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (isHandlerPost(req.method, req.url))
          req.method = 'GET'
        next()
      })
    },
  }
}
