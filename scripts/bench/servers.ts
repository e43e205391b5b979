/**
 * The servers the bench drives, in this process: the built app behind the
 * production server (server/app.mjs) on localhost, and emulated portals on
 * 127.0.0.1 (another origin, as in production): one with the seed's 3 smart
 * processes, one with 300, one for installs. Ports 4600-4699 (BENCH_PORT).
 */
import type { RunningEmulator } from '../../emulator/server'
import { buildServer } from '../../server/app.mjs'
import { startEmulator } from '../../emulator/server'

/** The type and item the screens open (the seed's "Equipment Repairs"). */
export const BENCH_TYPE = 1030
export const BENCH_ITEM = 1
/** The title the bench binds the placements with, as the portal shows it on the tab and in the toolbar menu. */
export const PLACEMENT_TITLE = 'Smart Process Studio'
/** Smart processes in the seed. */
export const SEED_TYPES = 3

export interface BenchServers {
  appUrl: string
  /** The seed portal (3 smart processes). */
  base: RunningEmulator
  /** The same seed plus enough types for 300 smart processes. */
  many: RunningEmulator
  /** Starts uninstalled; each install run resets it. */
  install: RunningEmulator
  /** The standard CRM types and no smart processes: where the setup import bench applies its file. */
  importInto: RunningEmulator
  close: () => Promise<void>
}

/** Binds the card tab and list toolbar of BENCH_TYPE to the app and finishes the install, as the app page would. */
export function installForScreens(emu: RunningEmulator, appUrl: string): void {
  for (const name of ['DETAIL_TAB', 'LIST_TOOLBAR']) {
    const reply = emu.portal.call('placement.bind', { PLACEMENT: `CRM_DYNAMIC_${BENCH_TYPE}_${name}`, HANDLER: appUrl, TITLE: PLACEMENT_TITLE }, { userId: 1 })
    if (reply.status !== 200)
      throw new Error(`placement.bind ${name}: ${JSON.stringify(reply.body)}`)
  }
  emu.portal.markInstalled()
}

export async function startServers(distDir: string, manyTypes: number, basePort = Number(process.env.BENCH_PORT ?? 4600)): Promise<BenchServers> {
  if (basePort < 4600 || basePort + 4 > 4699)
    throw new Error('BENCH_PORT must leave 5 ports inside 4600-4699')
  const appUrl = `http://localhost:${basePort}/`
  const portal = (offset: number) => `http://127.0.0.1:${basePort + offset}`
  const app = await buildServer({ distDir, devPortalOrigins: [portal(1), portal(2), portal(3), portal(4)] })
  await app.listen({ port: basePort, host: 'localhost' })
  const started: RunningEmulator[] = []
  try {
    const emulator = async (offset: number, extraTypes?: number, seed?: 'standard') => {
      const emu = await startEmulator({ port: basePort + offset, appUrl, dataFile: null, reset: true, quiet: true, extraTypes, seed })
      started.push(emu)
      return emu
    }
    const base = await emulator(1)
    const many = await emulator(2, manyTypes - SEED_TYPES)
    const install = await emulator(3)
    // No smart processes: each setup import starts from a reset of it.
    const importInto = await emulator(4, undefined, 'standard')
    installForScreens(base, appUrl)
    installForScreens(many, appUrl)
    return {
      appUrl,
      base,
      many,
      install,
      importInto,
      close: async () => {
        await Promise.all(started.map(e => e.close()))
        await app.close()
      },
    }
  }
  catch (e) {
    await Promise.all(started.map(s => s.close()))
    await app.close()
    throw e
  }
}
