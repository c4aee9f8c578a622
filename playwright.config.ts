import { defineConfig } from '@playwright/test'

/**
 * The same specs run twice: against the real Electron app where its binary
 * exists, and against browser mode in Debian's Chromium (the only variant on
 * machines where Electron cannot be downloaded). See e2e/fixtures.ts.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser', metadata: { variant: 'browser' } },
    { name: 'electron', metadata: { variant: 'electron' } },
  ],
})
