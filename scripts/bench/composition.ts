/**
 * Where a chunk's bytes come from, by package: what a bundle visualizer
 * shows, from the module list the bundler hands to `generateBundle`. Pure.
 */

/** Pre-minification code of one module in one output chunk. */
export interface ModulePiece {
  id: string
  code: string
}

/** A package's share of a set of chunks. `gzipEstimate` is the chunk's real gzip size split by each package's share. */
export interface PackageShare {
  name: string
  /** Bytes of the package's code in the chunk before minification. */
  rendered: number
  gzipEstimate: number
}

/**
 * The owner of a module id: the npm package (`@scope/name`), the kit's
 * generated theme, the app's own folder (`src/i18n`, `src/components`), or
 * the bundler's runtime.
 */
export function packageOf(id: string): string {
  // The innermost node_modules owns the file (a package's own nested copy of a dependency).
  const nm = [...id.split('?')[0]!.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1)
  if (nm)
    return nm[1]!
  if (id.startsWith('virtual:bitrix24-ui-templates') || id.includes('b24ui-nuxt'))
    return '@bitrix24/b24ui-nuxt (theme)'
  const src = /\/src\/([^/]+)\//.exec(id)
  if (src)
    return `src/${src[1]}`
  if (/\/src\/[^/]+$/.test(id))
    return 'src'
  return 'bundler runtime and virtual modules'
}

/**
 * Splits a chunk's real gzip size over the packages in it, in proportion to
 * each package's own gzip size before minification (a measured split of a
 * minified, jointly compressed chunk does not exist; this is an estimate and
 * is printed as one).
 */
export function splitChunk(pieces: readonly ModulePiece[], chunkGzip: number, gzipOf: (text: string) => number): PackageShare[] {
  const byPackage = new Map<string, string[]>()
  for (const p of pieces) {
    const name = packageOf(p.id)
    byPackage.set(name, [...(byPackage.get(name) ?? []), p.code])
  }
  const rows = [...byPackage].map(([name, codes]) => {
    const code = codes.join('\n')
    return { name, rendered: code.length, own: gzipOf(code) }
  })
  const total = rows.reduce((s, r) => s + r.own, 0)
  return rows.map(r => ({ name: r.name, rendered: r.rendered, gzipEstimate: total ? Math.round(chunkGzip * r.own / total) : 0 }))
}

/** Sums shares of several chunks by package, largest first. */
export function mergeShares(lists: readonly PackageShare[][]): PackageShare[] {
  const out = new Map<string, PackageShare>()
  for (const s of lists.flat()) {
    const prev = out.get(s.name)
    out.set(s.name, prev ? { name: s.name, rendered: prev.rendered + s.rendered, gzipEstimate: prev.gzipEstimate + s.gzipEstimate } : { ...s })
  }
  return [...out.values()].sort((a, b) => b.gzipEstimate - a.gzipEstimate)
}
