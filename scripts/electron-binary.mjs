/**
 * Electron's binary for `npm start`. The `electron` package fetches it at
 * first launch; where that fails (no way out to its download host) the
 * failure is remembered in a small marker, so later starts go straight to
 * browser mode instead of trying, and failing, again each time. The marker
 * sits in node_modules/.cache, so a fresh `npm ci` also means a fresh try.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const RETRY_AFTER_DAYS = 3
const DAY_MS = 86_400_000

export function markerPath(root) {
  return join(root, 'node_modules', '.cache', 'fieldbench', 'electron-download.json')
}

/** The binary when it is on disk already, else null (never downloads). */
export function installedBinary(root) {
  const dir = join(root, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

export function electronVersion(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version ?? null
  } catch {
    return null
  }
}

export function readMarker(path) {
  try {
    const marker = JSON.parse(readFileSync(path, 'utf8'))
    return typeof marker?.failedAt === 'number' ? marker : null
  } catch {
    return null
  }
}

/**
 * Whether to try the download now: when asked to, when it never failed, when
 * Electron's version changed since, or some days after the last failure (a
 * marker dated in the future, from a clock that was wrong, counts as old).
 */
export function shouldTryDownload({ marker, version, now, retry = false }) {
  if (retry || !marker || marker.version !== version) return true
  const age = now - marker.failedAt
  return age < 0 || age >= RETRY_AFTER_DAYS * DAY_MS
}

export function nextTry(marker) {
  return new Date(marker.failedAt + RETRY_AFTER_DAYS * DAY_MS)
}

/** The line that says why, out of the download's output (the last error it printed). */
export function failureReason(output, status) {
  const lines = String(output)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const error = lines.filter((l) => /\b\w*Error\b|\bE[A-Z]{3,}\b|timed? ?out/i.test(l) && !/^at /.test(l)).pop()
  if (error) return error.length > 160 ? `${error.slice(0, 157)}…` : error
  return status === null ? 'it did not finish in time' : `exit code ${status}`
}

/**
 * Runs the `electron` package's own installer. Its output is kept back (shown
 * with `verbose`); on failure the marker is written. Returns the binary or
 * `{ reason }`.
 */
export function downloadBinary(root, { verbose = false, timeoutMs = 180_000, now = Date.now() } = {}) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'],
  })
  const exe = result.status === 0 ? installedBinary(root) : null
  if (exe) return { exe }
  const reason = result.error?.code === 'ENOENT' ? 'the electron package is not installed' : failureReason(`${result.stdout ?? ''}\n${result.stderr ?? ''}`, result.status)
  const path = markerPath(root)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify({ version: electronVersion(root), failedAt: now, reason }, null, 2)}\n`)
  return { reason }
}
