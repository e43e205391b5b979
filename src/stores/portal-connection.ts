import type { PortalConnection } from './context'
import { handlerUrlFrom } from '@/domain/placement'
import { startFrame } from '@/portal/frame'
import { createSdkRestClient } from '@/portal/rest-client'
import { createRestGateway } from '@/portal/rest-gateway'

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
    gateway: createRestGateway(createSdkRestClient(frame.b24)),
    frame: {
      // The SDK's resizeWindow takes the width in px, which would freeze the frame's width in the
      // card; fitWindow measures the document, which never gets smaller than the frame. So the
      // height goes with width "100%", as fitWindow itself sends it (b24jssdk frame/parent.mjs).
      resizeHeight: height => frame.b24.parent.message.send('resizeWindow', { width: '100%', height, isSafely: true }),
      fitWindow: () => frame.fitWindow(),
      setTitle: title => frame.setTitle(title),
      openSlider: path => frame.openSlider(path),
    },
    install: {
      isFirstRun: init.isInstallMode || init.isFirstRun,
      handlerUrl: handlerUrlFrom(window.location.href),
      finish: () => frame.installFinish(),
    },
  }
}
