import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirtualClock } from '../../core/clock'
import type { CoreOptions } from '../../core/core'
import { type PtyUps, startPtyUps } from '../../devices/ups/harness'
import { CORRECTED_PATH, SEED_PATH } from '../../devices/ups/test-files'
import { LineTally } from '../../transport/serial/line-tally'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createOut, EXIT } from '../output'
import { spans, upsInspectCommand, type UpsInspectOptions } from './ups-inspect'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const env = (lang: string) => ({ ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: lang })

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A simulated UPS on a pty pair; the command's core runs on the UPS's virtual clock, so `--after` costs no real time. */
async function setup(): Promise<{ ups: PtyUps; core: CoreOptions }> {
  const tally = new LineTally()
  const clock = new VirtualClock(undefined, true, tally.underWay)
  const ups = await startPtyUps({ clock }, { tally })
  cleanups.push(() => ups.close())
  return { ups, core: { clock, opener: tally.opener(new NodeSerialOpener()) } }
}

/** Runs the command with no terminal, capturing what it prints; `onLine` is the person at the UPS reading along. */
async function run(options: UpsInspectOptions, core: CoreOptions, onLine: (line: string) => void = () => undefined, json = false) {
  const printed: string[] = []
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk)
    printed.push(text)
    for (const line of text.split('\n')) if (line) onLine(line)
    return true
  })
  try {
    const out = await createOut(json, 'en')
    const code = await upsInspectCommand(out, options, core)
    return { code, text: printed.join('') }
  } finally {
    write.mockRestore()
  }
}

describe('fieldbench ups inspect', () => {
  it('byte runs read as ranges', () => {
    expect(spans([1, 2, 3, 7, 9, 10])).toBe('1–3, 7, 9–10')
    expect(spans([])).toBe('')
  })

  it('--again without a terminal: waits --after seconds for the mains cut, then lists the changed bytes and the values that read them', async () => {
    const { ups, core } = await setup()
    const { code, text } = await run({ port: ups.path, ini: CORRECTED_PATH, command: '01', again: true, after: 5 }, core, (line) => {
      if (line.startsWith('Now change something at the UPS')) ups.sim.setMains(false)
    })
    expect(code, text).toBe(EXIT.ok)
    expect(text).toMatch(/^Command 01: 122 bytes at /m)
    expect(text).toMatch(/^ {2}0000 {2}7E 30 [0-9A-F ]{41} {2}~0/m)
    expect(text).toMatch(/Mains input phase R voltage \(cmd-1\): bytes 1–4, raw \d+/)
    expect(text).toContain('Every data byte is read by a value.')
    expect(text).toContain('No two values read the same byte.')
    expect(text).toContain('capturing again in 5 s.')
    expect(text).toMatch(/^Command 01: \d+ bytes changed: /m)
    const after = text.slice(text.indexOf('Values that read them:'))
    expect(after).toMatch(/^ {4}Mains input phase R voltage \(cmd-1\)$/m)
    // on battery: the mains voltages read zero in the second capture
    expect(text.split('Now change something')[1]).toMatch(/Mains input phase R voltage \(cmd-1\): bytes 1–4, raw 0\n/)
  })

  it('the seed in JSON: its placeholder said plainly, the values it cannot place listed, their overlap shown', async () => {
    const { ups, core } = await setup()
    const { code, text } = await run({ port: ups.path, ini: SEED_PATH }, core, () => undefined, true)
    expect(code, text).toBe(EXIT.ok)
    const capture = JSON.parse(text.split('\n')[0]!) as { replies: { command: number; problem: null; overlapping: number[]; fields: { n: number; measurable: boolean }[] }[]; notPlaced: number[] }
    // the maker's sections send 01 and 02
    expect(capture.replies.map((r) => [r.command, r.problem])).toEqual([
      [1, null],
      [2, null],
    ])
    expect(capture.notPlaced).toHaveLength(120)
    expect(capture.replies[0]!.fields.filter((f) => f.measurable).map((f) => f.n)).toEqual([1])
    expect(capture.replies[0]!.overlapping.length).toBeGreaterThan(0)
    const human = await run({ port: ups.path, ini: SEED_PATH }, core)
    expect(human.text).toContain('120 values of these commands have no place of their own in the file and are not read as measurements: cmd-2–cmd-121')
    expect(human.text).toContain('a placeholder, not their real places')
  })

  it('a line fault keeps what came and exits 3; a command the file does not read, or no --after without a terminal, exits 2', async () => {
    const { ups, core } = await setup()
    ups.sim.setLineFault('shortAnswer')
    const short = await run({ port: ups.path, ini: CORRECTED_PATH, command: '0x06' }, core)
    expect(short.code).toBe(EXIT.error)
    expect(short.text).toMatch(/^Command 06: 15 bytes at .*: the reply began but did not end within 500 ms$/m)
    expect(short.text).toContain('Not every command got a whole reply in time')
    await expect(run({ port: ups.path, ini: CORRECTED_PATH, command: '05' }, core)).rejects.toMatchObject({ code: 'upsCaptureUnknownCommand' })
    await expect(run({ port: ups.path, ini: CORRECTED_PATH, command: 'zz' }, core)).rejects.toThrow('--command zz is not a command byte')
    await expect(run({ port: ups.path, ini: CORRECTED_PATH, again: true }, core)).rejects.toThrow('--again without a terminal needs --after S')
  })
})

describe.runIf(process.platform === 'linux' && existsSync(CLI))('fieldbench ups inspect against fieldbench sim ups', () => {
  function startSim(args: string[] = []): Promise<string> {
    const child = spawn(process.execPath, [CLI, 'sim', 'ups', '--json', ...args], { env: env('en'), stdio: ['ignore', 'pipe', 'pipe'] })
    cleanups.push(() => void (child.exitCode === null && child.kill('SIGTERM')))
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
  const cli = (args: string[], lang = 'en') => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: env(lang), timeout: 60_000 })

  it('prints each command’s reply as a hex dump with the values over it, in Polish; no answer exits 3; a bad option exits 2', { timeout: 90_000 }, async () => {
    const port = await startSim()
    const pl = cli(['ups', 'inspect', '--port', port, '--ini', CORRECTED_PATH], 'pl')
    expect(pl.status, pl.stderr).toBe(0)
    expect(pl.stdout).toMatch(/^Polecenie 01: 122 bajty o /m)
    expect(pl.stdout).toMatch(/^Polecenie 06: 30 bajtów o /m)
    expect(pl.stdout).toContain('Żadne dwie wartości nie odczytują tego samego bajtu.')
    expect(cli(['ups', 'inspect', '--port', port, '--ini', CORRECTED_PATH, '--command', '1x']).status).toBe(2)
    const silent = await startSim(['--line-fault', 'noAnswer'])
    const none = cli(['ups', 'inspect', '--port', silent, '--ini', CORRECTED_PATH, '--command', '02'])
    expect(none.status).toBe(3)
    expect(none.stdout).toMatch(/^Command 02: 0 bytes at .*: no answer within \d+ ms$/m)
  })
})
