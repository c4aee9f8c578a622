#!/usr/bin/env node
/**
 * The Node.js every entry point runs on. Fieldbench stores its records with
 * `node:sqlite`, which works without a flag from Node 22.13 and 23.4; a
 * machine's own Node may be older (Debian's is 20). On such a machine npm's
 * own `node` package (Node 24, the one Electron 45 bundles) is installed once
 * into .ci/.node, and the command runs under it with its folder first on PATH,
 * so that the `node`, `npx` and `npm run` steps it starts use it as well.
 *
 *   node scripts/node-runtime.mjs COMMAND [ARGS…]   run a command (`npm ci`, `vitest run`, …)
 *   node scripts/node-runtime.mjs --bin-dir         print the folder of a suitable `node` (.ci/run)
 *   await reexecIfTooOld()                          at the top of a script: runs it again under the
 *                                                   provisioned Node when this one is too old
 *
 * Deliberately plain: it has to run on the old Node it replaces.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** FIELDBENCH_NODE_DIR puts it elsewhere (one provisioned Node shared by several clones, or a test's own). */
export const RUNTIME_DIR = process.env.FIELDBENCH_NODE_DIR ? resolve(process.env.FIELDBENCH_NODE_DIR) : join(ROOT, '.ci', '.node')
export const PROVISIONED_PACKAGE = 'node@24'
export const NEEDED = '22.13'
const VERBOSE = /^(1|true|yes)$/i.test(process.env.FIELDBENCH_VERBOSE || '')
const WINDOWS = process.platform === 'win32'

export function parseVersion(text) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text || '').trim())
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

/** `node:sqlite` without a flag: 22.13 and later 22s, 23.4 and later, 24 and later. */
export function supportsApp(version) {
  const v = parseVersion(version)
  if (!v) return false
  const [major, minor] = v
  return major >= 24 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13)
}

/** 'current' (this Node will do), 'provisioned' (the one in .ci/.node will), or 'provision' (fetch it first). */
export function decide({ current, provisioned }) {
  if (supportsApp(current)) return 'current'
  if (provisioned && supportsApp(provisioned)) return 'provisioned'
  return 'provision'
}

export function nodeBinary(dir = RUNTIME_DIR, platform = process.platform) {
  return join(dir, 'node_modules', 'node', 'bin', platform === 'win32' ? 'node.exe' : 'node')
}

/** The version installed in `dir`, or null when there is none or only part of one. */
export function provisionedVersion(dir = RUNTIME_DIR) {
  if (!existsSync(nodeBinary(dir))) return null
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', 'node', 'package.json'), 'utf8')).version || null
  } catch {
    return null
  }
}

export function installHint(current, reason) {
  return (
    `Fieldbench needs Node.js ${NEEDED} or newer (this is ${current}) and could not fetch it${reason ? ` (${reason})` : ''}: ` +
    'install Node 24 from https://nodejs.org (or your package manager) and run the command again.'
  )
}

/** The host npm would connect to first: its proxy if it has one, else its registry (`npm config get` output). */
export function registryTarget(configText) {
  const values = {}
  for (const line of String(configText).split(/\r?\n/)) {
    const m = /^([a-z-]+)=(.*)$/.exec(line.trim())
    if (m && m[2] && m[2] !== 'null' && m[2] !== 'undefined') values[m[1]] = m[2]
  }
  const url = new URL(values['https-proxy'] || values.proxy || values.registry || 'https://registry.npmjs.org/')
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || (url.protocol === 'http:' ? 80 : 443) }
}

/** Resolves with null once a TCP connection opens, or with the reason it could not within `ms`. */
export function probe({ host, port }, ms = 1500) {
  return new Promise((done) => {
    const socket = connect({ host, port })
    const finish = (reason) => {
      clearTimeout(timer)
      socket.destroy()
      done(reason)
    }
    const timer = setTimeout(() => finish(`no answer from ${host}:${port} within ${ms / 1000} s`), ms)
    socket.once('connect', () => finish(null))
    socket.once('error', (e) => finish(`cannot reach ${host}:${port}: ${e.code || e.message}`))
  })
}

function firstNpmError(output) {
  const lines = output.split(/\r?\n/).map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
  return lines.find((l) => /^code \S+|^E[A-Z0-9]+\b|Error/.test(l)) || lines.find(Boolean) || 'npm install failed'
}

/**
 * Installs npm's `node` package into `dir`, through a side folder that is moved
 * into place only when complete, so an interrupted install is never reused.
 * Resolves `{ ok: true }` or `{ ok: false, reason, output }`.
 */
