/**
 * The cabinet factory test's bench: the board simulator on a socat pair, a
 * record store, and an operator who answers what the test asks. Board and job
 * share a virtual clock that waits for the line to be quiet before it jumps:
 * answer timeouts, settle times and door deadlines cost no real time.
 */
import { afterEach } from 'vitest'
import { VirtualClock } from '../../core/clock'
import type { CabinetProfile, CabinetRun, CabinetSamples, JobUpdate, RecordDetail } from '@shared/contract'
import { ModeId } from './catalogue'
import type { CabinetFrame } from './codec'
import { type PtyCabinet, startPtyCabinet } from './harness'
import { defaultProfile } from './profile'
import type { CabinetSimOptions } from './simulator'
import { MemoryLogger } from '../../log/logger'
import { Redactor } from '../../log/redact'
import { RecordStore } from '../../store/records'
import type { PortManager } from '../../transport/serial/manager'
import { LineTally } from '../../transport/serial/line-tally'
import { type CabinetTestDeps, CabinetTestJob } from './cabinet-test'

/** The default profile with a test bench's patience: short waits, few samples. */
export const profile: CabinetProfile = {
  ...defaultProfile,
  timing: { answerTimeoutMs: 200, lockOpenTimeoutMs: 1500, doorCloseTimeoutS: 3, relaySettleMs: 800, samples: 3, sampleIntervalMs: 10 },
}

export interface Operator {
  safety?: boolean
  /** null: the operator never answers */
  airflow?: boolean | null
  /** doors pushed shut as the test asks for them; false: none */
  closeDoors?: boolean | ((slot: number) => boolean)
}

export interface Bench {
  cab: PtyCabinet
  clock: VirtualClock
  records: RecordStore
  deps: CabinetTestDeps
  updates: JobUpdate[]
  runs: CabinetRun[]
  samples: CabinetSamples[]
  /** waits for a job update (or run state) that passes `test` */
  update(test: (u: JobUpdate) => boolean): Promise<JobUpdate>
  run(test: (r: CabinetRun) => boolean): Promise<CabinetRun>
  /**
   * Waits with \`wait\` (\`update\` or \`run\`); from the moment it matches, virtual
   * time stands still until \`release\`: for a cable pulled in real time,
   * which no deadline on the board or in the job may overtake.
   */
  held<T>(wait: (test: (v: T) => boolean) => Promise<T>, test: (v: T) => boolean): Promise<{ value: T; release: () => void }>
  /**
   * What a person at the bench does on the next turn of the event loop, as
   * the one who saw the event would. Virtual time stands still from this call
   * until it is done: a deadline set with the event (the doors' three seconds)
   * must not pass in no real time while the hand is on its way.
   */
  byHand(action: () => void): void
  /** the operator at the bench: answers what the test asks */
  operate(job: CabinetTestJob, operator?: Operator): void
  /** frames the board got, with the time each came */
  commands(): CabinetFrame[]
}

export const benches: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of benches.splice(0)) await close()
})

/** each cabinet's clock, for a second bench on the same cabinet (the app restarted after a crash) */
const clocks = new WeakMap<PtyCabinet, VirtualClock>()

