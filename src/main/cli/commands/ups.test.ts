import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEED_PATH } from '../../devices/ups/test-files'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const CORRECTED = join(ROOT, 'resources/ups/ups-rs232-protocol.zh.ini')
let dir: string

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: npm test builds before the unit tests; run npm run build')
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], lang = 'en') {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: lang }, timeout: 30_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('fieldbench ups lint', () => {
  it('exits 0 on the corrected file and says it is clean', () => {
    const r = run(['ups', 'lint', '--ini', CORRECTED])
    expect(r.code).toBe(0)
    expect(r.out).toContain('121 values, 121 measurable, utf-8. No findings.')
  })

  it('exits 1 on the seed, with each finding at its offset, in JSON too', () => {
    const human = run(['ups', 'lint', '--ini', SEED_PATH])
    expect(human.code).toBe(1)
    expect(human.out).toMatch(/offset 2158: error: 120 values \(cmd-2 … cmd-121\) all sit at Index=13/)
    const json = run(['ups', 'lint', '--ini', SEED_PATH, '--json'])
    expect(json.code).toBe(1)
    const report = JSON.parse(json.out) as { values: number; measurable: number; flattened: boolean; findings: { code: string; at: number; line?: number }[] }
    expect(report).toMatchObject({ values: 121, measurable: 1, flattened: true })
    expect(report.findings.map((f) => [f.code, f.at, f.line])).toEqual([
      ['groupCommand', 1895, undefined],
      ['placeholder', 2158, undefined],
      ['countMismatch', 9679, undefined],
    ])
  })

  it('gives lines and columns for a multi-line file, in the chosen language', () => {
    const file = join(dir, 'small.ini')
    writeFileSync(file, '[CMD]\r\ncmd-count=1\r\ncmd-1=电压\r\n[cmd-1]\r\nSendCmd=01\r\nIndex=0\r\nLen=2\r\ntype=WORD\r\n')
    const r = run(['ups', 'lint', '--ini', file], 'pl')
    expect(r.code).toBe(1)
    expect(r.out).toContain(`${file}:7:5: błąd: [cmd-1] Len=2 nie pasuje do typu WORD`)
  })

  it('exits 2 without --ini or with an unknown subcommand, and 3 on a file it cannot read', () => {
    expect(run(['ups', 'lint']).code).toBe(2)
    expect(run(['ups', 'frobnicate']).code).toBe(2)
    const missing = run(['ups', 'lint', '--ini', join(dir, 'nope.ini')])
    expect(missing.code).toBe(3)
    expect(missing.err).toContain('ENOENT')
  })
})
