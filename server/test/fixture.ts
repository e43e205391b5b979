import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'

/**
 * A small built app, like Vite's dist/: index.html, hashed assets with the
 * .gz/.br copies the build writes (scripts/vite-compress.ts), a public file.
 */
export interface DistFixture {
  dir: string
  js: string
  css: string
  remove: () => Promise<void>
}

export const FIXTURE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Smart Process Studio</title>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-Ef56Gh78.css">
  </head>
  <body><div id="app"></div></body>
</html>
`

export async function makeDist(html = FIXTURE_HTML): Promise<DistFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'sps-dist-'))
  await mkdir(join(dir, 'assets'))
  const js = `export const answer = ${JSON.stringify('x'.repeat(10))};\n`.repeat(200)
  const css = '.app { color: red; }\n'.repeat(200)
  await writeFile(join(dir, 'index.html'), html)
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  for (const [name, text] of [['index-Ab12Cd34.js', js], ['index-Ef56Gh78.css', css]] as const) {
    const file = join(dir, 'assets', name)
    await writeFile(file, text)
    await writeFile(`${file}.gz`, gzipSync(text))
    await writeFile(`${file}.br`, brotliCompressSync(text))
  }
  return { dir, js, css, remove: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * What Bitrix24 posts to a placement handler (docs/platform.md "Placements"): query DOMAIN,
 * PROTOCOL, LANG, APP_SID; form body with the tokens and the placement.
 */
export const PORTAL_POST = {
  url: '/?DOMAIN=acme.bitrix24.com&PROTOCOL=1&LANG=en&APP_SID=f7a1c0ffeeappsid9d2b',
  body: new URLSearchParams({
    AUTH_ID: 'a1b2c3d4e5f60000006f7e8d000000010000000000000000secretaccess',
    AUTH_EXPIRES: '3600',
    REFRESH_ID: 'r9q8p7o6n5m40000006f7e8d000000010000000000000000secretrefresh',
    member_id: '8f3c2a1b0d9e8f7a6b5c4d3e2f1a0b9c',
    status: 'L',
    PLACEMENT: 'CRM_DYNAMIC_1032_DETAIL_TAB',
    PLACEMENT_OPTIONS: JSON.stringify({ ID: '7', URI: '/crm/type/1032/details/7/' }),
  }).toString(),
}

/** Every value of the POST that must never reach a log. */
export const SECRETS = [
  ...new URLSearchParams(PORTAL_POST.body).entries(),
  ...new URL(PORTAL_POST.url, 'http://x').searchParams.entries(),
].filter(([key]) => ['AUTH_ID', 'REFRESH_ID', 'member_id', 'APP_SID', 'DOMAIN'].includes(key)).map(([, value]) => value)
