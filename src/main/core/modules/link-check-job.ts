import { AppError, type DeviceKey, LinkCheckSteps, type Measurement, serialPortKey, type Verdict } from '@shared/contract'
import { type LinkCheckInput, type LinkCheckStart, LinkCheckStartSchema } from '@shared/contract/schemas'
import { toHex } from '@shared/hex'
import type { Clock } from '../clock'
import { lcg32 } from '../seeded-random'
import type { PortManager } from '../../transport/serial/manager'
import type { PortSession } from '../../transport/serial/session'
import { z } from 'zod'
import { type JobDeps, readCheckpoint, RecordedJob, type StepOutcome } from '../../flows/recorded-job'

export interface LinkCheckDeps extends JobDeps {
  ports: PortManager
}

/** What a link check needs to be picked up again: what it was started with. */
const LinkCheckCheckpoint = z.object({ input: LinkCheckStartSchema })

/** Byte patterns that catch the usual faults: a stuck data line, wrong parity/bits, a dropped byte, inverted levels. */
export const ECHO_PATTERNS: { key: string; bytes: Uint8Array }[] = [
  { key: 'alternating', bytes: new Uint8Array(16).map((_, i) => (i % 2 ? 0xaa : 0x55)) },
  { key: 'allBytes', bytes: new Uint8Array(256).map((_, i) => i) },
  { key: 'ascii', bytes: new TextEncoder().encode('FIELDBENCH LOOPBACK 0123456789\r\n') },
  { key: 'zeros', bytes: new Uint8Array(32) },
  { key: 'ones', bytes: new Uint8Array(32).fill(0xff) },
]
export const THROUGHPUT_BYTES = 4096
/** the effective echo rate must reach this share of what the baud rate can carry */
export const THROUGHPUT_MIN_RATIO = 0.7

/** 10 bits per byte on the wire (start, 8 data, stop) */
export const wireMs = (bytes: number, baudRate: number) => (bytes * 10 * 1000) / baudRate

interface EchoResult {
  received: Uint8Array
  elapsedMs: number
  error: 'timeout' | 'portDisconnected' | null
}

/**
 * Writes `bytes` and collects what comes back until as many bytes have
 * arrived, the line goes idle after the first byte (a lost byte never comes),
 * the overall time is up, or the job is cancelled.
 */
export function echo(clock: Clock, session: PortSession, bytes: Uint8Array, timeoutMs: number, baudRate: number, signal?: AbortSignal): Promise<EchoResult> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = []
    let count = 0
    let cancelIdle: (() => void) | null = null
    const idleMs = Math.max(150, wireMs(32, baudRate))
    const started = clock.now()
    const done = (error: EchoResult['error']) => {
      cancelOverall()
      cancelIdle?.()
      offData()
      offState()
      signal?.removeEventListener('abort', onAbort)
      const received = new Uint8Array(count)
      let at = 0
      for (const p of parts) {
        received.set(p, at)
        at += p.length
      }
      resolve({ received, elapsedMs: clock.now() - started, error })
    }
    const onAbort = () => done('timeout')
    const offData = session.onData((chunk) => {
      parts.push(chunk)
      count += chunk.length
      if (count >= bytes.length) return done(null)
      cancelIdle?.()
      cancelIdle = clock.timer(idleMs, () => done('timeout'))
    })
    const offState = session.onState((state) => {
      if (state !== 'reconnected') done('portDisconnected')
    })
    const cancelOverall = clock.timer(timeoutMs, () => done('timeout'))
    signal?.addEventListener('abort', onAbort, { once: true })
    session.write(bytes).catch(() => done('portDisconnected'))
  })
}

/**
 * Reads and discards whatever is already arriving (echoes of an earlier,
 * interrupted run; bytes a driver kept) until the line has been quiet for
 * `quietMs`, so the first pattern is not judged on someone else's bytes.
 */
export function drainInput(clock: Clock, session: PortSession, quietMs: number, maxMs: number, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    let discarded = 0
    let cancelQuiet = clock.timer(quietMs, () => finish())
    const cancelCap = clock.timer(maxMs, () => finish())
    const off = session.onData((chunk) => {
      discarded += chunk.length
      cancelQuiet()
      cancelQuiet = clock.timer(quietMs, () => finish())
    })
    const finish = () => {
      cancelQuiet()
      cancelCap()
      off()
      signal?.removeEventListener('abort', finish)
      resolve(discarded)
    }
    signal?.addEventListener('abort', finish, { once: true })
  })
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}

