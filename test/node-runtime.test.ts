import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { decide, parseVersion, probe, provision, registryTarget, ROOT, supportsApp } from '../scripts/node-runtime.mjs'

const LAUNCHER = join(ROOT, 'scripts/node-runtime.mjs')
const scratch = mkdtempSync(join(tmpdir(), 'fieldbench-node-runtime-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A Node older than the app needs, where the machine has one (Debian's own is 20). */
function oldNode(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']
  for (const dir of dirs) {
    const exe = join(dir, 'node')
    if (!dir || !existsSync(exe)) continue
    const version = spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout
    if (parseVersion(version) && !supportsApp(version)) return exe
  }
  return null
}
const OLD_NODE = oldNode()

/** A runtime folder laid out as npm's `node` package installs it, holding this (suitable) Node. */
function fakeRuntime(): string {
  const dir = mkdtempSync(join(scratch, 'runtime-'))
  mkdirSync(join(dir, 'node_modules/node/bin'), { recursive: true })
  writeFileSync(join(dir, 'node_modules/node/package.json'), JSON.stringify({ name: 'node', version: process.versions.node }))
  symlinkSync(process.execPath, join(dir, 'node_modules/node/bin/node'))
  return dir
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

describe('which Node runs Fieldbench', () => {
  it('needs node:sqlite without a flag: 22.13+, 23.4+, 24+', () => {
    expect(['20.20.2', '22.12.0', '23.3.0', '18.19.1', 'v21.9.9', 'nonsense', ''].map(supportsApp)).toEqual(Array(7).fill(false))
    expect(['22.13.0', 'v22.20.1', '23.4.0', '24.0.0', '26.1.0'].map(supportsApp)).toEqual(Array(5).fill(true))
  })

  it('uses this Node when it will do, else the provisioned one, else provisions', () => {
    expect(decide({ current: '24.21.0', provisioned: null })).toBe('current')
    expect(decide({ current: '22.13.0', provisioned: '24.21.0' })).toBe('current')
    expect(decide({ current: '20.20.2', provisioned: '24.21.0' })).toBe('provisioned')
    expect(decide({ current: '20.20.2', provisioned: null })).toBe('provision')
    expect(decide({ current: '20.20.2', provisioned: '20.1.0' })).toBe('provision')
  })

  it("probes npm's proxy when it has one, else its registry", () => {
    expect(registryTarget('registry=https://registry.npmjs.org/\nhttps-proxy=null\nproxy=null\n')).toEqual({ host: 'registry.npmjs.org', port: 443 })
    expect(registryTarget('registry=http://127.0.0.1:4873/\nhttps-proxy=null\nproxy=null')).toEqual({ host: '127.0.0.1', port: 4873 })
    expect(registryTarget('registry=https://r.example/\nhttps-proxy=http://[::1]:3128\nproxy=null')).toEqual({ host: '::1', port: 3128 })
    expect(registryTarget('registry=https://r.example/\nhttps-proxy=null\nproxy=http://10.1.1.1:8080/')).toEqual({ host: '10.1.1.1', port: 8080 })
  })

  it('tells a reachable registry from a refused one', async () => {
    const server = createServer((socket) => socket.end())
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as { port: number }
    expect(await probe({ host: '127.0.0.1', port })).toBeNull()
    await new Promise((done) => server.close(done))
    expect(await probe({ host: '127.0.0.1', port: await closedPort() })).toMatch(/ECONNREFUSED/)
  })

  it('gives up at once, installing nothing, without npm or without a registry', async () => {
    const dir = join(scratch, 'never')
    expect(await provision({ dir, npm: 'fieldbench-no-such-npm' })).toMatchObject({ ok: false, reason: 'npm is not installed' })
    const env = { ...process.env, npm_config_registry: `http://127.0.0.1:${await closedPort()}/`, npm_config_https_proxy: '', npm_config_proxy: '' }
    let fetched = false
    const result = await provision({ dir, env, onFetch: () => (fetched = true) })
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED$/) })
    expect(fetched).toBe(false)
    expect(existsSync(dir)).toBe(false)
  })

  it('runs a command with its Node first on PATH and passes its exit code on', () => {
    const r = spawnSync(process.execPath, [LAUNCHER, 'node', '-e', 'console.log(process.env.PATH.split(require("path").delimiter)[0]); process.exit(7)'], { encoding: 'utf8' })
    expect(r.status).toBe(7)
    expect(r.stdout.trim()).toBe(dirname(process.execPath))
  })

  describe.skipIf(!OLD_NODE)(`on the machine's own old Node (${OLD_NODE ?? 'none here'})`, () => {
    it('re-runs a script under the provisioned Node, with its arguments and exit code', () => {
      const script = join(scratch, 'probe.mjs')
      const runtime = pathToFileURL(LAUNCHER).href
      writeFileSync(script, `import { reexecIfTooOld } from '${runtime}'\nawait reexecIfTooOld()\nconsole.log(process.version, process.argv.slice(2).join(' '))\nprocess.exit(5)\n`)
      const r = spawnSync(OLD_NODE!, [script, 'a', '--b'], { encoding: 'utf8', env: { ...process.env, FIELDBENCH_NODE_DIR: fakeRuntime() } })
      expect(r.stdout.trim()).toBe(`${process.version} a --b`)
      expect(r.status).toBe(5)
    })

    it('says in one line what to install when it cannot fetch a Node', async () => {
      const env = { ...process.env, FIELDBENCH_NODE_DIR: join(scratch, 'unfetched'), npm_config_registry: `http://127.0.0.1:${await closedPort()}/` }
      const started = performance.now()
      const r = spawnSync(OLD_NODE!, [LAUNCHER, 'node', '-e', '1'], { encoding: 'utf8', env })
      expect(performance.now() - started).toBeLessThan(5000) // npm's own retries would take a minute
      expect(r.status).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Fieldbench needs Node\.js 22\.13 or newer \(this is \d+\.\d+\.\d+\) .*ECONNREFUSED.*: install Node 24 from https:\/\/nodejs\.org/),
      ])
    })
  })
})
