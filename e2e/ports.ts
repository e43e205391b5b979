/** Ports of the servers the e2e suite starts (apart from dev's 5173/5174 so both can run). */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173)
export const E2E_PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 4174)
export const E2E_APP_URL = `http://localhost:${E2E_APP_PORT}/`
export const E2E_PORTAL_URL = `http://127.0.0.1:${E2E_PORTAL_PORT}`
/** A second portal with no smart processes (issue 18: carry a setup from one portal to another). */
export const E2E_PORTAL_B_PORT = Number(process.env.E2E_PORTAL_B_PORT ?? E2E_PORTAL_PORT + 2)
export const E2E_PORTAL_B_URL = `http://127.0.0.1:${E2E_PORTAL_B_PORT}`