export async function bench(simOptions: CabinetSimOptions = {}, file = ':memory:', cab?: PtyCabinet, ports?: PortManager): Promise<Bench> {
  const tally = cab?.tally ?? new LineTally()
  const clock = (cab && clocks.get(cab)) ?? new VirtualClock(undefined, true, tally.underWay)
  cab ??= await startPtyCabinet({ switchStepMs: 5, clock, ...simOptions }, { tally })
  clocks.set(cab, clock)
  const records = new RecordStore(file, new Redactor())
  const updates: JobUpdate[] = []
  const runs: CabinetRun[] = []
  const samples: CabinetSamples[] = []
  const updateWaiters = new Set<(u: JobUpdate) => void>()
  const runWaiters = new Set<(r: CabinetRun) => void>()
  const runListeners = new Set<(r: CabinetRun) => void>()
  const deps: CabinetTestDeps = {
    records,
    ports: ports ?? cab.ports,
    log: new MemoryLogger(),
    clock,
    emit: (u) => {
      updates.push(u)
      for (const w of [...updateWaiters]) w(u)
    },
    cabinetEvents: {
      run: (r) => {
        runs.push(r)
        for (const w of [...runWaiters]) w(r)
        for (const l of [...runListeners]) l(r)
      },
      samples: (s) => samples.push(s),
    },
  }
  const waiter =
    <T>(set: Set<(v: T) => void>, current: () => T | undefined) =>
    (test: (v: T) => boolean) =>
      new Promise<T>((resolve) => {
        const now = current()
        if (now !== undefined && test(now)) return resolve(now)
        const w = (v: T) => {
          if (!test(v)) return
          set.delete(w)
          resolve(v)
        }
        set.add(w)
      })
  const theCab = cab
  const b: Bench = {
    cab: theCab,
    clock,
    records,
    deps,
    updates,
    runs,
    samples,
    update: waiter(updateWaiters, () => updates.at(-1)),
    run: waiter(runWaiters, () => runs.at(-1)),
    held: async (wait, test) => {
      let release = () => undefined as void
      // taken in the event itself: a jump needs macrotask turns, so none slips in before the hold
      const value = await wait((v) => test(v) && Boolean((release = clock.hold())))
      return { value, release }
    },
    byHand: (action) => {
      const release = clock.hold()
      setImmediate(() => {
        try {
          action()
        } finally {
          release()
        }
      })
    },
    operate(job, operator = {}) {
      const pushed = new Set<number>()
      runListeners.add((r) => {
        if (r.recordId !== job.recordId || !r.awaiting) return
        const awaiting = r.awaiting
        b.byHand(() => {
          try {
            if (awaiting.what === 'safety') job.confirm('safety', operator.safety ?? true)
            if (awaiting.what === 'airflow' && operator.airflow !== null) job.confirm('airflow', operator.airflow ?? true)
          } catch {
            // answered already
          }
          if (awaiting.what === 'doors' && operator.closeDoors !== false) {
            for (const slot of awaiting.slots) {
              const wanted = typeof operator.closeDoors === 'function' ? operator.closeDoors(slot) : true
              if (wanted && !pushed.has(slot)) {
                pushed.add(slot)
                theCab.sim.pushDoor(slot)
              }
            }
          }
        })
      })
    },
    commands: () => theCab.sim.received,
  }
  benches.push(async () => {
    records.close()
    if (!cab || cab === theCab) await theCab.close()
  })
  return b
}

export async function runToEnd(b: Bench, job: CabinetTestJob): Promise<RecordDetail> {
  const end = b.update((u) => u.recordId === job.recordId && (u.phase.phase === 'finished' || u.phase.phase === 'aborted'))
  await job.run()
  await end
  return b.records.get(job.recordId)
}

export const start = (b: Bench, extra: { firmware?: string; serial?: string } = {}) =>
  CabinetTestJob.create(b.deps, { path: b.cab.path, serial: extra.serial ?? 'CAB-0001', operator: 'Ana', firmware: extra.firmware ?? '', profile })

export const latest = (record: RecordDetail, key: string) => record.steps.filter((s) => s.key === key).at(-1)!
/** the steps that did not pass, with their notes and failed measurements: the message of a verdict that surprised */
export const notPassed = (record: RecordDetail) =>
  JSON.stringify(
    record.steps
      .filter((s) => s.verdict !== 'pass')
      .map((s) => ({ step: s.key, verdict: s.verdict, note: s.note, failed: s.measurements.filter((m) => m.verdict === 'fail').map((m) => [m.key, m.value]) })),
  )
export const verdicts = (record: RecordDetail) => Object.fromEntries(record.steps.map((s) => [s.key, s.verdict]))
export const count = (frames: CabinetFrame[], modeId: number, nodeId: number, data?: number) =>
  frames.filter((f) => f.modeId === modeId && f.nodeId === nodeId && (data === undefined || f.data === data)).length
export const isSwitching = (f: CabinetFrame) => f.modeId === ModeId.lock || f.modeId === ModeId.relay || f.modeId === ModeId.fan
