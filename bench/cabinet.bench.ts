/**
 * Battery-swap cabinet figures: the frame reader on a noisy stream, a command's
 * round trip over a pseudo-terminal pair, and a complete automated factory
 * test against the simulator.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { CABINET_SERIAL, type CabinetRun, type JobUpdate } from '@shared/contract'
import { CabinetClient } from '../src/main/devices/cabinet/client'
import { asciiBytes } from '../src/main/devices/cabinet/codec'
import { startPtyCabinet } from '../src/main/devices/cabinet/harness'
import { defaultProfile } from '../src/main/devices/cabinet/profile'
import { CabinetFrameReader } from '../src/main/devices/cabinet/reader'
import { SEED_FRAMES } from '../src/main/devices/cabinet/seed-frames'
import { CabinetSimulator } from '../src/main/devices/cabinet/simulator'
import { CabinetTestJob } from '../src/main/devices/cabinet/cabinet-test'
import { lcg32 } from '../src/main/core/seeded-random'
import { MemoryLogger } from '../src/main/log/logger'
import { Redactor } from '../src/main/log/redact'
import { RecordStore } from '../src/main/store/records'
import { PortManager } from '../src/main/transport/serial/manager'
import { MemoryLinkPair } from '../src/main/transport/serial/memory-link'
import { type Figure, percentile, recordFigures } from './lib'

const BAUD = 115200
/** 10 bits a byte on the wire (start, 8 data, stop): what 115200 baud carries */
const LINE_BYTES_PER_S = BAUD / 10
/** a frame and its CR LF */
const FRAME_ON_WIRE = 26
const wireMs = (bytes: number) => (bytes * 10 * 1000) / BAUD

const figures: Figure[] = []
afterAll(() => recordFigures('cabinet', figures))

function noisyStream(frames: number, seed: number): { bytes: Uint8Array; frames: number } {
  const random = lcg32(seed)
  const next = () => random() >>> 8
  const parts: string[] = []
  for (let i = 0; i < frames; i++) {
    // 0–15 noise bytes (never c/s, which could begin a frame) and a delimiter of either kind, or none
    const noise = Array.from({ length: next() % 16 }, () => {
      const b = 0x21 + (next() % 90)
      return String.fromCharCode(b === 0x63 || b === 0x73 || b === 0x43 || b === 0x53 ? 0x7e : b)
    }).join('')
    parts.push(noise, SEED_FRAMES[i % SEED_FRAMES.length]!.text, ['\r\n', '', ';'][next() % 3]!)
  }
  return { bytes: asciiBytes(parts.join('')), frames }
}

