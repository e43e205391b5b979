/**
 * A stand-in Bitrix24 parent page for bad-input and hostile-frame cases: it
 * sits on the portal's origin (Playwright serves it there), opens the real
 * app the way the portal does (named iframe, form POST) and answers the frame
 * protocol with whatever init data the case gives, garbled or not. A sibling
 * frame on a foreign origin (http://evil.test) can be told to forge answers
 * to the app's commands, with the right callback key.
 */
import type { Page } from '@playwright/test'
import { E2E_APP_URL, E2E_PORTAL_URL } from '../ports'

export const FAKE_PARENT_URL = `${E2E_PORTAL_URL}/e2e-fake-parent/`
const EVIL_URL = 'http://evil.test/frame.html'
const APP_SID = 'e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0'
const DOMAIN = new URL(E2E_PORTAL_URL).host

export interface FakeParentScenario {
  /** getInitData's answer as an object... */
  init?: Record<string, unknown>
  /** ... or as raw text (not JSON, say). */
  initRaw?: string
  /** The iframe's name; default "DOMAIN|0|APP_SID" as the portal names it. */
  windowName?: string
  /** Leave refreshAuth unanswered. @default false */
  refreshSilent?: boolean
  /** The foreign frame answers this command first, with this payload (JSON text); the parent answers `delayMs` later. */
  forge?: { command: string, payload: string, /** Control case: the parent itself sends the forged answer. @default 'evil' */ from?: 'evil' | 'parent' }
  /** Delay of the parent's own answers. @default 0 */
  delayMs?: number
}

/** Init data as the portal sends it, for a user's access token. */
export function initData(accessToken: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    LANG: 'en',
    DOMAIN,
    PROTOCOL: '0',
    PATH: '/rest/',
    AUTH_ID: accessToken,
    AUTH_EXPIRES: '3600',
    REFRESH_ID: 'fake-parent-refresh-0000',
    MEMBER_ID: 'fake-member',
    FIRST_RUN: false,
    IS_ADMIN: true,
    INSTALL: false,
    USER_OPTIONS: {},
    APP_OPTIONS: {},
    PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB',
    PLACEMENT_OPTIONS: { ID: '1', URI: '/crm/type/1030/details/1/' },
    ...over,
  }
}

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

function parentHtml(s: FakeParentScenario): string {
  const name = s.windowName ?? `${DOMAIN}|0|${APP_SID}`
  const action = `${E2E_APP_URL}?${new URLSearchParams({ DOMAIN, PROTOCOL: '0', LANG: 'en', APP_SID })}`
  const scenario = JSON.stringify(s).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><title>fake parent</title></head><body>
<iframe id="app" name="${attr(name)}" title="app" style="width:1000px;height:900px"></iframe>
<iframe id="evil" title="evil" src="${EVIL_URL}" style="width:10px;height:10px"></iframe>
<form id="launch" method="post" target="${attr(name)}" action="${attr(action)}"><input type="hidden" name="PLACEMENT" value=""><input type="hidden" name="status" value="L"></form>
<script type="module">
// The one parser of the frame protocol, served by the emulator (emulator/pages/client/protocol.js).
import { parseFrameMessage } from '/emulator/pages/assets/protocol.js';
const S = ${scenario};
const app = document.getElementById('app');
const form = document.getElementById('launch');
form.PLACEMENT.value = S.init && typeof S.init.PLACEMENT === 'string' ? S.init.PLACEMENT : '';
window.__seen = [];
window.__evilSent = 0;
window.addEventListener('message', (e) => { if (e.data === 'evil-sent') window.__evilSent++; });
window.addEventListener('message', (e) => {
  if (e.source !== app.contentWindow) return;
  const msg = parseFrameMessage(e.data);
  if (!msg) return;
  const cmd = msg.command;
  const key = msg.callbackKey;
  window.__seen.push(cmd);
  if (S.forge && S.forge.command === cmd) {
    if (S.forge.from === 'parent') e.source.postMessage(key + ':' + S.forge.payload, e.origin);
    else document.getElementById('evil').contentWindow.postMessage({ key, payload: S.forge.payload }, '*');
  }
  let reply = '{}';
  if (cmd === 'getInitData') reply = S.initRaw ?? JSON.stringify(S.init);
  else if (cmd === 'refreshAuth') { if (S.refreshSilent) return; reply = '{}'; }
  setTimeout(() => e.source.postMessage(key + ':' + reply, e.origin), S.delayMs ?? 0);
});
form.submit();
</script></body></html>`
}

const EVIL_HTML = `<!doctype html><html><body><script>
window.addEventListener('message', (e) => {
  const { key, payload } = e.data || {};
  if (!key) return;
  // A page of another origin answering the app's command with the right callback key.
  parent.frames[0].postMessage(key + ':' + payload, '*');
  parent.postMessage('evil-sent', '*');
});
</script></body></html>`

/** Serves the fake parent and the foreign frame, then opens the parent. */
export async function openFakeParent(page: Page, scenario: FakeParentScenario): Promise<void> {
  await page.route(`${FAKE_PARENT_URL}**`, route => route.fulfill({ contentType: 'text/html', body: parentHtml(scenario) }))
  await page.route(`${EVIL_URL}*`, route => route.fulfill({ contentType: 'text/html', body: EVIL_HTML }))
  await page.goto(FAKE_PARENT_URL)
}

export const fakeParentApp = (page: Page) => page.frameLocator('#app')

/** How many answers the foreign frame has posted to the app. */
export const evilAnswers = (page: Page) => page.evaluate(() => (window as unknown as { __evilSent: number }).__evilSent)
