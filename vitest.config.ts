import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '@shared': resolve(import.meta.dirname, 'src/shared'), '@locales': resolve(import.meta.dirname, 'locales') },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // In CI a failed test runs once more and the report says so: the serial tests pass bytes through socat,
    // another process, and a loaded two-core runner has once failed one of 135 of them. A test that fails
    // twice still fails the run.
    retry: process.env.CI ? 1 : 0,
  },
})
