import type { FastifyInstance } from 'fastify'
import type { PortalHandle } from '../contract'

/** Registers the portal pages (card, list, app page, frame protocol, fault panel). */
export async function registerPages(_app: FastifyInstance, _portal: PortalHandle): Promise<void> {
  // Filled in by the pages' part of the emulator.
}
