/**
 * The UPS acceptance test's bench: the simulated UPS on a socat pair, a
 * record store, and an engineer at the mains breaker who does what the test
 * asks (or not). UPS and job share a virtual clock that jumps only when the
 * line is quiet, so a minute on battery costs no real time.
 */
import { afterEach } from 'vitest'
import type { JobUpdate, UpsTestRun } from '@shared/contract'
import type { UpsTestStart } from '@shared/contract/ups/acceptance.schemas'
import { VirtualClock } from '../../core/clock'
import { MemoryLogger } from '../../log/logger'
import { Redactor } from '../../log/redact'
import { RecordStore } from '../../store/records'
import { LineTally } from '../../transport/serial/line-tally'
import { UpsAcceptanceJob, type UpsTestDeps } from './acceptance-job'
import { type PtyUps, startPtyUps } from './harness'
import type { UpsSimOptions } from './simulator'

export interface Engineer {
  /** switches the breaker when asked to cut mains; false: answers without doing it */
  cutsMains?: boolean
  restoresMains?: boolean
}

export interface UpsBench {
  ups: PtyUps
  clock: VirtualClock
  records: RecordStore
  deps: UpsTestDeps
  updates: JobUpdate[]
  runs: UpsTestRun[]
  start(input?: Partial<UpsTestStart>, engineer?: Engineer): Promise<UpsAcceptanceJob>
  /** the engineer follows this job's questions */
  attend(job: UpsAcceptanceJob, engineer?: Engineer): void
  /** waits for a run view that passes `test` */
  run(test: (run: UpsTestRun) => boolean): Promise<UpsTestRun>
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

export async function upsBench(simOptions: UpsSimOptions = {}): Promise<UpsBench> {
  const tally = new LineTally()
  const clock = new VirtualClock(undefined, true, tally.underWay)
  const ups = await startPtyUps({ clock, ...simOptions }, { tally })
  const records = new RecordStore(':memory:', new Redactor())
  const updates: JobUpdate[] = []
  const runs: UpsTestRun[] = []
  const runWaiters = new Set<(run: UpsTestRun) => void>()
  const runListeners = new Set<(run: UpsTestRun) => void>()
  /** the job now running each record: a resumed one takes over from the one suspended */
  const attended = new Map<number, UpsAcceptanceJob>()
  const deps: UpsTestDeps = {
    records,
    ports: ups.ports,
    log: new MemoryLogger(),
    clock,
    emit: (update) => updates.push(update),
    testRun: (run) => {
      runs.push(run)
      for (const listener of [...runListeners]) listener(run)
      for (const waiter of [...runWaiters]) waiter(run)
    },
  }
  closers.push(async () => {
    await ups.close()
    records.close()
  })
  const bench: UpsBench = {
    ups,
    clock,
    records,
    deps,
    updates,
    runs,
    async start(input = {}, engineer = {}) {
      const job = await UpsAcceptanceJob.create(deps, { path: ups.path, ...input })
      bench.attend(job, engineer)
      return job
    },
    attend(job, engineer = {}) {
      const asked = new Set<string>()
      attended.set(job.recordId, job)
      runListeners.add((run) => {
        if (attended.get(run.recordId) !== job || !run.prompt || asked.has(run.prompt)) return
        const prompt = run.prompt
        asked.add(prompt)
        queueMicrotask(() => {
          if (prompt === 'cutMains') {
            if (engineer.cutsMains !== false) ups.sim.setMains(false)
            job.answer({ kind: 'mainsCut' })
          } else {
            if (engineer.restoresMains !== false) ups.sim.setMains(true)
            job.answer({ kind: 'mainsRestored' })
          }
        })
      })
    },
    run: (test) =>
      new Promise((resolve) => {
        const waiter = (run: UpsTestRun) => {
          if (!test(run)) return
          runWaiters.delete(waiter)
          resolve(run)
        }
        runWaiters.add(waiter)
      }),
  }
  return bench
}
