import { existsSync } from 'node:fs'

/**
 * The Chromium to drive, with no download step: CHROMIUM_PATH, then the
 * system's /usr/bin/chromium, then the binary that the npm package
 * @sparticuz/chromium ships inside itself (unpacked on first use).
 */
export async function resolveChromium(): Promise<{ executablePath: string, args: string[] }> {
  const common = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv && existsSync(fromEnv))
    return { executablePath: fromEnv, args: common }
  if (existsSync('/usr/bin/chromium'))
    return { executablePath: '/usr/bin/chromium', args: common }
  const { default: chromium } = await import('@sparticuz/chromium')
  // sparticuz's defaults include --single-process and --headless='shell', which suit Lambda; keep what a desktop run needs.
  const args = chromium.args.filter(a => !a.startsWith('--single-process') && !a.startsWith('--headless'))
  return { executablePath: await chromium.executablePath(), args: [...new Set([...args, ...common])] }
}
