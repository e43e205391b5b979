// @vitest-environment node
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { compressAssets } from './vite-compress'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sps-compress-'))
  await mkdir(join(dir, 'assets'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

it('writes gzip and brotli copies that decompress to the original and are smaller', async () => {
  const js = 'export function f(a) { return a + 1 }\n'.repeat(100)
  await writeFile(join(dir, 'assets', 'index-abc.js'), js)
  const [written] = await compressAssets(dir)
  expect(written).toMatchObject({ bytes: js.length })
  expect(written!.brotli).toBeLessThan(written!.gzip)
  expect(gunzipSync(await readFile(join(dir, 'assets', 'index-abc.js.gz'))).toString()).toBe(js)
  expect(brotliDecompressSync(await readFile(join(dir, 'assets', 'index-abc.js.br'))).toString()).toBe(js)
})

it('leaves small files, binaries and its own output alone', async () => {
  await writeFile(join(dir, 'favicon.svg'), '<svg/>')
  await writeFile(join(dir, 'assets', 'logo.png'), Buffer.alloc(4096))
  await writeFile(join(dir, 'assets', 'a.css'), 'a{color:red}'.repeat(200))
  await compressAssets(dir)
  await compressAssets(dir) // a second run must not compress the .gz/.br of the first
  expect((await readdir(join(dir, 'assets'))).sort()).toEqual(['a.css', 'a.css.br', 'a.css.gz', 'logo.png'])
  expect(await readdir(dir)).not.toContain('favicon.svg.gz')
})
