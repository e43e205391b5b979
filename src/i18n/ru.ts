/**
 * ru, the card tab's namespaces: its own chunk, fetched only when the
 * portal's LANG says ru (load-messages.ts), so en users never download it.
 */
import type { MessageTree } from './tree'
import { byNamespace } from './tree'

export const ru = byNamespace(import.meta.glob<MessageTree>(['./ru/*.json', '!./ru/home.json', '!./ru/install.json', '!./ru/setup.json', '!./ru/history.json', '!./ru/bulk.json', '!./ru/map.json'], { eager: true, import: 'default' }))
