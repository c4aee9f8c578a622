#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is available (it is
 * fetched at first launch), otherwise browser mode with the same features.
 * `npm run web` always starts browser mode.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const web = process.argv.includes('--web')
const passThrough = process.argv.slice(2).filter((a) => a !== '--web')

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('Fieldbench is not built yet: run `npm run setup` (or `npm run build`) first.')
  process.exit(2)
}

function electronBinary() {
  const dir = join(root, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (existsSync(pathFile)) {
    const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    if (existsSync(exe)) return exe
  }
  // first launch: fetch Electron's binary (needs internet once)
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit', timeout: 180_000 })
  if (result.status === 0 && existsSync(pathFile)) {
    const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    if (existsSync(exe)) return exe
  }
  return null
}

function run(cmd, args) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

const exe = web ? null : electronBinary()
if (exe) {
  run(exe, [join(root, 'out/main/index.js'), ...passThrough])
} else {
  if (!web) console.error("Electron's binary is not available on this machine; starting browser mode instead.")
  run(process.execPath, [join(root, 'out/main/web.js'), ...passThrough])
}
