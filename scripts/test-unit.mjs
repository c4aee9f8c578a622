#!/usr/bin/env node
/**
 * `npm run test:unit`: the unit and integration suite (vitest run). A full
 * run (no file or name filter) keeps its wall time, with the machine's load
 * around it, in bench/.suite-run.json; `npm run bench` reports that figure
 * instead of running the suite again, so the bench stays within its time
 * limit on a busy machine.
 *
 *   node scripts/test-unit.mjs [vitest run arguments…]
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SUITE_RUN_FILE = join(ROOT, 'bench', '.suite-run.json')

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

const args = process.argv.slice(2)
const startedAt = new Date()
const loadBefore = loadavg()[0]
const started = performance.now()
const child = spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { cwd: ROOT, stdio: 'inherit' })
child.on('exit', (code, signal) => {
  const wallMs = performance.now() - started
  // a run given files or a name filter is not the suite; an interrupted one has no time to keep
  if (!args.length && signal === null) {
    mkdirSync(dirname(SUITE_RUN_FILE), { recursive: true })
    const run = {
      at: startedAt.toISOString(),
      wallMs: Math.round(wallMs),
      exitCode: code,
      commit: commit(),
      cores: cpus().length,
      loadAverage: { before: loadBefore, after: loadavg()[0] },
      node: process.versions.node,
    }
    writeFileSync(SUITE_RUN_FILE, `${JSON.stringify(run, null, 2)}\n`)
  }
  process.exit(code ?? 1)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
