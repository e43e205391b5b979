/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_PORTAL_PORT?: string
}