export async function provision({ dir = RUNTIME_DIR, npm = WINDOWS ? 'npm.cmd' : 'npm', probeMs = 1500, env = process.env, onFetch = () => {} } = {}) {
  const config = spawnSync(npm, ['config', 'get', 'registry', 'https-proxy', 'proxy'], { encoding: 'utf8', env, shell: WINDOWS })
  if (config.error) return { ok: false, reason: config.error.code === 'ENOENT' ? 'npm is not installed' : config.error.message, output: '' }
  if (config.status !== 0) return { ok: false, reason: firstNpmError(`${config.stdout}${config.stderr}`), output: `${config.stdout}${config.stderr}` }
  const unreachable = await probe(registryTarget(config.stdout), probeMs)
  if (unreachable) return { ok: false, reason: unreachable, output: '' }

  onFetch()
  const side = `${dir}.partial-${process.pid}`
  rmSync(side, { recursive: true, force: true })
  const args = ['install', '--prefix', side, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', PROVISIONED_PACKAGE]
  const output = await new Promise((done) => {
    const child = spawn(npm, args, { env, shell: WINDOWS, stdio: ['ignore', VERBOSE ? 'inherit' : 'pipe', VERBOSE ? 'inherit' : 'pipe'] })
    let text = ''
    child.stdout?.on('data', (d) => (text += d))
    child.stderr?.on('data', (d) => (text += d))
    child.once('error', (e) => done({ code: -1, text: e.message }))
    child.once('close', (code) => done({ code, text }))
  })
  const installed = provisionedVersion(side)
  if (output.code !== 0 || !supportsApp(installed)) {
    rmSync(side, { recursive: true, force: true })
    return { ok: false, reason: output.code !== 0 ? firstNpmError(output.text) : `npm's ${PROVISIONED_PACKAGE} package gave no usable node`, output: output.text }
  }
  if (supportsApp(provisionedVersion(dir))) {
    rmSync(side, { recursive: true, force: true }) // another start finished first
  } else {
    rmSync(dir, { recursive: true, force: true })
    renameSync(side, dir)
  }
  return { ok: true }
}

/**
 * The `node` binary to run Fieldbench with, provisioning it on first need.
 * Where that is impossible it prints one line saying what to install and exits 1.
 */
export async function ensureNode({ dir = RUNTIME_DIR } = {}) {
  const current = process.versions.node
  const decision = decide({ current, provisioned: provisionedVersion(dir) })
  if (decision === 'current') return process.execPath
  if (decision === 'provision') {
    const onFetch = () => process.stderr.write(`Node ${current} is too old for Fieldbench; fetching ${PROVISIONED_PACKAGE} from the npm registry into ${dir} (once)…\n`)
    const result = await provision({ dir, onFetch })
    if (!result.ok) {
      if (VERBOSE && result.output) process.stderr.write(result.output)
      process.stderr.write(`${installHint(current, result.reason)}\n`)
      process.exit(1)
    }
  }
  return nodeBinary(dir)
}

/** Environment for a child: `node` first on PATH, and npm told which node runs it. */
export function childEnv(node, env = process.env) {
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') || 'PATH'
  return { ...env, [pathKey]: `${dirname(node)}${delimiter}${env[pathKey] || ''}`, NODE: node, npm_node_execpath: node }
}

/**
 * Runs the command and resolves with its exit code. SIGINT is not forwarded:
 * Ctrl-C reaches the whole foreground process group already, and a second one
 * would cut short a child that handles the first (the CLI cancels its job on it).
 */
export function run(command, args, node) {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', env: childEnv(node), shell: WINDOWS && command !== node })
    const forward = (signal) => child.kill(signal)
    const ignore = () => {}
    process.on('SIGTERM', forward)
    process.on('SIGHUP', forward)
    process.on('SIGINT', ignore)
    child.once('error', (e) => {
      process.stderr.write(`${command}: ${e.code === 'ENOENT' ? 'not found' : e.message}\n`)
      done(127)
    })
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward)
      process.off('SIGHUP', forward)
      process.off('SIGINT', ignore)
      done(code ?? (signal ? 128 + (signalNumber(signal) || 1) : 1))
    })
  })
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal]
}

/** On a Node that is too old, runs this script again under a suitable one and exits with its code. */
export async function reexecIfTooOld() {
  if (supportsApp(process.versions.node)) return
  const node = await ensureNode()
  process.exit(await run(node, [...process.execArgv, ...process.argv.slice(1)], node))
}

async function main(argv) {
  if (argv.length === 0) {
    process.stderr.write('usage: node scripts/node-runtime.mjs COMMAND [ARGS…] | --bin-dir\n')
    return 2
  }
  const node = await ensureNode()
  if (argv[0] === '--bin-dir') {
    process.stdout.write(`${dirname(node)}\n`)
    return 0
  }
  const [command, ...args] = argv
  return run(command === 'node' ? node : command, args, node)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main(process.argv.slice(2)))
}
