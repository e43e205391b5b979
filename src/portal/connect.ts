import type { PortalConnection } from './connection'
import { handlerUrlFrom } from '@/domain/placement'
import { startFrame } from './frame'
import { createSdkRestClient } from './rest-client'
import { createRestGateway } from './rest-gateway'

/**
 * Starts the Bitrix24 frame and builds the REST gateway over it. Loaded
 * lazily by the context store (a dynamic import), so the page outside a
 * portal never fetches the SDK.
 */
export async function connectPortal(): Promise<PortalConnection> {
  const frame = await startFrame()
  const { init } = frame
  return {
    placement: init.placement,
    placementOptions: init.placementOptions.all,
    lang: init.lang,
    isAdmin: init.isAdmin,
    portalName: init.domain,
    gateway: createRestGateway(createSdkRestClient(frame.b24)),
    frame: {
      // Every frame command goes through the facade (frame.ts), the one door to the frame.
      resizeHeight: height => frame.resizeHeight(height),
      fitWindow: () => frame.fitWindow(),
      setTitle: title => frame.setTitle(title),
      openSlider: path => frame.openSlider(path),
      openApplication: options => frame.openApplication(options),
    },
    install: {
      isFirstRun: init.isInstallMode || init.isFirstRun,
      handlerUrl: handlerUrlFrom(window.location.href),
      finish: () => frame.installFinish(),
    },
  }
}