describe('cabinet bench', () => {
  it('decoder throughput on a noisy stream, against what 115200 baud can carry', () => {
    const { bytes, frames } = noisyStream(50_000, 7)
    const CHUNK = 64
    const runs: number[] = []
    let decoded = 0
    for (let run = 0; run < 7; run++) {
      const reader = new CabinetFrameReader()
      const start = performance.now()
      for (let at = 0; at < bytes.length; at += CHUNK) reader.push(bytes.subarray(at, at + CHUNK))
      runs.push(performance.now() - start)
      decoded = reader.stats.frames
    }
    expect(decoded).toBe(frames)
    const ms = percentile(runs, 50)
    const bytesPerS = bytes.length / (ms / 1000)
    figures.push(
      { name: 'decoder, noisy stream in 64-byte chunks', value: frames / (ms / 1000), unit: 'frames/s', note: `${frames} frames, ${(bytes.length / 1e6).toFixed(2)} MB, median of 7` },
      {
        name: 'decoder throughput',
        value: bytesPerS / 1e6,
        unit: 'MB/s',
        target: `≥ ${LINE_BYTES_PER_S} B/s (115200 baud)`,
        met: bytesPerS >= LINE_BYTES_PER_S,
        note: `${Math.round(bytesPerS / LINE_BYTES_PER_S)}× the line`,
      },
    )
  })

  it('command round trip over a pseudo-terminal pair, against the wire time of the two frames', async () => {
    const cab = await startPtyCabinet()
    const session = await cab.ports.open(cab.path, CABINET_SERIAL, 'bench')
    const client = new CabinetClient(session)
    const rtts: number[] = []
    for (let i = 0; i < 600; i++) rtts.push((await client.command({ kind: 'readCurrent', channel: 1 + (i % 9) })).roundTripMs)
    client.dispose()
    await cab.close()

    // the same exchange over an in-process line paced like a 115200-baud UART
    const pair = new MemoryLinkPair('bench', { baudRate: BAUD })
    const sim = new CabinetSimulator()
    sim.attach(pair.device)
    const ports = new PortManager({
      lister: { list: async () => [] },
      opener: { open: async () => pair.host },
      log: new MemoryLogger(),
      pathExists: () => true,
    })
    const paced = new CabinetClient(await ports.open('paced', CABINET_SERIAL, 'bench'))
    const pacedRtts: number[] = []
    for (let i = 0; i < 200; i++) pacedRtts.push((await paced.command({ kind: 'readVoltage' })).roundTripMs)
    paced.dispose()
    await ports.stop()
    await sim.dispose()

    const wire = wireMs(2 * FRAME_ON_WIRE)
    figures.push(
      { name: 'round trip over a pty pair, p50', value: percentile(rtts, 50), unit: 'ms', note: `wire time of the two frames at 115200 baud: ${wire.toFixed(2)} ms (a pty does not pace bytes)` },
      { name: 'round trip over a pty pair, p99', value: percentile(rtts, 99), unit: 'ms', target: `< ${wire.toFixed(2)} ms + 5 ms`, met: percentile(rtts, 99) < wire + 5 },
      {
        name: 'round trip on a line paced at 115200 baud (in-process), p50',
        value: percentile(pacedRtts, 50),
        unit: 'ms',
        note: `wire time ${wire.toFixed(2)} ms; the in-process pacing has the 1 ms resolution of timers`,
      },
      { name: 'round trip on a line paced at 115200 baud (in-process), p99', value: percentile(pacedRtts, 99), unit: 'ms' },
    )
  })

  it('a complete automated factory test against the simulator', async () => {
    const cab = await startPtyCabinet()
    const records = new RecordStore(':memory:', new Redactor())
    let waitingSince: number | null = null
    let operatorMs = 0
    let last: CabinetRun | null = null
    let job: CabinetTestJob | null = null
    const deps = {
      records,
      ports: cab.ports,
      log: new MemoryLogger(),
      emit: (_update: JobUpdate) => undefined,
      cabinetEvents: {
        samples: () => undefined,
        run: (run: CabinetRun) => {
          last = run
          const now = performance.now()
          if (run.awaiting && waitingSince === null) waitingSince = now
          if (!run.awaiting && waitingSince !== null) {
            operatorMs += now - waitingSince
            waitingSince = null
          }
          // the operator answers at once; the doors are pushed shut as soon as they are asked for
          const awaiting = run.awaiting
          if (!awaiting || !job) return
          const current = job
          setImmediate(() => {
            if (awaiting.what === 'doors') awaiting.slots.forEach((slot) => cab.sim.pushDoor(slot))
            else {
              try {
                current.confirm(awaiting.what, true)
              } catch {
                // answered already
              }
            }
          })
        },
      },
    }
    const started = performance.now()
    job = await CabinetTestJob.create(deps, { path: cab.path, serial: 'BENCH-1', operator: 'bench', profile: defaultProfile })
    await job.run()
    const wall = performance.now() - started
    const record = records.get(job.recordId)
    const verdicts = record.steps.flatMap((s) => s.measurements).filter((m) => m.verdict === 'pass' || m.verdict === 'fail').length
    const framesSent = (last as CabinetRun | null)?.link.framesTx ?? 0
    records.close()
    await cab.close()
    expect(record.verdict).toBe('pass')
    const timing = defaultProfile.timing
    figures.push(
      {
        name: 'factory test, wall time without operator waits',
        value: (wall - operatorMs) / 1000,
        unit: 's',
        target: '< 10 s',
        met: wall - operatorMs < 10_000,
        note: `default profile (${timing.samples} rounds of channels 1–9, ${timing.sampleIntervalMs} ms apart); operator waits ${(operatorMs / 1000).toFixed(2)} s left out`,
      },
      { name: 'factory test, frames sent per verdict', value: framesSent / verdicts, unit: 'frames', note: `${framesSent} frames for ${verdicts} measured verdicts in ${record.steps.length} steps` },
    )
  })
})
