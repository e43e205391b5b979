// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from './vite-compress'

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile()).map(e => relative(dir, join(e.parentPath, e.name))).sort()
}

describe('precompress, in a real Vite build', () => {
  let root: string
  let files: string[]
  const out = (file: string) => join(root, 'dist', file)

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sps-compress-'))
    await mkdir(join(root, 'public'))
    // Past the 1 KiB threshold after minification: strings survive it.
    const words = Array.from({ length: 150 }, (_, i) => `word number ${i}`)
    // A dozen small lazy chunks: each stays under 1 KiB, together they take the manifest past it.
    const lazy = Array.from({ length: 12 }, (_, i) => `small-${i}`)
    for (const [i, name] of lazy.entries())
      await writeFile(join(root, `${name}.js`), `export const x = ${i}\n`)
    await writeFile(join(root, 'main.js'), `export const words = ${JSON.stringify(words)}\n${lazy.map(name => `import('./${name}.js').then(m => console.log(m.x, words))`).join('\n')}\n`)
    await writeFile(join(root, 'style.css'), Array.from({ length: 80 }, (_, i) => `.c${i}::after { content: "rule ${i}" }`).join('\n'))
    await writeFile(join(root, 'index.html'), `<!doctype html><html><head><link rel="stylesheet" href="/style.css"></head><body><script type="module" src="/main.js"></script></body></html>`)
    await writeFile(join(root, 'public', 'big.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(100)}</svg>`)
    await writeFile(join(root, 'public', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    await writeFile(join(root, 'public', 'logo.png'), Buffer.alloc(4096))
    await writeFile(join(root, 'public', 'noise.txt'), randomBytes(4096))
    await build({ root, configFile: false, logLevel: 'silent', plugins: [precompress()], build: { manifest: true } })
    files = await listFiles(join(root, 'dist'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('writes .gz and .br beside each text file of 1 KiB or more, from the bundle and from public/, and keeps the originals', () => {
    const compressed = files.filter(f => /\.(?:gz|br)$/.test(f))
    const sources = [...new Set(compressed.map(f => f.slice(0, -3)))].sort()
    for (const source of sources) {
      expect(files).toContain(source)
      expect(files).toContain(`${source}.gz`)
      expect(files).toContain(`${source}.br`)
    }
    expect(sources.map(f => f.replace(/-[\w-]{8}\./, '-[hash].'))).toEqual([
      '.vite/manifest.json',
      'assets/index-[hash].css',
      'assets/index-[hash].js',
      'big.svg',
    ])
  })

  it('leaves small files, binaries and files that compress to no gain alone', () => {
    for (const f of ['favicon.svg', 'logo.png', 'noise.txt', 'index.html'])
      expect(files).toContain(f)
    const smallChunks = files.filter(f => /^assets\/small-.*\.js$/.test(f))
    expect(smallChunks).toHaveLength(12)
    for (const f of ['favicon.svg', 'logo.png', 'noise.txt', 'index.html', ...smallChunks])
      expect(files.filter(g => g === `${f}.gz` || g === `${f}.br`)).toEqual([])
  })

  it('writes copies that decompress to the original, brotli smaller than gzip', async () => {
    for (const f of files.filter(f => f.endsWith('.br'))) {
      const source = await readFile(out(f.slice(0, -3)))
      const br = await readFile(out(f))
      const gz = await readFile(out(`${f.slice(0, -3)}.gz`))
      expect(brotliDecompressSync(br).equals(source), f).toBe(true)
      expect(gunzipSync(gz).equals(source), f).toBe(true)
      expect(br.length).toBeLessThanOrEqual(gz.length)
    }
  })

  it('leaves stdout as it found it (the plugin would hold back lines with "built in")', () => {
    const write = process.stdout.write
    precompress()
    expect(process.stdout.write).toBe(write)
  })
})
