import type { Plugin } from 'vite'
import { compression } from 'vite-plugin-compression2'

/** Files worth a compressed copy: text types. */
export const TEXT_FILES = /\.(?:m?js|css|html|svg|json|txt|xml|webmanifest)$/

/** Smaller files are left alone: a compressed copy would not pay for its lookup. */
export const MIN_BYTES = 1024

/**
 * Vite plugin (vite-plugin-compression2): writes `<file>.gz` and `<file>.br`
 * beside every text file of the client build of at least {@link MIN_BYTES}
 * (chunks, CSS, index.html, the copies of public/, .vite/manifest.json), at
 * the highest levels (gzip 9, brotli 11: paid once per build), keeping a copy
 * only when it is smaller than the original and never deleting the original.
 * The production server serves them by Accept-Encoding (@fastify/static
 * `preCompressed`).
 */
export function precompress(): Plugin {
  // The plugin replaces process.stdout.write when it is created, holding back every line that
  // contains "built in" until its closeBundle, which only a build reaches. Vitest and the dev
  // server load this config too and would drop such lines for good (a test title "…the built
  // index.html" vanishes from the report), so the original goes back at once: the only loss is
  // that Vite's "built in Ns" prints before the plugin's list of compressed files, not after.
  const write = process.stdout.write
  const plugin = compression({
    include: TEXT_FILES,
    threshold: MIN_BYTES,
    // The plugin's default levels: gzip Z_BEST_COMPRESSION, brotli BROTLI_MAX_QUALITY.
    algorithms: ['gzip', 'brotliCompress'],
    skipIfLargerOrEqual: true,
    deleteOriginalAssets: false,
  })
  process.stdout.write = write
  return plugin
}
