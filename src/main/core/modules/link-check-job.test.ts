import { mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobUpdate, LinkCheckStart } from '@shared/contract'
import { VirtualClock } from '../clock'
import { createLoopbackPlug, type LoopbackFault } from '../../devices/loopback/simulator'
import { MemoryLogger } from '../../log/logger'
import { Redactor } from '../../log/redact'
import type { SerialSimulator } from '../../simulators/registry'
import { RecordStore } from '../../store/records'
import type { SerialLink } from '../../transport/serial/link'
import { LineTally } from '../../transport/serial/line-tally'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createPtyPair, type PtyPair } from '../../transport/serial/pty-pair'
import { SERIAL_8N1, testManager } from '../../transport/serial/test-support'
import { LinkCheckJob, THROUGHPUT_BYTES } from './link-check-job'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/**
 * Every line in a test goes through one tally, and the jobs run on a virtual
 * clock that jumps only when no byte is on its way through socat: timeouts,
 * idle limits and the drain before the first pattern cost no real time.
 */
let tally = new LineTally()
let clock = new VirtualClock(undefined, true, tally.underWay)
afterEach(() => {
  tally = new LineTally()
  clock = new VirtualClock(undefined, true, tally.underWay)
})

/** A device on the far end of a real pseudo-terminal pair. */
async function deviceOn(pair: PtyPair, simulator: SerialSimulator): Promise<SerialLink> {
  const link = tally.link(await new NodeSerialOpener().open(pair.device, SERIAL_8N1), 'device')
  const detach = simulator.attach(link)
  cleanups.push(async () => {
    detach()
    await link.close()
  })
  return link
}

/** A device that never answers: a job waits in its first pattern until cancelled or suspended. */
const silentDevice: SerialSimulator = { kind: 'serial', attach: () => () => undefined, dispose: async () => {} }

function harness() {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-linkcheck-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const records = new RecordStore(join(dir, 'records.sqlite'), new Redactor())
  cleanups.push(() => records.close())
  const { manager, nextState } = testManager({ pollMs: 50, opener: tally.opener(new NodeSerialOpener()) })
  manager.start()
  cleanups.push(() => manager.stop())
  const updates: JobUpdate[] = []
  const phaseWaiters: { phase: string; step?: string; resolve: (u: JobUpdate) => void }[] = []
  const updateWaiters: { match: (u: JobUpdate) => boolean; resolve: (u: JobUpdate) => void }[] = []
  const deps = {
    records,
    ports: manager,
    log: new MemoryLogger(),
    clock,
    emit: (u: JobUpdate) => {
      updates.push(u)
      for (const w of [...updateWaiters]) {
        if (w.match(u)) {
          updateWaiters.splice(updateWaiters.indexOf(w), 1)
          w.resolve(u)
        }
      }
      for (const w of [...phaseWaiters]) {
        if (w.phase === u.phase.phase && (!w.step || ('step' in u.phase && u.phase.step === w.step))) {
          phaseWaiters.splice(phaseWaiters.indexOf(w), 1)
          w.resolve(u)
        }
      }
    },
  }
  const untilPhase = (phase: JobUpdate['phase']['phase'], step?: string) => new Promise<JobUpdate>((resolve) => phaseWaiters.push({ phase, step, resolve }))
  /** resolves with the next update that matches */
  const untilUpdate = (match: (u: JobUpdate) => boolean) => new Promise<JobUpdate>((resolve) => updateWaiters.push({ match, resolve }))
  return { dir, records, manager, deps, updates, untilPhase, untilUpdate, nextState }
}

/** A check on a fresh pair with `simulator` at the far end, run until it is in its echo step. */
async function inEchoStep(h: ReturnType<typeof harness>, simulator: SerialSimulator, start: Omit<LinkCheckStart, 'path'>) {
  const pair = await createPtyPair()
  cleanups.push(() => pair.close())
  const device = await deviceOn(pair, simulator)
  const job = LinkCheckJob.create(h.deps, { path: pair.app, ...start })
  const inEcho = h.untilPhase('running', 'echo')
  const running = job.run()
  await inEcho
  return { pair, device, job, running }
}

