export const BITRIX24_CLOUD_ZONES: readonly string[]
export const BITRIX24_CLOUD_SOURCES: readonly string[]
export const VIBECODE_ORIGIN: string
export function buildCsp(options?: { portalOrigins?: readonly string[], devPortalOrigins?: readonly string[] }): string
export const UI_KIT_INLINE_STYLES: readonly string[]
export function cspHash(text: string): string
