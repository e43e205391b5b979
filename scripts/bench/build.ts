/**
 * Builds the app with the project's own vite.config.ts into a private
 * folder (the shared dist/ stays untouched for the e2e suite), keeping each
 * chunk's module list for the composition breakdown.
 */
import type { Plugin } from 'vite'
import type { Manifest } from './manifest'
import type { ModulePiece } from './composition'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

export interface BenchBuild {
  outDir: string
  manifest: Manifest
  /** Output file (e.g. `assets/index-x.js`) → its modules' code before minification. */
  modules: Map<string, ModulePiece[]>
  ms: number
}

function moduleCollector(modules: Map<string, ModulePiece[]>): Plugin {
  return {
    name: 'bench-module-collector',
    generateBundle(_options, bundle) {
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk')
          modules.set(file, Object.entries(out.modules).map(([id, m]) => ({ id, code: m.code ?? '' })))
      }
    },
  }
}

export async function buildApp(outDir: string): Promise<BenchBuild> {
  const modules = new Map<string, ModulePiece[]>()
  const t0 = performance.now()
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    plugins: [moduleCollector(modules)],
    build: { outDir, emptyOutDir: true, manifest: true },
  })
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  return { outDir, manifest, modules, ms: performance.now() - t0 }
}
