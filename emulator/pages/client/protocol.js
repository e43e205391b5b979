/**
 * The wire of the Bitrix24 frame protocol, parent side (docs/platform.md "Frame"),
 * matching @bitrix24/b24jssdk 2.2 frame/message/controller.mjs:
 * the app posts "<cmd>:<params>:<callbackKey>:<APP_SID>" where params is
 * JSON (may contain ':'), left out when empty; a command whose name holds
 * ':' comes as an object {method, params, callback, appSid}. The parent
 * answers "<callbackKey>:" + JSON, which the SDK splits at the first ':'.
 */

/**
 * Reads one message from the app.
 * @param {unknown} data event.data
 * @returns {{ command: string, params: unknown, callbackKey: string, appSid: string } | null}
 */
export function parseFrameMessage(data) {
  if (data && typeof data === 'object' && typeof data.method === 'string') {
    return { command: data.method, params: data.params === '' ? null : (data.params ?? null), callbackKey: String(data.callback ?? ''), appSid: String(data.appSid ?? '') }
  }
  if (typeof data !== 'string' || data.length === 0)
    return null
  const parts = data.split(':')
  if (parts.length < 3)
    return null
  const appSid = parts.pop() ?? ''
  const callbackKey = parts.pop() ?? ''
  const command = parts.shift() ?? ''
  const raw = parts.join(':')
  if (!command || !callbackKey)
    return null
  let params = null
  if (raw !== '') {
    try {
      params = JSON.parse(raw)
    }
    catch {
      params = raw // a raw value (isRawValue / singleOption), as the SDK may send
    }
  }
  return { command, params, callbackKey, appSid }
}

/**
 * The parent's answer to a command. With no payload the SDK resolves with "".
 * @param {string} callbackKey
 * @param {unknown} [payload]
 * @returns {string}
 */
export function formatReply(callbackKey, payload) {
  return `${callbackKey}:${payload === undefined ? '' : JSON.stringify(payload)}`
}
