// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Issue 17: messages use the kit's soft alerts (air-secondary-*), never the
 * solid boxes with bold white text (air-primary-*) that made the delete
 * dialog look unlike the rest; solid colours are for buttons. Checked in the
 * source because a colour is a prop, not something a user can name.
 */
function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? vueFiles(path) : name.endsWith('.vue') ? [path] : []
  })
}

describe('alert colours', () => {
  it('no B24Alert in the app uses a solid air-primary colour', () => {
    const solid: string[] = []
    for (const file of vueFiles(__dirname)) {
      // Each <B24Alert …> tag up to its closing bracket, attributes on several lines included.
      for (const tag of readFileSync(file, 'utf8').matchAll(/<B24Alert\b[^>]*>/g)) {
        if (/\bcolor="air-primary/.test(tag[0]))
          solid.push(`${relative(__dirname, file)}: ${tag[0].replace(/\s+/g, ' ').slice(0, 80)}`)
      }
    }
    expect(solid).toEqual([])
  })
})
