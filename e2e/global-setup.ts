import { resolveChromium } from './chromium'

/** Unpacks the browser once, before the workers start, and hands its path to them. */
export default async function globalSetup() {
  const { executablePath, args } = await resolveChromium()
  process.env.E2E_CHROMIUM_PATH = executablePath
  process.env.E2E_CHROMIUM_ARGS = JSON.stringify(args)
}
