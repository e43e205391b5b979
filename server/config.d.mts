export const DEFAULT_BODY_LIMIT: number

export interface ServerConfig {
  port: number
  host: string
  distDir: string
  portalOrigins: string[]
  devPortalOrigins: string[]
  bodyLimit: number
}

export function toPortalOrigin(entry: string): string
export function parsePortalList(value: string | undefined): string[]
export function readConfig(env: Record<string, string | undefined>): ServerConfig
