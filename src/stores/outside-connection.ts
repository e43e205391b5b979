import type { AppError } from '@/domain/errors'
import type { FrameControls } from './context'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { toAppError } from '@/domain/errors'
import { createVibecodeGateway } from '@/portal/vibecode-gateway'
import { useCatalogStore } from './catalog'
import { useContextStore } from './context'


/** Where the gateway URL and API key live: this browser tab only, never localStorage, never a URL. */
export const SESSION_KEY = 'sps.vibecode'

export type OutsideStatus = 'idle' | 'connecting' | 'connected' | 'error'

export interface OutsideCredentials {
  baseUrl: string
  apiKey: string
}

/** No frame around the page: nothing to resize, the page title is the document's. */
const pageControls: FrameControls = {
  resizeHeight: async () => {},
  fitWindow: async () => {},
  setTitle: async (title) => {
    document.title = title
  },
}

function readSession(): OutsideCredentials | null {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null')
    if (typeof raw === 'object' && raw !== null && 'baseUrl' in raw && 'apiKey' in raw && typeof raw.baseUrl === 'string' && typeof raw.apiKey === 'string')
      return { baseUrl: raw.baseUrl, apiKey: raw.apiKey }
  }
  catch {
    // Unreadable: treated as not connected.
  }
  return null
}

/**
 * Managing smart processes from outside a portal, through the vibecode
 * gateway with an API key the user pastes (docs/platform.md "Vibecode gateway"). The key is kept
 * in sessionStorage only and never logged; the connection has no placements.
 */
export const useOutsideConnectionStore = defineStore('outside-connection', () => {
  const context = useContextStore()
  const catalog = useCatalogStore()
  const status = ref<OutsideStatus>('idle')
  const error = shallowRef<AppError | null>(null)
  /** The gateway's origin while connected (shown to the user); the key itself is never exposed. */
  const baseUrl = ref('')

  /**
   * Checks the key by listing the types (the seeds document no user
   * endpoint), then attaches the gateway to the context: the shell shows the
   * app page. The list read here fills the catalog, so it is not read twice.
   */
  async function connect(credentials: OutsideCredentials, options: { fetch?: typeof fetch } = {}): Promise<boolean> {
    if (status.value === 'connecting')
      return false
    status.value = 'connecting'
    error.value = null
    const creds = { baseUrl: credentials.baseUrl.trim().replace(/\/+$/, ''), apiKey: credentials.apiKey.trim() }
    try {
      const gateway = createVibecodeGateway({ ...creds, fetch: options.fetch })
      const [user, types] = await Promise.all([gateway.currentUser(), gateway.listTypes()])
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(creds))
      baseUrl.value = creds.baseUrl
      catalog.$patch({ types: [...types].sort((a, b) => a.entityTypeId - b.entityTypeId), status: 'ready', error: null })
      context.attach({ placement: 'DEFAULT', placementOptions: {}, lang: navigator.language.slice(0, 2), isAdmin: user.isAdmin, gateway, frame: pageControls })
      context.setUser(user)
      status.value = 'connected'
      return true
    }
    catch (e) {
      sessionStorage.removeItem(SESSION_KEY)
      error.value = toAppError(e)
      status.value = 'error'
      return false
    }
  }

  /** Connects again with what this tab kept, if anything. */
  async function restore(options: { fetch?: typeof fetch } = {}): Promise<boolean> {
    const saved = readSession()
    return saved ? connect(saved, options) : false
  }

  /** Forgets the key and goes back to the page outside a portal. */
  function disconnect() {
    sessionStorage.removeItem(SESSION_KEY)
    catalog.$patch({ types: [], status: 'idle', error: null })
    baseUrl.value = ''
    status.value = 'idle'
    context.detach()
  }

  return { status, error, baseUrl, connect, restore, disconnect }
})
