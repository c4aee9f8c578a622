/**
 * Capturing replies for the answer inspector: against the simulator over a
 * pseudo-terminal pair on a virtual clock (every line fault keeps what did
 * arrive), and through a demo-mode core's dispatch (the editor's document,
 * the port refused while the monitor holds it).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type UpsCapture, type UpsMonitorView, type UpsProtocolDocument } from '@shared/contract'
import { changedBytes, changedFields, overlay, parseHexDump } from '@shared/devices/ups/inspect'
import { VirtualClock } from '../../core/clock'
import { invoke as call, invokeValue as value, testCore } from '../../core/test-core'
import { LineTally } from '../../transport/serial/line-tally'
import { captureFromPort } from './capture'
import { defaultFraming } from './framing'
import { type PtyUps, startPtyUps } from './harness'
import { shippedProtocol } from './shipped'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function ptyUps(): Promise<{ ups: PtyUps; clock: VirtualClock }> {
  const tally = new LineTally()
  const clock = new VirtualClock(undefined, true, tally.underWay)
  const ups = await startPtyUps({ clock }, { tally })
  cleanups.push(() => ups.close())
  return { ups, clock }
}

const SHAPE = { prefixLength: 1, terminator: Uint8Array.of(0x0d), data: 'ascii-hex', byteOrder: 'big' } as const
const bytesOf = (hex: string): Uint8Array => {
  const parsed = parseHexDump(hex)
  if (!parsed.ok) throw new Error(`not hex: ${hex}`)
  return parsed.bytes
}

describe('capture against the simulator over a pseudo-terminal pair', () => {
  it('sends each command of the file once and keeps each whole frame with its time; a mains cut moves the mains values', async () => {
    const { ups, clock } = await ptyUps()
    const before = await captureFromPort(ups.ports, ups.path, defaultFraming, [1, 2, 6], clock)
    expect(before.replies.map((r) => [r.command, r.problem])).toEqual([
      [1, null],
      [2, null],
      [6, null],
    ])
    // '~', 120 ASCII hex digits, CR: the frame as it came on the line
    const first = before.replies[0]!
    expect(first.hex).toMatch(/^7E(3[0-9]|4[1-6]){120}0D$/)
    expect(first.junkHex).toBe('')
    expect(first.at).toBeLessThanOrEqual(clock.now())
    expect(ups.sim.state().running).toBe(true)

    ups.sim.setMains(false)
    const after = await captureFromPort(ups.ports, ups.path, defaultFraming, [1], clock)
    const a = bytesOf(first.hex)
    const b = bytesOf(after.replies[0]!.hex)
    const changed = changedBytes(a, b)
    expect(changed.length).toBeGreaterThan(0)
    // mains input phase R voltage (cmd-1) reads the first bytes of 0x01's data
    expect(changedFields(overlay(shippedProtocol().values, { command: 1, bytes: a }, SHAPE), changed)).toContain(1)
    expect(after.replies[0]!.at).toBeGreaterThanOrEqual(first.at)
  })

  it('line faults: no answer, half a frame, garbage and a wrong length each said, with every byte that came kept', async () => {
    const { ups, clock } = await ptyUps()
    const whole = (await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!

    ups.sim.setLineFault('noAnswer')
    const silent = (await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!
    expect(silent).toMatchObject({ command: 6, hex: '', problem: 'noAnswer', waitedMs: defaultFraming.reply.timeoutMs })

    ups.sim.setLineFault('shortAnswer')
    const short = (await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!
    expect(short.problem).toBe('cutShort')
    // the first half of the frame the UPS means to send, from its prefix on, and no terminator
    expect(short.hex).toMatch(/^7E/)
    expect(bytesOf(short.hex)).toHaveLength(Math.floor(bytesOf(whole.hex).length / 2))

    ups.sim.setLineFault('garbage')
    const garbage = (await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!
    expect(garbage.problem).toBe('garbage')
    expect(bytesOf(garbage.hex)).toHaveLength(24)

    ups.sim.setLineFault('wrongLength')
    const long = (await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!
    expect(long.problem).toBe('wrongLength')
    expect(bytesOf(long.hex)).toHaveLength(bytesOf(whole.hex).length + 4)

    // the port is let go after each capture: the line works again once the fault is gone
    ups.sim.setLineFault('none')
    expect((await captureFromPort(ups.ports, ups.path, defaultFraming, [6], clock)).replies[0]!.problem).toBeNull()
  })
})


describe('upsFilesCapture in a demo-mode core', () => {
  it('captures the commands of the document as edited; refused in words while the monitor holds the port, and for a command the file does not read', { timeout: 30_000 }, async () => {
    const made = await testCore({ demo: true, languages: ['en'] })
    cleanups.push(made.cleanup)
    const core = made.core
    const doc = await value<UpsProtocolDocument>(core, 'upsFilesOpenBundled', { which: 'corrected' })
    const input = { docId: doc.docId, path: 'sim:ups', framing: doc.framing }

    const all = await value<UpsCapture>(core, 'upsFilesCapture', input)
    expect(all.replies.map((r) => [r.command, r.problem])).toEqual([
      [1, null],
      [2, null],
      [6, null],
    ])
    const one = await value<UpsCapture>(core, 'upsFilesCapture', { ...input, command: 2 })
    expect(one.replies.map((r) => r.command)).toEqual([2])
    // the edit moves every 0x06 value to 0x02: 0x06 is no longer the file's to send
    const moved = await call(core, 'upsFilesCapture', { ...input, command: 6, edits: doc.text.match(/\[cmd-\d+\][^[]*SendCmd=06/g)!.map((s) => ({ section: s.slice(1, s.indexOf(']')), key: 'SendCmd', value: '02' })) })
    expect(moved).toMatchObject({ ok: false, error: { code: 'upsCaptureUnknownCommand', params: { command: '06', known: '01, 02' } } })
    const badFraming = await call(core, 'upsFilesCapture', { ...input, framing: { ...doc.framing, line: { ...doc.framing.line, baud: 12 } } })
    expect(badFraming).toMatchObject({ ok: false, error: { code: 'upsFramingInvalid', params: { field: 'line.baud' } } })

    await value<UpsMonitorView>(core, 'upsMonitorStart', { path: 'sim:ups', intervalMs: 1000 })
    const busy = await call(core, 'upsFilesCapture', input)
    expect(busy).toMatchObject({ ok: false, error: { code: 'portBusy', params: { owner: 'upsMonitor' } } })
    // the monitor keeps its port: the refusal changed nothing
    expect((await value<UpsMonitorView>(core, 'upsMonitorState')).running).toBe(true)
    await value(core, 'upsMonitorStop')
    expect((await value<UpsCapture>(core, 'upsFilesCapture', input)).replies).toHaveLength(3)
  })
})
