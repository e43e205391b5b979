/**
 * en, the source and fallback locale: in the main chunk, so every screen can
 * speak it at once and no en user waits for a message file.
 */
import type { MessageTree } from './tree'
import { byNamespace } from './tree'

// home, install and setup are the app page's own (page-en.ts): they travel in its lazy chunk, so the card tab does not pay for them.
export const en = byNamespace(import.meta.glob<MessageTree>(['./en/*.json', '!./en/home.json', '!./en/install.json', '!./en/setup.json', '!./en/history.json', '!./en/bulk.json', '!./en/map.json'], { eager: true, import: 'default' }))
