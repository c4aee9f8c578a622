#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is available (it is
 * fetched at first launch), otherwise browser mode with the same features.
 * `npm run web` always starts browser mode.
 *
 *   --retry-electron   try the download again now, not only some days after it failed
 *   --verbose          show the download's own output (also FIELDBENCH_VERBOSE=1)
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { downloadBinary, electronVersion, installedBinary, markerPath, nextTry, readMarker, shouldTryDownload } from './electron-binary.mjs'
import { reexecIfTooOld } from './node-runtime.mjs'

await reexecIfTooOld()

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const web = args.includes('--web')
const retry = args.includes('--retry-electron')
const verbose = args.includes('--verbose') || /^(1|true|yes)$/i.test(process.env.FIELDBENCH_VERBOSE ?? '')
const passThrough = args.filter((a) => a !== '--web' && a !== '--retry-electron')

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('Fieldbench is not built yet: run `npm run setup` (or `npm run build`) first.')
  process.exit(2)
}

const day = (date) => date.toISOString().slice(0, 10)

/** Electron's binary, or null with one line on stderr saying why browser mode starts instead. */
function electronBinary() {
  const installed = installedBinary(root)
  if (installed) return installed
  const marker = readMarker(markerPath(root))
  if (!shouldTryDownload({ marker, version: electronVersion(root), now: Date.now(), retry })) {
    console.error(
      `Electron's binary could not be downloaded on ${day(new Date(marker.failedAt))} (${marker.reason}); starting browser mode. ` +
        `Next try after ${day(nextTry(marker))}, or now with \`npm start -- --retry-electron\`.`,
    )
    return null
  }
  // on a terminal, a progress note that the outcome overwrites: one line either way
  const note = process.stderr.isTTY && !verbose
  if (note) process.stderr.write("Fetching Electron's binary (first start)…")
  const result = downloadBinary(root, { verbose })
  if (note) process.stderr.write('\r\x1b[K')
  if (result.exe) return result.exe
  console.error(
    `Electron's binary could not be downloaded (${result.reason}); starting browser mode instead. ` +
      `Retry with \`npm start -- --retry-electron\`${verbose ? '' : ', details with --verbose'}.`,
  )
  return null
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

const exe = web ? null : electronBinary()
if (exe) run(exe, [join(root, 'out/main/index.js'), ...passThrough])
else run(process.execPath, [join(root, 'out/main/web.js'), ...passThrough])