async function runCheck(fault?: LoopbackFault) {
  const h = harness()
  const pair = await createPtyPair()
  cleanups.push(() => pair.close())
  await deviceOn(pair, createLoopbackPlug(fault, { clock, baudRate: 115200 }))
  const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200, adapterLabel: 'FTDI-07', site: 'Bench 2', operator: 'Jan' })
  await job.run()
  return { ...h, job, record: h.records.get(job.recordId) }
}

describe('serial link check over a pseudo-terminal pair', () => {
  it('passes a good loopback and records every step with the bytes behind it', async () => {
    const { record, job } = await runCheck()
    expect(job.snapshot().phase).toEqual({ phase: 'finished', verdict: 'pass' })
    expect(record).toMatchObject({ status: 'completed', verdict: 'pass', deviceSerial: 'FTDI-07', site: 'Bench 2', operator: 'Jan' })
    expect(record.steps.map((s) => [s.key, s.verdict])).toEqual([
      ['open', 'pass'],
      ['echo', 'pass'],
      ['throughput', 'pass'],
      ['close', 'pass'],
    ])
    const echo = record.steps[1]!
    expect(echo.measurements.find((m) => m.key === 'patternAllBytes')).toMatchObject({ value: 256, min: 256, verdict: 'pass' })
    const tx = record.exchanges.filter((x) => x.direction === 'tx').map((x) => x.data)
    expect(tx).toContain(Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex'))
    expect(record.steps[2]!.measurements.find((m) => m.key === 'bytesEchoed')?.value).toBe(THROUGHPUT_BYTES)
    // the plug echoes at the line's own pace on the virtual clock: the rate measured is the line's
    const rate = record.steps[2]!.measurements.find((m) => m.key === 'echoRate')!
    expect(rate).toMatchObject({ min: 8064, verdict: 'pass' })
    expect(Number(rate.value)).toBeGreaterThan(11_500)
    expect(Number(rate.value)).toBeLessThanOrEqual(11_520)
  })

  it('fails a cable with a data line stuck high, saying where the bytes went wrong', async () => {
    const { record } = await runCheck({ kind: 'stuckBit', bit: 5 })
    expect(record.verdict).toBe('fail')
    const echo = record.steps.find((s) => s.key === 'echo')!
    expect(echo).toMatchObject({ verdict: 'fail', note: 'echoMismatch' })
    // 0x55 has bit 5 clear: the very first byte comes back wrong
    expect(echo.measurements.find((m) => m.key === 'patternAlternating')).toMatchObject({ value: 0, verdict: 'fail' })
    // all ones survive a stuck-high bit
    expect(echo.measurements.find((m) => m.key === 'patternOnes')).toMatchObject({ verdict: 'pass' })
  })

  it('fails an adapter that loses bytes', async () => {
    const { record } = await runCheck({ kind: 'dropEvery', n: 97 })
    expect(record.verdict).toBe('fail')
    expect(record.steps.find((s) => s.key === 'throughput')).toMatchObject({ verdict: 'fail' })
  })

  /**
   * A plug that echoes the patterns, then goes silent on the big block (the
   * moment to pull the cable) until `echoAgain`. From that moment virtual time
   * stands still until `release`: the idle limit must not end the step while
   * the cable is being pulled in real time.
   */
  function blockSwallower() {
    let sawBlock!: () => void
    let release: () => void = () => undefined
    const blockArrived = new Promise<void>((resolve) => (sawBlock = resolve))
    let silent = false
    const device: SerialSimulator = {
      kind: 'serial',
      attach(link) {
        let seen = 0
        return link.onData((chunk) => {
          seen += chunk.length
          if (seen > 400 && !silent && seen - chunk.length <= 400) {
            silent = true
            release = clock.hold()
            sawBlock()
          } else if (!silent) void link.write(chunk)
        })
      },
      dispose: async () => {},
    }
    return { device, blockArrived, echoAgain: () => (silent = false), release: () => release() }
  }

  it('pauses when the cable is pulled mid-step and finishes when the same port is back', async () => {
    const h = harness()
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const plug = blockSwallower()
    await deviceOn(pair, plug.device)
    const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200 })
    const finished = job.run()
    await plug.blockArrived
    const paused = h.untilPhase('paused')
    pair.pull()
    expect((await paused).phase).toEqual({ phase: 'paused', step: 'throughput', reason: 'portDisconnected' })
    plug.release()

    plug.echoAgain()
    const done = h.untilPhase('finished')
    pair.replug()
    expect((await done).phase).toEqual({ phase: 'finished', verdict: 'pass' })
    await finished
    const steps = h.records.get(job.recordId).steps.map((s) => [s.key, s.verdict, s.note])
    expect(steps).toEqual([
      ['open', 'pass', null],
      ['echo', 'pass', null],
      ['throughput', 'fail', 'portDisconnected'],
      ['throughput', 'pass', null],
      ['close', 'pass', null],
    ])
  })

  it('stays paused while a different device is on the port, says so in the record, and finishes once its own is back', async () => {
    const h = harness()
    const pair = await createPtyPair()
    const stranger = await createPtyPair()
    cleanups.push(() => pair.close(), () => stranger.close())
    const plug = blockSwallower()
    await deviceOn(pair, plug.device)
    // a stranger that would echo everything: had the job carried on against it, it would have passed
    await deviceOn(stranger, createLoopbackPlug())
    const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200 })
    const finished = job.run()
    await plug.blockArrived
    const paused = h.untilPhase('paused')
    pair.pull()
    await paused
    plug.release()

    const differentSeen = h.untilUpdate((u) => u.phase.phase === 'paused' && u.phase.reason === 'portDifferentDevice')
    symlinkSync(realpathSync(stranger.app), pair.app)
    const different = await differentSeen
    expect(different.phase).toEqual({ phase: 'paused', step: 'throughput', reason: 'portDifferentDevice' })
    for (let i = 0; i < 3; i++) await h.manager.poll()
    expect(job.snapshot().phase).toEqual(different.phase)
    const event = h.records.get(job.recordId).exchanges.find((e) => e.summary === 'portDifferentDevice')
    expect(event).toMatchObject({ direction: 'event', channel: `serial:${pair.app}` })
    expect(event!.data).toContain(`now ${realpathSync(stranger.app)}`)

    plug.echoAgain()
    const done = h.untilPhase('finished')
    unlinkSync(pair.app)
    pair.replug()
    expect((await done).phase).toEqual({ phase: 'finished', verdict: 'pass' })
    await finished
  })

  it('when the far end dies and a new pair takes the same link, the check does not carry on against it', async () => {
    const h = harness()
    const dir = mkdtempSync(join(tmpdir(), 'fieldbench-pull-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const pair = await createPtyPair({ dir })
    const plug = blockSwallower()
    await deviceOn(pair, plug.device)
    const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200 })
    const finished = job.run()
    await plug.blockArrived
    const paused = h.untilPhase('paused')
    await pair.close()
    await paused
    plug.release()

    const differentSeen = h.untilUpdate((u) => u.phase.phase === 'paused' && u.phase.reason === 'portDifferentDevice')
    const replacement = await createPtyPair({ dir })
    cleanups.push(() => replacement.close())
    await deviceOn(replacement, createLoopbackPlug())
    await differentSeen
    for (let i = 0; i < 3; i++) await h.manager.poll()
    expect(job.snapshot().phase).toMatchObject({ phase: 'paused', reason: 'portDifferentDevice' })
    const aborted = h.untilPhase('aborted')
    job.cancel()
    await aborted
    await finished
    expect(h.records.get(job.recordId).steps.filter((s) => s.key === 'throughput').map((s) => s.note)).toEqual(['portDisconnected'])
  })

  it('resumes a record left by a crash: finished steps are kept, the interrupted one runs again', async () => {
    const h = harness()
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    await deviceOn(pair, createLoopbackPlug())
    // the state a crash leaves: open and echo done, throughput started, nothing after
    const first = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200, adapterLabel: 'A-1' })
    for (const key of ['open', 'echo']) h.records.finishStep(h.records.startStep(first.recordId, key), { verdict: 'pass' })
    h.records.startStep(first.recordId, 'throughput')

    const resumed = LinkCheckJob.resume(h.deps, first.recordId)
    await resumed.run()
    const record = h.records.get(first.recordId)
    expect(record).toMatchObject({ status: 'completed', verdict: 'pass' })
    expect(record.steps.map((s) => [s.key, s.status])).toEqual([
      ['open', 'done'],
      ['echo', 'done'],
      ['throughput', 'interrupted'],
      ['open', 'done'],
      ['throughput', 'done'],
      ['close', 'done'],
    ])
  })

  it('fails at once, recorded, when the port is taken', async () => {
    const h = harness()
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    await h.manager.open(pair.app, SERIAL_8N1, 'terminal')
    const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 9600 })
    await job.run()
    const record = h.records.get(job.recordId)
    expect(record).toMatchObject({ status: 'completed', verdict: 'fail' })
    expect(record.steps).toEqual([expect.objectContaining({ key: 'open', verdict: 'fail', note: 'portBusy' })])
  })

  it('closes the record as aborted when cancelled', async () => {
    const h = harness()
    const { pair, job, running } = await inEchoStep(h, silentDevice, { baudRate: 300 })
    job.cancel()
    await running
    expect(h.records.summary(job.recordId)).toMatchObject({ status: 'aborted', endReason: 'cancelled' })
    expect(h.manager.session(pair.app)).toBeUndefined()
  })
})

