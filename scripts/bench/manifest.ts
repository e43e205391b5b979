/**
 * Walks Vite's build manifest (`dist/.vite/manifest.json`) to the files a
 * screen loads: an entry's chunk, its CSS, and every chunk it imports
 * statically (which the browser fetches before running it), plus the dynamic
 * entries the screen awaits before it shows (the SDK chunk, the app page).
 */

/** One manifest record, as Vite writes it. */
export interface ManifestChunk {
  file: string
  src?: string
  name?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

export type Manifest = Record<string, ManifestChunk>

/** The files of a screen, each once, in load order. */
export interface ScreenFiles {
  js: string[]
  css: string[]
}

/**
 * Files loaded for `entries` (manifest keys such as `index.html` or
 * `src/views/AppHome.vue`): each entry's chunk and CSS and the static
 * imports' closure. Dynamic imports are not followed: list the ones the
 * screen needs as entries. Throws for a key the manifest does not have, so a
 * renamed file shows up as "not measured" instead of a smaller number.
 */
export function screenFiles(manifest: Manifest, entries: readonly string[]): ScreenFiles {
  const js: string[] = []
  const css: string[] = []
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key))
      return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk)
      throw new Error(`the build manifest has no ${key}`)
    for (const dep of chunk.imports ?? [])
      visit(dep)
    if (chunk.file.endsWith('.js') && !js.includes(chunk.file))
      js.push(chunk.file)
    for (const file of chunk.css ?? []) {
      if (!css.includes(file))
        css.push(file)
    }
  }
  for (const entry of entries)
    visit(entry)
  return { js, css }
}

/** The manifest key of the HTML entry (`index.html`). */
export function htmlEntry(manifest: Manifest): string {
  const key = Object.keys(manifest).find(k => manifest[k]!.isEntry && k.endsWith('.html'))
  if (!key)
    throw new Error('the build manifest has no HTML entry')
  return key
}
