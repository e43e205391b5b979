import type { Plugin, ResolvedConfig } from 'vite'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** Options of {@link compressAssets}. */
export interface CompressOptions {
  /** Files whose name matches are compressed. @default text types: js, mjs, css, html, svg, json, txt, xml, webmanifest */
  include?: RegExp
  /** Smaller files are left alone (a compressed copy would not pay for its lookup). @default 1024 */
  minBytes?: number
}

/** One precompressed file, as written. */
export interface CompressedFile {
  file: string
  bytes: number
  gzip: number
  brotli: number
}

const TEXT_FILES = /\.(?:m?js|css|html|svg|json|txt|xml|webmanifest)$/

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map(e => e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
  return nested.flat()
}

/**
 * Writes `<file>.gz` and `<file>.br` beside every text file in `dir`, at the
 * highest levels (this runs once per build, so the time is paid once), keeping
 * a copy only when it is smaller than the original. The production server
 * serves them by Accept-Encoding (@fastify/static `preCompressed`).
 */
export async function compressAssets(dir: string, options: CompressOptions = {}): Promise<CompressedFile[]> {
  const include = options.include ?? TEXT_FILES
  const minBytes = options.minBytes ?? 1024
  const files = (await listFiles(dir)).filter(f => include.test(f))
  const written: CompressedFile[] = []
  for (const file of files) {
    if ((await stat(file)).size < minBytes)
      continue
    const source = await readFile(file)
    const [gz, br] = await Promise.all([
      gzipAsync(source, { level: 9 }),
      brotliAsync(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
    ])
    if (gz.length < source.length)
      await writeFile(`${file}.gz`, gz)
    if (br.length < source.length)
      await writeFile(`${file}.br`, br)
    written.push({ file, bytes: source.length, gzip: gz.length, brotli: br.length })
  }
  return written
}

/** Vite plugin: after a client build, precompresses the output directory with gzip and brotli. */
export function compressPlugin(options: CompressOptions = {}): Plugin {
  let config: ResolvedConfig
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    // writeBundle, not closeBundle: closeBundle also runs after a failed build, over the stale output.
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler(outputOptions) {
        if (config.build.ssr)
          return
        const outDir = resolve(config.root, outputOptions.dir ?? config.build.outDir)
        const written = await compressAssets(outDir, options)
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
        for (const f of written)
          config.logger.info(`precompress  ${f.file.slice(outDir.length + 1)}  ${kb(f.bytes)} → gzip ${kb(f.gzip)}, br ${kb(f.brotli)}`)
      },
    },
  }
}