describe('stale bytes', () => {
  it('discards what an interrupted run left on the line before judging the first pattern', async () => {
    const h = harness()
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const device = await deviceOn(pair, createLoopbackPlug())
    // an earlier run's echo, still arriving when this one opens the port
    const job = LinkCheckJob.create(h.deps, { path: pair.app, baudRate: 115200 })
    const opened = h.untilPhase('running', 'echo')
    const running = job.run()
    await opened
    await device.write(new Uint8Array(40).fill(0x55))
    await running
    const record = h.records.get(job.recordId)
    expect(record.verdict).toBe('pass')
    expect(record.steps.find((s) => s.key === 'echo')!.measurements.find((m) => m.key === 'staleBytesDiscarded')).toMatchObject({ value: 40 })
  })
})

describe('closing the app mid-job', () => {
  it('leaves the record in progress, the running step interrupted, ready to resume', async () => {
    const h = harness()
    const { pair, job, running } = await inEchoStep(h, silentDevice, { baudRate: 300 })
    job.suspend()
    await running
    expect(job.snapshot().phase).toMatchObject({ phase: 'paused', reason: 'suspended' })
    expect(h.records.summary(job.recordId)).toMatchObject({ status: 'inProgress' })
    expect(h.records.get(job.recordId).steps.map((s) => [s.key, s.status])).toEqual([
      ['open', 'done'],
      ['echo', 'interrupted'],
    ])
    expect(h.manager.session(pair.app)).toBeUndefined()
  })
})

describe('quit mid-step, then resume', () => {
  it('a check suspended in the echo step resumes on the same port and passes; the suspended step stays in the record as interrupted', async () => {
    const h = harness()
    const { job, running } = await inEchoStep(h, createLoopbackPlug(), { baudRate: 115200, adapterLabel: 'FTDI-07' })
    job.suspend()
    await running
    expect(h.records.summary(job.recordId).status).toBe('inProgress')
    const resumed = LinkCheckJob.resume(h.deps, job.recordId)
    await resumed.run()
    const record = h.records.get(job.recordId)
    expect(record).toMatchObject({ status: 'completed', verdict: 'pass' })
    expect(record.steps.map((s) => `${s.key}:${s.status}`)).toEqual(['open:done', 'echo:interrupted', 'open:done', 'echo:done', 'throughput:done', 'close:done'])
  })
})
