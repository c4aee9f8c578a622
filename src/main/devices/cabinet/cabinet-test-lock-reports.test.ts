import { describe, expect, it } from 'vitest'
import { CABINET_SLOTS, type CabinetLockReports } from '@shared/contract'
import { ModeId } from './catalogue'
import { CabinetTestJob } from './cabinet-test'
import { bench, count, latest, notPassed, runToEnd, start, verdicts } from './cabinet-test-harness'

const slots = Array.from({ length: CABINET_SLOTS }, (_, i) => i + 1)

describe.each<CabinetLockReports>(['opensAndCloses', 'closesOnly'])('a good board whose lock reports are %s, over a pseudo-terminal pair', (lockReports) => {
  it('passes the whole test, every lock opened once and every door asked for', async () => {
    const b = await bench({ lockReports })
    const job = await start(b)
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(verdicts(record)).toMatchObject({ locksOpen: 'pass', doorsClose: 'pass', locksRestore: 'pass' })
    expect(latest(record, 'doorsClose').measurements.map((m) => m.value)).toEqual(new Array(CABINET_SLOTS).fill(true))
    expect(count(b.commands(), ModeId.lock, 0)).toBe(1)
    // a board that reports openings is not asked again; one that does not has each lock opened on its own, once
    for (const slot of slots) expect(count(b.commands(), ModeId.lock, slot)).toBe(lockReports === 'closesOnly' ? 1 : 0)
    expect(b.runs.at(-1)!.slots).toEqual(new Array(CABINET_SLOTS).fill('closed'))
  })
})

describe('a board that reports only closes', () => {
  it('a close reported while the test waits for openings proves that lock opened: it counts at once, is in the record under the lock step, and is not opened again', async () => {
    const b = await bench({ lockReports: 'closesOnly' })
    const job = await start(b)
    b.operate(job)
    // the operator shuts door 3 as soon as its lock opens, before the test has asked for any door
    const off = b.cab.sim.onChange((state) => {
      if (state.locks[2]!.open && state.locks[2]!.openCount === 1) b.byHand(() => b.cab.sim.pushDoor(3))
    })
    const record = await runToEnd(b, job)
    off()
    expect(record.verdict, notPassed(record)).toBe('pass')
    const locksOpen = latest(record, 'locksOpen')
    expect(locksOpen.measurements.find((m) => m.key === 'lockOpened3')).toMatchObject({ value: true, verdict: 'pass' })
    const reports = b.records.allExchanges(job.recordId).filter((x) => x.summary?.startsWith('report lockState slot=3 open=false'))
    expect(reports.map((x) => x.stepId)).toEqual([locksOpen.id])
    expect(count(b.commands(), ModeId.lock, 3)).toBe(0)
    expect(latest(record, 'doorsClose').measurements.find((m) => m.key === 'doorClosed3')).toMatchObject({ value: true, verdict: 'pass' })
  })

  it('a single-lock command whose answer is lost is never sent again: a close report settles it, and without one the slot fails', async () => {
    const b = await bench({ lockReports: 'closesOnly' })
    const job = await start(b)
    b.operate(job)
    let dropped = false
    const off = b.cab.sim.onChange((state) => {
      // "open all" is answered and under way: the answers to the next two commands (lock 1, lock 2) are lost
      if (!dropped && state.locks.some((lock) => lock.open)) {
        dropped = true
        b.cab.sim.setFaults({ dropAnswers: 2 })
      }
      // lock 1 opened a second time by its own command: the operator shuts its door
      if (state.locks[0]!.open && state.locks[0]!.openCount === 2) b.byHand(() => b.cab.sim.pushDoor(1))
    })
    const record = await runToEnd(b, job)
    off()
    expect(record.verdict).toBe('fail')
    const locksOpen = latest(record, 'locksOpen')
    expect(locksOpen.note).toBe('lockNotOpened:2')
    expect(locksOpen.measurements.find((m) => m.key === 'lockOpened1')).toMatchObject({ value: true, verdict: 'pass' })
    expect(locksOpen.measurements.find((m) => m.key === 'lockOpened2')).toMatchObject({ value: false, verdict: 'fail' })
    expect(count(b.commands(), ModeId.lock, 1)).toBe(1)
    expect(count(b.commands(), ModeId.lock, 2)).toBe(1)
    expect(b.runs.at(-1)!.slots[1]).toBe('failed')
  })
})

describe('retest all failed', () => {
  it('runs every failed step again as one run behind one safety confirmation, and the PASS after it says an earlier attempt failed', async () => {
    const b = await bench({ faults: { stuckLocks: [5], deadChannels: [3] } })
    const job = await start(b)
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict).toBe('fail')
    expect(verdicts(record)).toMatchObject({ locksOpen: 'fail', relaysOn: 'fail', currents: 'fail' })
    expect(b.runs.at(-1)!.failures.map((f) => [f.step, f.key, f.slot])).toEqual([
      ['locksOpen', 'lockOpened5', 5],
      ['relaysOn', 'relayOn3', 3],
      ['currents', 'current3', 3],
    ])

    b.cab.sim.clearFaults()
    const retest = await CabinetTestJob.retest(b.deps, job.recordId, ['locksOpen', 'relaysOn', 'currents'])
    b.operate(retest)
    const after = await runToEnd(b, retest)
    expect(after.verdict, notPassed(after)).toBe('pass')
    // one safety confirmation for all of them
    expect(after.steps.slice(10).map((s) => s.key)).toEqual(['connect', 'safety', 'locksOpen', 'doorsClose', 'relaysOn', 'currents', 'relaysOff'])
    expect(latest(after, 'locksOpen').inputs).toMatchObject({ slots: [5], retest: true })
    expect(b.runs.at(-1)).toMatchObject({ failures: [], retested: ['locksOpen', 'relaysOn', 'currents'], earlierFailed: ['locksOpen', 'relaysOn', 'currents'] })
  })

  it('refuses a list that names a step whose latest attempt did not fail, and changes nothing', async () => {
    const b = await bench({ faults: { deadChannels: [3] } })
    const job = await start(b)
    b.operate(job)
    const record = await runToEnd(b, job)
    await expect(CabinetTestJob.retest(b.deps, job.recordId, ['currents', 'readings'])).rejects.toMatchObject({ code: 'cabinetNothingToRetest', params: { step: 'readings' } })
    expect(b.records.get(job.recordId)).toEqual(record)
  })
})
