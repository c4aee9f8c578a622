/**
 * The cabinet test stopped part way: suspended by a quit, cancelled by the
 * operator, or cut off by a crash, then picked up again from its record.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ModeId } from './catalogue'
import { CabinetTestJob } from './cabinet-test'
import { bench, benches, count, latest, notPassed, runToEnd, start } from './cabinet-test-harness'

const safeNote = (meta: Record<string, unknown>) => (meta.safeState as { key?: string } | undefined)?.key

/** A record file that outlives the first bench, as the app's does across a restart. */
function recordFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-cabinet-resume-'))
  benches.push(async () => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'records.sqlite')
}

describe('a cabinet test stopped part way', () => {
  it('a quit with the relays on suspends it: relays and fan off and read back, the record says so and stays resumable; the resumed run switches them on again and passes', async () => {
    const file = recordFile()
    const first = await bench({}, file)
    const job = await start(first)
    first.operate(job, { airflow: null })
    const asked = first.run((r) => r.awaiting?.what === 'airflow')
    const running = job.run()
    await asked
    expect(first.cab.sim.state().relays.every(Boolean)).toBe(true)
    job.suspend()
    await running
    expect(job.snapshot().phase).toMatchObject({ phase: 'paused', reason: 'suspended' })
    expect(first.records.summary(job.recordId).status).toBe('inProgress')
    expect(first.cab.sim.state().relays.some(Boolean)).toBe(false)
    expect(first.cab.sim.state().fan).toBe(false)
    const suspended = first.records.get(job.recordId)
    expect(safeNote(suspended.meta)).toBe('cabinet:notes.boardLeftSafe')
    expect(suspended.steps.at(-1)).toMatchObject({ key: 'fan', status: 'interrupted' })
    first.records.close()

    const second = await bench({}, file, first.cab)
    const resumed = CabinetTestJob.resume(second.deps, job.recordId)
    second.operate(resumed)
    const record = await runToEnd(second, resumed)
    expect(record.verdict, notPassed(record)).toBe('pass')
    // the relays were found off on resume, so they are switched on again before the fan and the measurements
    expect(record.steps.slice(6).map((s) => s.key)).toEqual(['connect', 'safety', 'relaysOn', 'fan', 'currents', 'readings', 'relaysOff', 'locksRestore'])
    expect(count(first.cab.sim.received, ModeId.relay, 0, 0xff000000)).toBe(2)
    expect(count(first.cab.sim.received, ModeId.lock, 0)).toBe(1)
    expect(first.cab.sim.state().relays.some(Boolean)).toBe(false)
  })

  it('a cancel with the relays on aborts the record and says the board was left safe', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job, { airflow: null })
    const asked = b.run((r) => r.awaiting?.what === 'airflow')
    const done = runToEnd(b, job)
    await asked
    job.cancel()
    const record = await done
    expect(record).toMatchObject({ status: 'aborted', endReason: 'cancelled' })
    expect(safeNote(record.meta)).toBe('cabinet:notes.boardLeftSafe')
    // the switching-off frames and the read-back are in the record
    const exchanges = b.records.allExchanges(job.recordId).filter((x) => x.stepId === null)
    expect(exchanges.filter((x) => x.direction === 'tx' && x.summary?.includes('relay')).length).toBeGreaterThanOrEqual(8)
    expect(exchanges.some((x) => x.direction === 'rx' && x.summary?.includes('current channel=1'))).toBe(true)
  })

  it('after a crash while doors are closing, the closes already reported count: only the other doors are asked for', async () => {
    const file = recordFile()
    const first = await bench({}, file)
    const job = await start(first)
    first.operate(job, { closeDoors: (slot) => slot <= 4 })
    const fourClosed = first.run((r) => r.slots.filter((s) => s === 'closed').length === 4)
    const running = job.run()
    const atCrash = await fourClosed
    // the app dies here: the record file as it is at this moment is all the next start has
    const crashed = `${file}.crashed`
    copyFileSync(file, crashed)
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${crashed}-wal`)
    job.cancel()
    await running
    first.records.close()

    const second = await bench({}, crashed, first.cab)
    const resumed = CabinetTestJob.resume(second.deps, job.recordId)
    const askedFor: number[][] = []
    void second.run((r) => {
      if (r.awaiting?.what === 'doors') askedFor.push(r.awaiting.slots)
      return false
    })
    second.operate(resumed)
    const record = await runToEnd(second, resumed)
    expect(record.verdict, notPassed(record)).toBe('pass')
    const stillOpen = atCrash.slots.flatMap((state, i) => (state === 'closed' ? [] : [i + 1]))
    expect(stillOpen).toHaveLength(4)
    expect(askedFor[0]).toEqual(stillOpen)
    expect(latest(record, 'doorsClose').measurements.every((m) => m.value === true)).toBe(true)
    expect(latest(record, 'doorsClose').measurements).toHaveLength(8)
    expect(count(first.cab.sim.received, ModeId.lock, 0)).toBe(1)
  })

  it('a board that stops answering cannot pass "locks restored" on what it said before', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job)
    void b.update((u) => u.phase.phase === 'running' && u.phase.step === 'locksRestore').then(() => b.cab.sim.setFaults({ dropAnswers: 1000 }))
    const record = await runToEnd(b, job)
    expect(latest(record, 'locksRestore')).toMatchObject({ verdict: 'fail', note: 'noDeviceAnswer' })
    expect(record.verdict).toBe('fail')
  })
})
