import { defineConfig } from '@playwright/test'
import { E2E_APP_PORT, E2E_APP_URL, E2E_PORTAL_PORT } from './e2e/ports'

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: ['./e2e/global-setup.ts', './e2e/support/summary-setup.ts'],
  // Prints "Reliability summary: N faults tried, M bad inputs tried, 0 data lost" (e2e/support/cases.ts).
  globalTeardown: './e2e/support/summary-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : 'list',
  use: {
    baseURL: E2E_APP_URL,
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM_PATH,
      args: process.env.E2E_CHROMIUM_ARGS ? JSON.parse(process.env.E2E_CHROMIUM_ARGS) : [],
    },
    trace: 'off',
  },
  webServer: {
    command: 'npx tsx scripts/e2e-servers.ts',
    url: `http://127.0.0.1:${E2E_PORTAL_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: { E2E_APP_PORT: String(E2E_APP_PORT), E2E_PORTAL_PORT: String(E2E_PORTAL_PORT) },
  },
})
