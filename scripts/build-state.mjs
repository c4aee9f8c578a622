/**
 * Whether out/ (electron-vite's build) is older than what it is built from,
 * and a build when it is: tests that run the built app (the CLI tests, the
 * end-to-end specs) call `ensureBuilt()` instead of failing or skipping when
 * they find no build, or an old one.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** What the build reads: the sources, the locales it bundles, its configuration. */
export const INPUTS = ['src', 'locales', 'electron.vite.config.ts', 'package.json', 'package-lock.json']
/** What it writes, one file per entry point. */
export const OUTPUTS = ['out/main/index.js', 'out/main/web.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html']

function newest(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return { mtimeMs: 0, path }
  }
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, path }
  let best = { mtimeMs: stat.mtimeMs, path }
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry))
    if (found.mtimeMs > best.mtimeMs) best = found
  }
  return best
}

/** Why out/ needs building (a sentence), or null when it is up to date. */
export function staleReason(root) {
  let oldestOutput = Infinity
  for (const file of OUTPUTS) {
    let mtimeMs
    try {
      mtimeMs = statSync(join(root, file)).mtimeMs
    } catch {
      return `${file} is missing`
    }
    oldestOutput = Math.min(oldestOutput, mtimeMs)
  }
  let input = { mtimeMs: 0, path: '' }
  for (const name of INPUTS) {
    const found = newest(join(root, name))
    if (found.mtimeMs > input.mtimeMs) input = found
  }
  return input.mtimeMs > oldestOutput ? `${relative(root, input.path)} is newer than the build` : null
}

/** Builds when out/ is missing or stale, saying so on stderr; throws with the build's output when it fails. */
export function ensureBuilt(root) {
  const reason = staleReason(root)
  if (!reason) return false
  process.stderr.write(`Building the app first (${reason})…\n`)
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}${result.error ? result.error.message : ''}`)
  return true
}
