/**
 * The English texts the bench clicks and waits for, read from the app's own
 * i18n files (src/i18n/en/<ns>.json), so a reworded button does not silently
 * break a measurement.
 */
import { readFileSync } from 'node:fs'

/** The string at `ns.path.to.key` in src/i18n/en/<ns>.json; throws when missing. */
export function enText(key: string, root = 'src/i18n/en'): string {
  const [ns, ...path] = key.split('.')
  let node: unknown = JSON.parse(readFileSync(`${root}/${ns}.json`, 'utf8'))
  for (const part of path)
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  if (typeof node !== 'string')
    throw new Error(`no English text ${key}`)
  return node
}

/** A whole-text pattern for a message with {params}: each parameter matches any text. */
export function textPattern(message: string): RegExp {
  const parts = message.split(/\{[^}]+\}/).map(p => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+')}$`)
}
