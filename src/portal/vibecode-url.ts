/** The vibecode gateway's public address (seed 000), where managing smart processes outside a portal starts. */
export const VIBECODE_URL = 'https://vibecode.bitrix24.tech'
