import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const CORRECTED = join(ROOT, 'resources/ups/ups-rs232-protocol.zh.ini')
const SEED = join(ROOT, 'docs/devices/ups-rs232-protocol.zh.ini')
const env = (lang: string) => ({ ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: lang })
let dir: string
const running: ChildProcess[] = []

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run npm run build')
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM')
})

/** `fieldbench sim ups --json …` in the background, resolved with the port it plays on. */
function startSim(args: string[] = []): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'sim', 'ups', '--json', ...args], { env: env('en'), stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  let text = ''
  return new Promise((done, fail) => {
    const onData = (d: Buffer) => {
      text += d.toString()
      const line = text.split('\n').find((l) => l.startsWith('{'))
      if (line) done((JSON.parse(line) as { port: string }).port)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => fail(new Error(`sim ups exited ${code}: ${text}`)))
  })
}

function run(args: string[], lang = 'en') {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: env(lang), timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe.runIf(process.platform === 'linux')('fieldbench ups read / log against fieldbench sim ups', () => {
  it('reads all 121 values by group with units, in JSON and in Chinese', async () => {
    const port = await startSim()
    const json = run(['ups', 'read', '--port', port, '--ini', CORRECTED, '--json'])
    expect(json.code).toBe(0)
    const result = JSON.parse(json.out) as { link: string; values: { n: number; name: string; value: number; unit: string }[]; alarms: unknown[] }
    expect(result.link).toBe('ok')
    expect(result.values).toHaveLength(121)
    expect(result.values.find((v) => v.n === 1)).toMatchObject({ name: 'Mains input phase R voltage', unit: 'V' })
    expect(result.alarms).toEqual([])
    const zh = run(['ups', 'read', '--port', port, '--ini', CORRECTED], 'zh')
    expect(zh.out).toMatch(/\[0x1\]\n {2}市电输入R相电压: 2[12]\d\.\d V/)
    expect(zh.out).toContain('没有当前告警。')
  })

  it('says which alarms are active in the scenario the simulator plays', async () => {
    const port = await startSim(['--scenario', 'epo'])
    const r = run(['ups', 'read', '--port', port, '--ini', CORRECTED])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Active alarms: .*EPO/)
  })

  it('reads from the seed only the one value it places: its 120 placeholders are never presented', async () => {
    const port = await startSim()
    const seed = run(['ups', 'read', '--port', port, '--ini', SEED, '--json'])
    expect(seed.code).toBe(0)
    expect((JSON.parse(seed.out) as { values: { n: number }[] }).values.map((v) => v.n)).toEqual([1])
  })

  it('exits 3 with the reason when the UPS does not answer, 2 on a missing option or an unknown scenario', async () => {
    const port = await startSim(['--line-fault', 'noAnswer'])
    const silent = run(['ups', 'read', '--port', port, '--ini', CORRECTED])
    expect(silent.code).toBe(3)
    expect(silent.err).toContain('did not answer (timeout)')
    expect(run(['ups', 'read', '--ini', CORRECTED]).code).toBe(2)
    expect(run(['sim', 'ups', '--scenario', 'flood']).code).toBe(2)
  })

  it('logs every poll for the hours asked, ISO times with offset, alarms and the session beside it', { timeout: 60_000 }, async () => {
    const port = await startSim(['--scenario', 'overload'])
    const out = join(dir, 'night.csv')
    // 0.001 h is 3.6 s: four polls or so at one a second
    const data = join(dir, 'data')
    const r = run(['ups', 'log', '--port', port, '--ini', CORRECTED, '--out', out, '--hours', '0.001', '--json', '--data-dir', data])
    expect(r.code).toBe(0)
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n')
    expect(rows[0]).toMatch(/^\uFEFFtime,link,cmd-1 Mains input phase R voltage \(V\),/)
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(rows[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d,ok,/)
    expect(readFileSync(join(dir, 'night.alarms.csv'), 'utf8')).toMatch(/,raised,cmd-39,/)
    const session = JSON.parse(readFileSync(join(dir, 'night.session.json'), 'utf8')) as { rows: number; alarms: { key: string }[] }
    expect(session.rows).toBe(rows.length - 1)
    expect(session.alarms.map((a) => a.key)).toContain('cmd-39')
    expect(r.out.split('\n').filter((l) => l.includes('"alarmRaised"')).length).toBeGreaterThan(3)
    // the session is a record in the app's record store, with its alarms
    const done = JSON.parse(r.out.split('\n').find((l) => l.includes('"done"'))!) as { recordId: number }
    const listed = run(['records', 'list', '--job', 'upsLog', '--json', '--data-dir', data])
    expect(listed.code).toBe(0)
    const records = (JSON.parse(listed.out) as { records: { id: number; status: string; stepCount: number }[] }).records
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ id: done.recordId, status: 'completed' })
    const html = run(['records', 'export', String(done.recordId), '--format', 'html', '--out', join(dir, 'night.html'), '--data-dir', data])
    expect(html.code).toBe(0)
    expect(readFileSync(join(dir, 'night.html'), 'utf8')).toContain('Alarm of value 39')
  })
})
