import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { downloadBinary, failureReason, markerPath, nextTry, readMarker, RETRY_AFTER_DAYS, shouldTryDownload } from '../scripts/electron-binary.mjs'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 30, 12)
const scratch = mkdtempSync(join(tmpdir(), 'fieldbench-electron-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A project whose `electron` package's installer behaves as given. */
function project(installer: string): string {
  const root = mkdtempSync(join(scratch, 'project-'))
  mkdirSync(join(root, 'node_modules/electron'), { recursive: true })
  writeFileSync(join(root, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }))
  writeFileSync(join(root, 'node_modules/electron/install.js'), installer)
  return root
}

describe("Electron's binary at start", () => {
  it('tries the download once, then not again for some days unless asked or Electron changed', () => {
    const marker = { version: '45.4.1', failedAt: NOW, reason: 'TypeError: fetch failed' }
    expect(shouldTryDownload({ marker: null, version: '45.4.1', now: NOW })).toBe(true)
    expect(shouldTryDownload({ marker, version: '45.4.1', now: NOW + 60_000 })).toBe(false)
    expect(shouldTryDownload({ marker, version: '45.4.1', now: NOW + RETRY_AFTER_DAYS * DAY - 1 })).toBe(false)
    expect(shouldTryDownload({ marker, version: '45.4.1', now: NOW + RETRY_AFTER_DAYS * DAY })).toBe(true)
    expect(shouldTryDownload({ marker, version: '45.4.1', now: NOW + 60_000, retry: true })).toBe(true)
    expect(shouldTryDownload({ marker, version: '46.0.0', now: NOW + 60_000 })).toBe(true)
    expect(shouldTryDownload({ marker, version: '45.4.1', now: NOW - DAY })).toBe(true)
    expect(nextTry(marker).toISOString()).toBe('2026-12-03T12:00:00.000Z')
  })

  it('names the reason in one line, not the stack', () => {
    const stack = 'node:internal/deps/undici:13510\n      Error.captureStackTrace(err);\nTypeError: fetch failed\n    at node:internal/deps/undici:13510:13\n  [cause]: Error: getaddrinfo ENOTFOUND github.com\n    at GetAddrInfoReqWrap.onlookup'
    expect(failureReason(stack, 1)).toBe('[cause]: Error: getaddrinfo ENOTFOUND github.com')
    expect(failureReason('HTTPError: Response code 403 (Forbidden)\n', 1)).toBe('HTTPError: Response code 403 (Forbidden)')
    expect(failureReason('', 1)).toBe('exit code 1')
    expect(failureReason('downloading…', null)).toBe('it did not finish in time')
  })

  it('keeps the failed download quiet and remembers it', () => {
    const root = project("console.log('Downloading electron…'); console.error(new TypeError('fetch failed').stack); process.exit(1)\n")
    const result = downloadBinary(root, { now: NOW })
    expect(result).toEqual({ reason: 'TypeError: fetch failed' })
    expect(readMarker(markerPath(root))).toEqual({ version: '45.4.1', failedAt: NOW, reason: 'TypeError: fetch failed' })
  })

  it('takes the binary when the installer put it in place', () => {
    const root = project(
      "const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron')\n",
    )
    writeFileSync(join(root, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', type: 'commonjs' }))
    expect(downloadBinary(root, { now: NOW })).toEqual({ exe: join(root, 'node_modules/electron/dist/electron') })
    expect(readMarker(markerPath(root))).toBeNull()
  })

  it('reads a damaged marker as none', () => {
    const path = join(scratch, 'damaged.json')
    writeFileSync(path, '{"failedAt": "yesterday"')
    expect(readMarker(path)).toBeNull()
  })
})
