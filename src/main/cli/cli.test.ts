import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../../../scripts/build-state.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')
const CLI = join(ROOT, 'out/main/cli.js')
let dataDir: string

beforeAll(() => {
  ensureBuilt(ROOT) // these run the built CLI: build it when out/ is missing or older than the sources
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-'))
}, 600_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const env = { ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: '' }
function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...env, ...extraEnv }, timeout: 30_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** `fieldbench sim loopback --json` in the background: resolves with the port it prints. */
function startSim(): Promise<{ port: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'sim', 'loopback', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolvePromise, reject) => {
    let buffer = ''
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      const line = buffer.split('\n').find((l) => l.startsWith('{'))
      if (line) resolvePromise({ port: (JSON.parse(line) as { port: string }).port, child })
    })
    child.once('exit', (code) => reject(new Error(`sim exited ${code}`)))
  })
}

describe('fieldbench CLI', () => {
  it('prints help, and exits 2 on usage errors', () => {
    const help = run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('fieldbench records export')
    expect(run(['frobnicate']).code).toBe(2)
    expect(run(['records', 'export', 'x']).code).toBe(2)
    expect(run(['link-check']).code).toBe(2)
    expect(run(['link-check', '--port', '/dev/null', '--baud', '12']).code).toBe(2)
  })

  it('lists ports as JSON for scripts', () => {
    const r = run(['ports', '--json'])
    expect(r.code).toBe(0)
    expect(Array.isArray(JSON.parse(r.out))).toBe(true)
  })

  it('runs a link check against a simulator on a pseudo-terminal pair, then finds and exports the record', async () => {
    const sim = await startSim()
    try {
      const pass = run(['link-check', '--port', sim.port, '--label', 'CABLE-7', '--site', 'Bench 3', '--json'])
      expect(pass.code).toBe(0)
      const events = pass.out.trim().split('\n').map((l) => JSON.parse(l) as { event: string; verdict?: string; recordId?: number })
      expect(events.filter((e) => e.event === 'step')).toHaveLength(4)
      const result = events.at(-1)!
      expect(result).toMatchObject({ event: 'result', verdict: 'pass' })

      const list = JSON.parse(run(['records', 'list', '--serial', 'CABLE-7', '--json']).out) as { records: { id: number; verdict: string }[]; total: number }
      expect(list.records).toEqual([expect.objectContaining({ id: result.recordId, verdict: 'pass' })])

      const out = join(dataDir, 'report.html')
      expect(run(['records', 'export', String(result.recordId), '--format', 'html', '--lang', 'pl', '--out', out]).code).toBe(0)
      const html = readFileSync(out, 'utf8')
      expect(html).toContain('lang="pl"')
      expect(html).toContain('ZALICZONY')
      expect(html).toContain('CABLE-7')
    } finally {
      sim.child.kill('SIGTERM')
    }
  })

  it('exits 1 on a FAIL verdict and 3 for a record that does not exist, with messages in the chosen language', () => {
    const fail = run(['link-check', '--port', join(dataDir, 'no-such-port')])
    expect(fail.code).toBe(1)
    const missing = run(['records', 'export', '999', '--lang', 'zh'])
    expect(missing.code).toBe(3)
    expect(missing.err).toContain('记录 999')
  })
})
