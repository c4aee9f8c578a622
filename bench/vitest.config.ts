import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const root = resolve(import.meta.dirname, '..')

/** `npm run bench`: figures, not pass/fail timings. Runs the bench files one after another. */
export default defineConfig({
  root,
  resolve: { alias: { '@shared': resolve(root, 'src/shared'), '@locales': resolve(root, 'locales') } },
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // heap figures after a GC the bench calls, not whatever garbage was still uncollected
    execArgv: ['--expose-gc'],
    fileParallelism: false,
  },
})
