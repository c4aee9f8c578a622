import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirtualClock } from '../../core/clock'
import type { CoreOptions } from '../../core/core'
import { type PtyCabinet, startPtyCabinet } from '../../devices/cabinet/harness'
import { LineTally } from '../../transport/serial/line-tally'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createOut, EXIT, exitCodeFor, UsageError } from '../output'
import { cabinetSendCommand, cabinetTestCommand, cabinetWatchCommand } from './cabinet'
import { cabinetShiftCommand } from './cabinet-shift'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/**
 * A simulated cabinet on a pty pair, and what the command's core is made
 * with: the simulator's virtual clock, which jumps only when the line is
 * quiet, and the line's counted opener. Settle times, sample rounds and door
 * waits of the default profile cost no real time.
 */
async function setup(options: Parameters<typeof startPtyCabinet>[0] = {}): Promise<{ cab: PtyCabinet; dir: string; core: CoreOptions }> {
  const tally = new LineTally()
  const clock = new VirtualClock(undefined, true, tally.underWay)
  const cab = await startPtyCabinet({ switchStepMs: 5, autoCloseDoorsMs: 20, clock, ...options }, { tally })
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-'))
  cleanups.push(async () => {
    await cab.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { cab, dir, core: { clock, opener: tally.opener(new NodeSerialOpener()) } }
}

describe('fieldbench cabinet', () => {
  it('test: confirmations by flag, doors by their reports; exit 0 on PASS with the record as JSON', async () => {
    const { cab, dir, core } = await setup()
    const out = await createOut(true, 'en')
    const report = join(dir, 'report.json')
    const code = await cabinetTestCommand(out, { port: cab.path, serial: 'CLI-1', operator: 'bench', confirmSafety: true, airflow: 'ok', report, dataDir: join(dir, 'data') }, core)
    expect(code).toBe(EXIT.ok)
    const exported = JSON.parse(readFileSync(report, 'utf8')) as { record: { verdict: string; deviceSerial: string; exchanges: unknown[] } }
    expect(exported.record).toMatchObject({ verdict: 'pass', deviceSerial: 'CLI-1' })
    expect(exported.record.exchanges.length).toBeGreaterThan(100)
  })

  it('test: exit 1 on FAIL (a dead channel)', async () => {
    const { cab, dir, core } = await setup({ faults: { deadChannels: [6] } })
    const out = await createOut(true, 'en')
    expect(await cabinetTestCommand(out, { port: cab.path, confirmSafety: true, airflow: 'ok', dataDir: join(dir, 'data') }, core)).toBe(EXIT.fail)
  })

  it('test: Ctrl-C suspends it, and the closing line says so and how to resume it', async () => {
    const { cab, dir, core } = await setup({ autoCloseDoorsMs: null })
    const printed: string[] = []
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0)
    let interrupted = false
    // the person presses Ctrl-C once the locks have opened and the test waits for the doors
    const off = cab.sim.onChange((state) => {
      if (interrupted || !state.locks.some((lock) => lock.open)) return
      interrupted = true
      process.emit('SIGINT')
    })
    try {
      const out = await createOut(false, 'en')
      expect(await cabinetTestCommand(out, { port: cab.path, confirmSafety: true, airflow: 'ok', dataDir: join(dir, 'data') }, core)).toBe(EXIT.error)
    } finally {
      off()
      write.mockRestore()
    }
    const closing = printed.join('').trimEnd().split('\n').at(-1)!
    expect(closing).toMatch(/^Suspended, not finished: record (\d+) stays in progress\. Resume it with: fieldbench records resume \1$/)
    expect(printed.join('')).not.toContain('No verdict')
  })

  it('test: without a terminal to ask at, refuses to start unless the safety warning is confirmed by flag', async () => {
    const { cab, dir } = await setup()
    const out = await createOut(true, 'en')
    await expect(cabinetTestCommand(out, { port: cab.path, confirmSafety: false, airflow: 'ok', dataDir: join(dir, 'data') })).rejects.toBeInstanceOf(UsageError)
    expect(cab.sim.received).toEqual([])
  })

  it("shift: today's tests as one CSV file, in the language asked for; a time that is not HH:MM is refused by name", async () => {
    const { cab, dir, core } = await setup()
    const data = join(dir, 'data')
    const out = await createOut(true, 'zh')
    expect(await cabinetTestCommand(out, { port: cab.path, serial: 'SHIFT-1', operator: 'bench', confirmSafety: true, airflow: 'ok', dataDir: data }, core)).toBe(EXIT.ok)
    const csv = join(dir, 'shift.csv')
    // today is the day of the core's clock, the one the record was written by
    expect(await cabinetShiftCommand(out, { out: csv, dataDir: data }, core)).toBe(EXIT.ok)
    const lines = readFileSync(csv, 'utf8').split('\r\n').filter(Boolean)
    expect(lines[0]).toContain('换电柜序列号')
    expect(lines[0]).toContain('第 6 路电流 (A)')
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 3))).toEqual([['SHIFT-1', 'bench']])
    await expect(cabinetShiftCommand(out, { start: '6:00', dataDir: data })).rejects.toThrow(/^--start: /)
  })

  it('send: a command by name or a raw frame, answered and decoded', async () => {
    const { cab, dir } = await setup()
    const out = await createOut(true, 'en')
    expect(await cabinetSendCommand(out, { port: cab.path, words: ['open-lock', '2'], dataDir: join(dir, 'data') })).toBe(EXIT.ok)
    expect(await cabinetSendCommand(out, { port: cab.path, words: ['comm,01,01103400000000'], dataDir: join(dir, 'data') })).toBe(EXIT.ok)
    expect(cab.sim.received.map((f) => f.modeId)).toEqual([0x1011, 0x1034])
  })

  it('send: a raw frame that would be refused is refused (exit 2) before the data folder or the port is touched', async () => {
    const { cab, dir } = await setup()
    const out = await createOut(true, 'en')
    const dataDir = join(dir, 'data')
    const wrongCrc = cabinetSendCommand(out, { port: cab.path, words: ['comm,01,01103400000000FE'], dataDir })
    await expect(wrongCrc).rejects.toThrow(/^The frame's CRC is wrong; it should end in [0-9A-F]{2}\./)
    await expect(wrongCrc).rejects.toSatisfy((err) => exitCodeFor(err) === EXIT.usage)
    // a port that is not there would fail to open: the frame is what is refused, first
    await expect(cabinetSendCommand(out, { port: join(dir, 'no-such-port'), words: ['comm,01,0110'], dataDir })).rejects.toThrow('That is not a cabinet frame.')
    expect(existsSync(dataDir)).toBe(false)
    expect(cab.sim.received).toEqual([])
  })

  it('watch --poll: reads every measurement once per interval on the core clock, and Ctrl-C ends it', async () => {
    const { cab, dir, core } = await setup()
    const clock = core.clock as VirtualClock
    const started = clock.now()
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const watching = cabinetWatchCommand(await createOut(true, 'en'), { port: cab.path, poll: 60_000, dataDir: join(dir, 'data') }, core)
      // 14 reads a round: nine currents, voltage, power, energy, two temperatures
      await expect.poll(() => cab.sim.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3 * 14)
      process.emit('SIGINT')
      expect(await watching).toBe(EXIT.ok)
    } finally {
      write.mockRestore()
    }
    const rounds = Math.ceil(cab.sim.received.length / 14)
    // a minute of the core's clock between rounds, and none of it real
    expect(clock.now() - started).toBeGreaterThanOrEqual((rounds - 1) * 60_000)
    expect(clock.now() - started).toBeLessThan(rounds * 60_000 + 10_000)
  })
})