/** A deterministic pseudo-random block (LCG), so a failing run can be reproduced byte for byte. */
export function testBlock(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length)
  const next = lcg32(seed)
  for (let i = 0; i < length; i++) out[i] = next() >>> 24
  return out
}

/**
 * Serial link check with a loopback plug: opens the port, echoes byte
 * patterns, measures the sustained echo rate against the baud rate, closes.
 * An unplug pauses the job until the same port is back, then the interrupted
 * step runs again.
 */
export class LinkCheckJob extends RecordedJob {
  readonly type = 'linkCheck' as const
  readonly stepKeys = LinkCheckSteps

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return serialPortKey(this.input.path)
  }
  private session: PortSession | null = null
  private readonly owner: string

  constructor(
    protected override readonly deps: LinkCheckDeps,
    recordId: number,
    private readonly input: LinkCheckInput,
  ) {
    super(deps, recordId)
    this.owner = `linkCheck#${recordId}`
  }

  static create(deps: LinkCheckDeps, raw: LinkCheckStart): LinkCheckJob {
    const input = LinkCheckStartSchema.parse(raw)
    const record = deps.records.create({
      jobType: 'linkCheck',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceSerial: input.adapterLabel,
      deviceIds: { port: input.path },
      meta: { baudRate: input.baudRate },
    })
    const job = new LinkCheckJob(deps, record.id, input)
    job.writeCheckpoint(LinkCheckCheckpoint, { input })
    return job
  }

  /** Picks up an interrupted record: finished steps are kept, the rest run again. */
  static resume(deps: LinkCheckDeps, recordId: number): LinkCheckJob {
    const { input } = readCheckpoint(deps.records, recordId, LinkCheckCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    const job = new LinkCheckJob(deps, recordId, input)
    for (const step of deps.records.get(recordId, 0).steps) {
      if (step.status === 'done' && step.key !== 'open' && step.key !== 'close') {
        job.stepStates.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
      }
    }
    return job
  }

  protected async execute(): Promise<Verdict> {
    const opened = await this.step('open', { path: this.input.path, baudRate: this.input.baudRate }, () => this.open())
    if (opened.verdict === 'fail') return 'fail'
    for (const key of ['echo', 'throughput'] as const) {
      if (this.stepStates.get(key)?.verdict) continue
      await this.untilDone(key, key === 'echo' ? (id) => this.echoPatterns(id) : (id) => this.throughput(id))
    }
    await this.step('close', {}, async () => {
      await this.deps.ports.close(this.input.path, this.owner)
      this.session = null
      return { verdict: 'pass' }
    })
    return this.overallVerdict()
  }

  protected override async release(): Promise<void> {
    if (this.session) await this.deps.ports.close(this.input.path, this.owner).catch(() => undefined)
  }

  /** Runs a step; when the cable is pulled during it, waits for the port to return and runs it again. */
  private async untilDone(key: string, body: (stepId: number) => Promise<StepOutcome>): Promise<void> {
    for (;;) {
      const outcome = await this.step(key, {}, body, { deviceEvidence: true })
      if (outcome.note !== 'portDisconnected') return
      this.setPhase({ phase: 'paused', step: key, reason: 'portDisconnected' })
      await this.reconnected(key)
    }
  }

  /** Waits for the same port to come back; another device on its path keeps the job paused, and the record says so. */
  private async reconnected(key: string): Promise<void> {
    const session = this.requireSession()
    const off = session.onState((state, change) => {
      if (state !== 'differentDevice') return
      this.exchange(null, { direction: 'event', channel: `serial:${this.input.path}`, data: change ?? '', summary: 'portDifferentDevice' })
      this.setPhase({ phase: 'paused', step: key, reason: 'portDifferentDevice' })
    })
    try {
      await session.whenOpen(this.signal)
    } finally {
      off()
    }
  }

  private async open(): Promise<StepOutcome> {
    this.session = await this.deps.ports.open(this.input.path, { baudRate: this.input.baudRate, dataBits: 8, parity: 'none', stopBits: 1 }, this.owner)
    const port = (await this.deps.ports.list()).find((p) => p.path === this.input.path)
    if (port?.serialNumber || port?.vendorId) {
      this.deps.records.update(this.recordId, {
        deviceIds: {
          port: this.input.path,
          ...(port.vendorId ? { usb: `${port.vendorId}:${port.productId ?? ''}` } : {}),
          ...(port.serialNumber ? { usbSerial: port.serialNumber } : {}),
        },
      })
    }
    return { verdict: 'pass' }
  }

  private async echoPatterns(stepId: number): Promise<StepOutcome> {
    const session = this.requireSession()
    const channel = `serial:${this.input.path}`
    const measurements: Measurement[] = []
    let failed = 0
    const times: number[] = []
    const stale = await drainInput(this.time, session, Math.max(100, wireMs(16, this.input.baudRate)), 2000, this.signal)
    if (stale) measurements.push({ key: 'staleBytesDiscarded', value: stale, unit: 'B' })
    for (const pattern of ECHO_PATTERNS) {
      this.throwIfCancelled()
      const timeout = wireMs(pattern.bytes.length, this.input.baudRate) * 2 + 1000
      const result = await echo(this.time, session, pattern.bytes, timeout, this.input.baudRate, this.signal)
      this.throwIfCancelled()
      this.exchange(stepId, { direction: 'tx', channel, data: toHex(pattern.bytes), summary: pattern.key })
      this.exchange(stepId, { direction: 'rx', channel, data: toHex(result.received), summary: pattern.key })
      if (result.error === 'portDisconnected') return { verdict: 'fail', note: 'portDisconnected', measurements }
      const diff = firstDifference(pattern.bytes, result.received.subarray(0, pattern.bytes.length))
      const ok = result.error === null && diff === -1
      if (!ok) failed++
      else times.push(result.elapsedMs)
      // bytes that came back intact before the first difference: the pattern's length when it passed
      const intact = diff === -1 ? pattern.bytes.length : diff
      measurements.push({
        key: `pattern${pattern.key[0]!.toUpperCase()}${pattern.key.slice(1)}`,
        value: intact,
        unit: 'B',
        min: pattern.bytes.length,
        max: pattern.bytes.length,
        verdict: ok ? 'pass' : 'fail',
      })
    }
    if (times.length) {
      times.sort((a, b) => a - b)
      measurements.push({ key: 'roundTripMedian', value: round(times[Math.floor(times.length / 2)]!), unit: 'ms' })
    }
    measurements.push({ key: 'patternsPassed', value: ECHO_PATTERNS.length - failed, min: ECHO_PATTERNS.length, max: ECHO_PATTERNS.length })
    return { verdict: failed ? 'fail' : 'pass', measurements, note: failed ? 'echoMismatch' : null }
  }

  private async throughput(stepId: number): Promise<StepOutcome> {
    const session = this.requireSession()
    const block = testBlock(THROUGHPUT_BYTES)
    const nominal = this.input.baudRate / 10
    const result = await echo(this.time, session, block, wireMs(block.length, this.input.baudRate) * 3 + 2000, this.input.baudRate, this.signal)
    this.throwIfCancelled()
    this.exchange(stepId, { direction: 'tx', channel: `serial:${this.input.path}`, data: toHex(block), summary: 'block' })
    this.exchange(stepId, { direction: 'rx', channel: `serial:${this.input.path}`, data: toHex(result.received), summary: 'block' })
    if (result.error === 'portDisconnected') return { verdict: 'fail', note: 'portDisconnected' }
    const intact = result.error === null && firstDifference(block, result.received.subarray(0, block.length)) === -1
    const rate = result.received.length / (result.elapsedMs / 1000)
    const rateOk = rate >= nominal * THROUGHPUT_MIN_RATIO
    return {
      verdict: intact && rateOk ? 'pass' : 'fail',
      note: !intact ? (result.error === 'timeout' ? 'timeout' : 'echoMismatch') : rateOk ? null : 'throughputLow',
      measurements: [
        { key: 'bytesEchoed', value: result.received.length, min: block.length, unit: 'B' },
        { key: 'echoRate', value: round(rate), min: round(nominal * THROUGHPUT_MIN_RATIO), unit: 'B/s', verdict: rateOk ? 'pass' : 'fail' },
        { key: 'nominalRate', value: round(nominal), unit: 'B/s' },
      ],
    }
  }

  private requireSession(): PortSession {
    if (!this.session) throw new AppError('portNotOpen', { path: this.input.path })
    return this.session
  }
}

const round = (n: number) => Math.round(n * 10) / 10
