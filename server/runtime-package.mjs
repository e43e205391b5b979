// @ts-check
/**
 * Writes the package.json of the production image: only what server/*.mjs
 * imports at run time. The app's own dependencies (vue, the UI kit, the SDK)
 * are bundled into dist/ by the build, so the image carries none of them.
 * Run beside package-lock.json, then `npm install --omit=dev`: npm keeps the
 * locked versions of what stays and drops the rest.
 *
 *   node server/runtime-package.mjs package.json > runtime/package.json
 */
import { readFileSync } from 'node:fs'

/** The server's run-time imports (server/*.mjs); a test keeps this list honest. */
export const RUNTIME_DEPENDENCIES = Object.freeze(['fastify', '@fastify/static'])

/**
 * @param {{ name: string, version: string, type?: string, engines?: object, dependencies?: Record<string, string> }} pkg
 */
export function runtimePackage(pkg) {
  const dependencies = Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => {
    const range = pkg.dependencies?.[name]
    if (!range)
      throw new Error(`${name} is not in package.json dependencies`)
    return [name, range]
  }))
  return {
    name: pkg.name,
    version: pkg.version,
    private: true,
    type: pkg.type,
    engines: pkg.engines,
    scripts: { start: 'node server/index.mjs' },
    dependencies,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = process.argv[2] ?? 'package.json'
  process.stdout.write(`${JSON.stringify(runtimePackage(JSON.parse(readFileSync(source, 'utf8'))), null, 2)}\n`)
}
