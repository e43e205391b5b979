/**
 * A fake Bitrix24 parent window for frame tests under happy-dom: it reads
 * the SDK's postMessage commands (`cmd:params:callbackKey:APP_SID`,
 * docs/platform.md "Frame") and answers `callbackKey:json` from the portal's origin.
 * Tests only.
 */
import { afterEach } from 'vitest'
// The one parser of the frame protocol, shared with the emulator's portal pages and the e2e fake parent.
import { formatReply, parseFrameMessage } from '../../emulator/pages/client/protocol.js'

/** The portal's origin, the one the answers come from. */
export const PORTAL = 'http://portal.test'

/** Init data as the portal answers getInitData, in the card tab of type 1030; `over` replaces or adds fields. */
export function portalInitData(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    LANG: 'en',
    DOMAIN: 'portal.test',
    PROTOCOL: '0',
    PATH: '/rest/',
    AUTH_ID: 'tok-test',
    AUTH_EXPIRES: '3600',
    REFRESH_ID: 'refresh-test',
    MEMBER_ID: 'member-1',
    FIRST_RUN: false,
    IS_ADMIN: true,
    INSTALL: false,
    USER_OPTIONS: {},
    APP_OPTIONS: {},
    PLACEMENT: 'CRM_DYNAMIC_1030_DETAIL_TAB',
    PLACEMENT_OPTIONS: '{"ID":"7"}',
    ...over,
  }
}

/**
 * The parent's answer to a command: a value sent as JSON, `'RAW:<text>'`
 * sent as the text, or undefined for no answer.
 */
export type Answer = (command: string, params: unknown) => unknown | undefined

/** The installed parent: the commands it received, and its answers (replaceable). */
export interface FakeParent {
  sent: string[]
  answer: Answer
}

/** Puts a fake parent in place of `window.parent` and names the frame as the portal does (`DOMAIN|PROTOCOL|APP_SID`). */
export function installParent(answer: Answer): FakeParent {
  const fake: FakeParent = { sent: [], answer }
  const parentWindow = {
    postMessage(message: unknown) {
      const msg = parseFrameMessage(message)
      if (!msg)
        return
      fake.sent.push(msg.command)
      const reply = fake.answer(msg.command, msg.params)
      if (reply === undefined)
        return
      const data = typeof reply === 'string' && reply.startsWith('RAW:') ? `${msg.callbackKey}:${reply.slice(4)}` : formatReply(msg.callbackKey, reply)
      setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data, origin: PORTAL })), 0)
    },
  }
  Object.defineProperty(window, 'parent', { value: parentWindow, configurable: true })
  Object.defineProperty(globalThis, 'parent', { value: parentWindow, configurable: true })
  window.name = 'portal.test|0|sid123'
  return fake
}

/** For a describe block: after each test, the page's own parent back and the frame unnamed. */
export function restoreParentAfterEach(): void {
  const ownParent = Object.getOwnPropertyDescriptor(window, 'parent')
  afterEach(() => {
    if (ownParent)
      Object.defineProperty(window, 'parent', ownParent)
    Object.defineProperty(globalThis, 'parent', { value: window, configurable: true })
    window.name = ''
  })
}
