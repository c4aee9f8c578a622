import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

// each CLI run starts a core (about a second, more on a loaded machine)
describe('fieldbench CLI', { timeout: 60_000 }, () => {
  it('prints help, and exits 2 on usage errors', () => {
    const help = run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('fieldbench records export')
    expect(run(['frobnicate']).code).toBe(2)
    expect(run(['records', 'export', 'x']).code).toBe(2)
    expect(run(['link-check']).code).toBe(2)
    expect(run(['link-check', '--port', '/dev/null', '--baud', '12']).code).toBe(2)
  })

  let recordsBefore: number | undefined
  // every case: exit 2, one line on stderr that names the option or gives the app's reason, nothing recorded
  it.each([
    [['records', 'list', '--bogus'], 'Unknown option --bogus for fieldbench records list'],
    [['ports', '--json=maybe'], '--json is a switch and takes no value'],
    [['records', 'list', '--lang', 'xx'], 'Invalid value for --lang: “xx”; expected one of en, zh, pl.'],
    [['records', 'list', '--from', '2026-13-45'], 'Invalid value for --from: “2026-13-45”'],
    [['records', 'list', '--limit', 'ten'], 'expected a whole number from 1 to 500'],
    [['link-check', '--port', '--serial', 'X'], '--port needs a value: a path.'],
    [['link-check', '--port', '/dev/null', '--baud', 'fast'], 'Invalid value for --baud'],
    [['cabinet', 'test', '--port', '/dev/null', '--firmware', 'abc', '--confirm-safety', '--airflow', 'ok'], 'The input is not valid (--firmware). Type the version as printed on the board'],
    [['cabinet', 'test', '--port', '/dev/null', '--serial', 'CAB\u00011', '--confirm-safety', '--airflow', 'ok'], 'The input is not valid (--serial). A serial number is printable characters only'],
    [['cabinet', 'test', '--port', '/dev/null', '--profile', 'PROFILE', '--confirm-safety', '--airflow', 'ok'], 'The file is not a Fieldbench cabinet test profile'],
    [['foxess', 'settings', 'set', '--demo', '--sn', '60H3103A12345601', '--min-soc', '5'], 'Not sent: --min-soc is not allowed (Must be between 10 and 100.)'],
    [['foxess', 'settings', 'set', '--demo', '--sn', '60H3103A12345601', '--min-soc', 'five'], 'Invalid value for --min-soc: “five”; expected a number.'],
    [['records', 'list', '--from', '2026-13-45', '--lang', 'pl'], 'Nieprawidłowa wartość --from: „2026-13-45”; oczekiwano: data w postaci RRRR-MM-DD.'],
    [['cabinet', 'test', '--port', '/dev/null', '--firmware', 'abc', '--confirm-safety', '--airflow', 'ok', '--lang', 'zh'], '请按主板上印的版本输入'],
  ])('%j: exit 2 with “%s”', (line, message) => {
    const profile = join(dataDir, 'not-a-profile.json')
    writeFileSync(profile, '{"name": "bench"}')
    const args = line.map((a) => (a === 'PROFILE' ? profile : a))
    const records = () => (JSON.parse(run(['records', 'list', '--json']).out) as { total: number }).total
    recordsBefore ??= records()
    const r = run(args)
    expect(r.code).toBe(2)
    expect(r.err).toContain(message)
    expect(r.err.trimEnd().split('\n')).toHaveLength(1)
    expect(r.err).not.toContain('Something went wrong')
    expect(records()).toBe(recordsBefore)
  })

  it('--data-dir with nothing after it is an error, not the default folder', () => {
    const home = mkdtempSync(join(tmpdir(), 'fieldbench-home-'))
    try {
      const r = spawnSync(process.execPath, [CLI, 'records', 'list', '--data-dir'], {
        encoding: 'utf8',
        env: { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), FIELDBENCH_DATA_DIR: '' },
        timeout: 30_000,
      })
      expect(r.status).toBe(2)
      expect(r.stderr).toBe('--data-dir needs a value: a folder.\n')
      expect(existsSync(join(home, '.config', 'Fieldbench'))).toBe(false)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('--json: a usage error is a JSON object too', () => {
    const r = run(['records', 'list', '--limit', '0', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.out)).toEqual({ error: { code: 'usage' }, message: 'Invalid value for --limit: “0”; expected a whole number from 1 to 500.' })
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
