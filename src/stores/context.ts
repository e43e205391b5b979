import type { GatewayKind } from '@/domain/flags'
import type { PlacementView, SettingsLayout } from '@/domain/placement-route'
import type { CurrentUser } from '@/domain/types'
import type { Locale } from '@/i18n'
import type { FrameControls, InstallControls, PortalConnection } from '@/portal/connection'
import type { SmartProcessGateway } from '@/portal/gateway'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError, toAppError } from '@/domain/errors'
import { localeFromPortalLang } from '@/i18n'
import { routePlacement } from '@/domain/placement-route'

export type { FrameControls, InstallControls, PortalConnection } from '@/portal/connection'

export type { PlacementView, SettingsLayout } from '@/domain/placement-route'

export type ContextStatus = 'idle' | 'starting' | 'ready' | 'outside' | 'error'
/**
 * Why the user cannot change types: not a CRM administrator, or the portal's
 * plan forbids it (UPDATE_DYNAMIC_TYPE_RESTRICTED, remembered for the session).
 */
export type ReadOnlyReason = 'not_crm_admin' | 'plan_restricted'

/**
 * Who and where the app is: placement, entityTypeId, user, language, admin.
 * `start()` starts the Bitrix24 frame once; `attach()` takes a connection
 * (tests hand one over the emulator's in-process model).
 */
export const useContextStore = defineStore('context', () => {
  const status = ref<ContextStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  const placement = ref('')
  const placementOptions = shallowRef<Readonly<Record<string, unknown>>>({})
  const view = ref<PlacementView | null>(null)
  const entityTypeId = ref<number | null>(null)
  const layout = ref<SettingsLayout>('tab')
  const language = ref<Locale>('en')
  /** Portal administrator: installs and repairs the app's placements (docs/platform.md "Rights"). */
  const isAdmin = ref(false)
  /** CRM administrator: creates, changes and deletes types. Unknown (false) until the user is read. */
  const canEditTypes = ref(false)
  const planRestricted = ref(false)
  /** Which wire the attached gateway speaks: it decides which flags exist (docs/platform.md "Flags"). */
  const gatewayKind = ref<GatewayKind>('rest')
  const user = shallowRef<CurrentUser | null>(null)
  /** The portal's host when the connection knows it (an exported setup file is named after it). */
  const portalName = ref<string | null>(null)
  // The SDK-backed objects stay out of reactivity: their #private fields break behind a Proxy (docs/platform.md "Frame").
  let gateway: SmartProcessGateway | null = null
  let frame: FrameControls | null = null
  let install: InstallControls | null = null
  let starting: Promise<void> | null = null

  const readOnlyReason = computed<ReadOnlyReason | null>(() => {
    if (!canEditTypes.value)
      return 'not_crm_admin'
    return planRestricted.value ? 'plan_restricted' : null
  })
  const canEdit = computed(() => status.value === 'ready' && readOnlyReason.value === null)
  const canInstall = computed(() => status.value === 'ready' && isAdmin.value)

  function attach(conn: PortalConnection) {
    gateway = conn.gateway
    gatewayKind.value = conn.gateway.kind
    frame = conn.frame
    install = conn.install ?? null
    placement.value = conn.placement
    placementOptions.value = conn.placementOptions
    language.value = localeFromPortalLang(conn.lang)
    isAdmin.value = conn.isAdmin
    portalName.value = conn.portalName ?? null
    const route = routePlacement(conn.placement)
    view.value = route.view
    entityTypeId.value = route.entityTypeId
    layout.value = route.layout
    error.value = null
    status.value = 'ready'
  }

  /** Starts the frame once; later calls share the first. */
  function start(connect: () => Promise<PortalConnection> = connectToPortal): Promise<void> {
    starting ??= (async () => {
      status.value = 'starting'
      try {
        attach(await connect())
      }
      catch (e) {
        const err = toAppError(e)
        error.value = err
        status.value = err.code === 'outside_portal' ? 'outside' : 'error'
      }
    })()
    return starting
  }

  /** The user as read over REST: its rights win over IS_ADMIN. */
  function setUser(u: CurrentUser) {
    user.value = u
    isAdmin.value = u.isAdmin
    canEditTypes.value = u.canEditTypes
  }

  /** The portal's plan refused a change: read-only for the rest of the session. */
  function markPlanRestricted() {
    planRestricted.value = true
  }

  /** The gateway of the attached portal; throws when none is attached. */
  function requireGateway(): SmartProcessGateway {
    if (!gateway)
      throw new AppError({ code: 'outside_portal' })
    return gateway
  }

  /** The frame commands, or null outside a portal. */
  function frameControls(): FrameControls | null {
    return frame
  }

  /** The install controls, or null when the connection cannot bind placements. */
  function installControls(): InstallControls | null {
    return install
  }

  /** Drops a connection made outside a portal (the vibecode gateway) and goes back to the outside page. */
  function detach() {
    gateway = null
    frame = null
    install = null
    user.value = null
    isAdmin.value = false
    canEditTypes.value = false
    view.value = null
    entityTypeId.value = null
    status.value = 'outside'
  }

  return { portalName, status, error, placement, placementOptions, view, entityTypeId, layout, language, isAdmin, canEditTypes, planRestricted, gatewayKind, user, readOnlyReason, canEdit, canInstall, attach, start, setUser, markPlanRestricted, requireGateway, frameControls, installControls, detach }
})

/** The real connection: the b24jssdk frame and the REST gateway, loaded only when inside a portal. */
async function connectToPortal(): Promise<PortalConnection> {
  // A page with no parent cannot be in a portal: say so before fetching the SDK's chunk.
  if (typeof window === 'undefined' || window.parent === window)
    throw new AppError({ code: 'outside_portal' })
  const { connectPortal } = await import('@/portal/connect')
  return connectPortal()
}
