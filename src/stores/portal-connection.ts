import type { PortalConnection } from './context'
import { AppError } from '@/domain/errors'

/**
 * Starts the Bitrix24 frame and builds the REST gateway over it. Loaded
 * lazily by the context store, so the SDK is fetched only inside a portal.
 */
export async function connectPortal(): Promise<PortalConnection> {
  // Wired to src/portal/frame.ts and rest-gateway.ts once they land.
  throw new AppError({ code: 'outside_portal' })
}
