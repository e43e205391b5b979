/** Launches the page script makes itself: openApplication opens the app's own page in a slider (docs/platform.md "Frame"). */

function randomHex(bytes) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map(b => b.toString(16).padStart(2, '0')).join('')
}

/**
 * A launch for openApplication: the app's own page (DEFAULT) with the given
 * params as PLACEMENT_OPTIONS, the opener's tokens and a new APP_SID.
 */
export function deriveLaunch(base, env, placementOptions) {
  const appSid = randomHex(16)
  const url = new URL(env.appUrl)
  for (const [k, v] of Object.entries({ DOMAIN: env.domain, PROTOCOL: '0', LANG: env.lang, APP_SID: appSid }))
    url.searchParams.set(k, v)
  const options = placementOptions && typeof placementOptions === 'object' ? placementOptions : {}
  return {
    ...base,
    appSid,
    windowName: `${env.domain}|0|${appSid}`,
    action: url.toString(),
    appOrigin: url.origin,
    post: { ...base.post, PLACEMENT: 'DEFAULT', PLACEMENT_OPTIONS: JSON.stringify(options) },
    init: { ...base.init, PLACEMENT: 'DEFAULT', PLACEMENT_OPTIONS: options, INSTALL: false, FIRST_RUN: false },
  }
}

