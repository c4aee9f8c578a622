import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ModeId } from './catalogue'
import { CabinetTestJob } from './cabinet-test'
import { bench, benches, count, isSwitching, latest, notPassed, profile, runToEnd, start, verdicts } from './cabinet-test-harness'
describe('the cabinet factory test against the simulator over a pseudo-terminal pair', () => {
  it('passes a good cabinet: every step recorded with its frames, each command sent once', async () => {
    const b = await bench()
    const job = await start(b)
    let switchedBeforeSafety = -1
    b.run((r) => r.awaiting?.what === 'safety').then(() => (switchedBeforeSafety = b.commands().filter(isSwitching).length))
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.status).toBe('completed')
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(record.deviceSerial).toBe('CAB-0001')
    expect(record.operator).toBe('Ana')
    expect(record.meta).toMatchObject({ profile: { key: 'cabinet:profiles.defaultName', text: profile.name }, firmware: '', relaysOffMethod: 'eachRelay' })
    expect(record.steps.map((s) => s.key)).toEqual(['connect', 'safety', 'locksOpen', 'doorsClose', 'relaysOn', 'fan', 'currents', 'readings', 'relaysOff', 'locksRestore'])
    expect(verdicts(record)).toMatchObject({ connect: 'pass', safety: 'info', locksOpen: 'pass', doorsClose: 'pass', relaysOn: 'pass', currents: 'pass', readings: 'pass', relaysOff: 'pass' })
    // nothing was switched before the operator confirmed the safety warning
    expect(switchedBeforeSafety).toBe(0)
    const frames = b.commands()
    expect(count(frames, ModeId.lock, 0)).toBe(1)
    expect(count(frames, ModeId.relay, 0, 0xff000000)).toBe(1)
    expect(count(frames, ModeId.fan, 1)).toBe(2)
    // firmware not given: every relay switched off on its own, once
    for (let relay = 1; relay <= 8; relay++) expect(count(frames, ModeId.relay, relay, 0)).toBe(1)
    expect(latest(record, 'relaysOff').note).toBe('relaysOffEach')
    expect(b.cab.sim.state().relays.some(Boolean)).toBe(false)
    expect(b.cab.sim.state().fan).toBe(false)
    // each measurement against its band, and the frames that justified it
    const currents = latest(record, 'currents')
    expect(currents.measurements).toHaveLength(9)
    for (const m of currents.measurements) expect(m).toMatchObject({ unit: 'A', verdict: 'pass' })
    const channel9 = currents.measurements.find((m) => m.key === 'current9')!
    expect(channel9).toMatchObject({ min: 2.8, max: 5.8 })
    const exchanges = b.records.allExchanges(job.recordId)
    expect(exchanges.filter((x) => x.stepId === currents.id && x.direction === 'rx' && x.summary?.includes('current channel=3'))).toHaveLength(3)
    expect(exchanges.filter((x) => x.stepId === latest(record, 'doorsClose').id && x.summary?.startsWith('report lockState'))).toHaveLength(8)
    expect(b.samples.length).toBeGreaterThan(0)
    expect(b.runs.at(-1)!.slots).toEqual(new Array(8).fill('closed'))
    expect(record.meta.keyTable).toMatchObject({ '11': 0, '18': 0, '21': 0, '28': 0 })
  })

  it('with v5062 or later given, "all relays off" is sent once and read back', async () => {
    const b = await bench()
    const job = await start(b, { firmware: 'v5062' })
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(latest(record, 'relaysOff').note).toBe('relaysOffAll')
    expect(count(b.commands(), ModeId.relay, 0, 0)).toBe(1)
    for (let relay = 1; relay <= 8; relay++) expect(count(b.commands(), ModeId.relay, relay)).toBe(0)
  })

  it('when the board ignores "all relays off" (older firmware than given), the relays still conducting are switched off one by one', async () => {
    const b = await bench({ firmware: 5061 })
    const job = await start(b, { firmware: '5062' })
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(record.meta.relaysOffMethod).toBe('allOffThenEach')
    expect(latest(record, 'relaysOff').note).toBe('relaysOffAllThenEach')
    expect(count(b.commands(), ModeId.relay, 0, 0)).toBe(1)
    for (let relay = 1; relay <= 8; relay++) expect(count(b.commands(), ModeId.relay, relay, 0)).toBe(1)
    expect(b.cab.sim.state().relays.some(Boolean)).toBe(false)
  })

  it('fails a dead channel; a retest of the measurement passes once it is mended, without redoing the locks', async () => {
    const b = await bench({ faults: { deadChannels: [3] } })
    const job = await start(b)
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict).toBe('fail')
    expect(verdicts(record)).toMatchObject({ relaysOn: 'fail', currents: 'fail', readings: 'pass', relaysOff: 'pass', locksOpen: 'pass' })
    const currents = latest(record, 'currents')
    expect(currents.measurements.filter((m) => m.verdict === 'fail').map((m) => m.key)).toEqual(['current3'])
    expect(currents.measurements.find((m) => m.key === 'current3')).toMatchObject({ value: 0, min: 0.35, max: 0.7 })
    expect(currents.note).toBe('channelOutOfBand:3')
    expect(latest(record, 'relaysOn').note).toBe('relayNoCurrent:3')
    // on screen: the channel against its band, and its slot's tile
    expect(b.runs.at(-1)!.failures).toEqual([
      expect.objectContaining({ step: 'relaysOn', key: 'relayOn3', value: 0, min: 0.1, slot: 3 }),
      expect.objectContaining({ step: 'currents', key: 'current3', value: 0, min: 0.35, max: 0.7, slot: 3 }),
    ])
    expect(latest(record, 'relaysOff').measurements.find((m) => m.key === 'relayOff3')?.verdict).toBe('info')

    b.cab.sim.clearFaults()
    const retest = await CabinetTestJob.retest(b.deps, job.recordId, ['currents'])
    b.operate(retest)
    const after = await runToEnd(b, retest)
    expect(after.status).toBe('completed')
    expect(after.verdict, notPassed(after)).toBe('pass')
    expect(after.steps.slice(10).map((s) => s.key)).toEqual(['connect', 'safety', 'relaysOn', 'currents', 'relaysOff'])
    expect(b.runs.at(-1)).toMatchObject({ failures: [], retested: ['relaysOn', 'currents'], earlierFailed: ['relaysOn', 'currents'] })
    expect(count(b.commands(), ModeId.lock, 0)).toBe(1)
    expect(b.cab.sim.state().relays.some(Boolean)).toBe(false)
  })

  it('a stuck lock fails its slot, not the run; its retest opens only that lock', async () => {
    const b = await bench({ faults: { stuckLocks: [5] } })
    const job = await start(b)
    b.operate(job)
    const record = await runToEnd(b, job)
    expect(record.verdict).toBe('fail')
    const locks = latest(record, 'locksOpen')
    expect(locks.measurements.filter((m) => m.verdict === 'fail').map((m) => m.key)).toEqual(['lockOpened5'])
    expect(latest(record, 'doorsClose')).toMatchObject({ verdict: 'pass', note: 'doorsNotAsked:5' })
    expect(locks.note).toBe('lockNotOpened:5')
    expect(latest(record, 'doorsClose').measurements).toHaveLength(7)
    expect(verdicts(record)).toMatchObject({ currents: 'pass', relaysOff: 'pass', locksRestore: 'pass' })
    expect(b.runs.at(-1)!.slots[4]).toBe('failed')
    // no report and no open answer for slot 5 after "open all": opened on its own, once
    expect(count(b.commands(), ModeId.lock, 5)).toBe(1)

    b.cab.sim.clearFaults()
    await expect(CabinetTestJob.retest(b.deps, job.recordId, ['currents'])).rejects.toMatchObject({ code: 'cabinetNothingToRetest' })
    const retest = await CabinetTestJob.retest(b.deps, job.recordId, ['locksOpen'])
    b.operate(retest)
    const after = await runToEnd(b, retest)
    expect(after.verdict, notPassed(after)).toBe('pass')
    expect(latest(after, 'locksOpen').measurements).toEqual([
      { key: 'lockOpenCount5', value: 1 },
      { key: 'lockOpened5', value: true, verdict: 'pass' },
    ])
    expect(count(b.commands(), ModeId.lock, 5)).toBe(2)
    expect(count(b.commands(), ModeId.lock, 0)).toBe(1)
  })

  it('a door whose close is never reported fails after its own time limit', async () => {
    const b = await bench()
    const job = await CabinetTestJob.create(b.deps, {
      path: b.cab.path,
      serial: 'CAB-0002',
      operator: 'Ana',
      profile: { ...profile, timing: { ...profile.timing, doorCloseTimeoutS: 0.4 } },
    })
    b.operate(job, { closeDoors: (slot) => slot !== 2 })
    const record = await runToEnd(b, job)
    expect(record.verdict).toBe('fail')
    expect(latest(record, 'doorsClose').measurements.filter((m) => !m.value).map((m) => m.key)).toEqual(['doorClosed2'])
    expect(latest(record, 'locksRestore')).toMatchObject({ verdict: 'fail', note: 'lockOpenAtEnd:2' })
  })

  it('pauses when the cable is pulled while doors are closing, keeps what was done, and goes on when the port is back', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job, { closeDoors: (slot) => slot <= 4 })
    const end = runToEnd(b, job)
    // the doors' deadline must not run out while the cable is being pulled
    const { release } = await b.held(b.run, (r) => r.slots.filter((s) => s === 'closed').length === 4)
    await b.cab.unplug()
    await b.update((u) => u.phase.phase === 'paused')
    release()
    expect(b.updates.at(-1)!.phase).toEqual({ phase: 'paused', step: 'doorsClose', reason: 'portDisconnected' })
    await b.cab.plug()
    await b.update((u) => u.phase.phase === 'running')
    for (let slot = 5; slot <= 8; slot++) b.cab.sim.pushDoor(slot)
    const record = await end
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(record.steps.filter((s) => s.key === 'doorsClose')).toHaveLength(1)
    expect(latest(record, 'doorsClose').measurements.every((m) => m.value === true)).toBe(true)
  })

  it('a cable pulled while measuring pauses it, another device on the port keeps it paused (and is recorded), and its own cabinet back, it carries on from the same round', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job)
    const end = runToEnd(b, job)
    // no read may time out while the cable is being pulled
    const { release } = await b.held(b.update, (u) => u.phase.phase === 'running' && u.phase.step === 'currents')
    await b.cab.unplug()
    await b.update((u) => u.phase.phase === 'paused')
    release()
    await b.cab.plugOther()
    expect((await b.update((u) => u.phase.phase === 'paused' && u.phase.reason === 'portDifferentDevice')).phase).toMatchObject({ step: 'currents' })
    await b.cab.plug()
    const record = await end
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(b.records.allExchanges(job.recordId).filter((e) => e.summary === 'portDifferentDevice')).toMatchObject([{ direction: 'event', channel: `serial:${b.cab.path}` }])
    expect(record.steps.map((s) => s.key).filter((k) => k === 'currents')).toHaveLength(1)
    expect(count(b.commands(), ModeId.relay, 0, 0xff000000)).toBe(1)
  })

  it('after a crash, picks the record up from its checkpoint: finished steps stay, a sent command is read back, not sent again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbench-cabinet-records-'))
    const file = join(dir, 'records.sqlite')
    const first = await bench({}, file)
    const job = await start(first)
    // the operator confirms the safety warning, closes the doors, then the app dies while airflow is asked
    first.operate(job, { airflow: null })
    const operatorGone = first.run((r) => r.awaiting?.what === 'airflow')
    const crashed = job.run()
    await operatorGone
    void crashed
    await first.deps.ports.stop()
    first.records.close()

    const ports = first.cab.newPortManager()
    const second = await bench({}, file, first.cab, ports)
    benches.push(async () => {
      await ports.stop()
      rmSync(dir, { recursive: true, force: true })
    })
    const resumed = CabinetTestJob.resume(second.deps, job.recordId)
    second.operate(resumed)
    const record = await runToEnd(second, resumed)
    expect(record.verdict, notPassed(record)).toBe('pass')
    expect(record.steps.map((s) => `${s.key}:${s.status}`)).toEqual([
      'connect:done',
      'safety:done',
      'locksOpen:done',
      'doorsClose:done',
      'relaysOn:done',
      'fan:interrupted',
      'connect:done',
      'safety:done',
      'fan:done',
      'currents:done',
      'readings:done',
      'relaysOff:done',
      'locksRestore:done',
    ])
    // the fan was switched on before the crash: read back (asked again), not sent again
    expect(count(first.cab.sim.received, ModeId.fan, 1, 0x11000000)).toBe(1)
    expect(count(first.cab.sim.received, ModeId.lock, 0)).toBe(1)
  })

  it('a cancel with the relays on switches them off before the record is closed as aborted', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job, { airflow: null })
    const asked = b.run((r) => r.awaiting?.what === 'airflow')
    const done = runToEnd(b, job)
    await asked
    expect(b.cab.sim.state().relays.every(Boolean)).toBe(true)
    job.cancel()
    const record = await done
    expect(record.status).toBe('aborted')
    expect(record.endReason).toBe('cancelled')
    expect(b.cab.sim.state().relays.some(Boolean)).toBe(false)
    expect(b.cab.sim.state().fan).toBe(false)
  })

  it('a declined safety warning ends the run before anything is switched', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job, { safety: false })
    const record = await runToEnd(b, job)
    expect(record.status).toBe('aborted')
    expect(record.endReason).toBe('safetyDeclined')
    expect(b.commands().filter(isSwitching)).toEqual([])
  })

  it('passes through a noisy line with dropped and corrupt answers to reads', async () => {
    const b = await bench({ faults: { garbage: true } })
    const job = await start(b)
    b.operate(job)
    const stuck = b.update((u) => u.phase.phase === 'running' && u.phase.step === 'readings')
    const end = runToEnd(b, job)
    await stuck
    b.cab.sim.setFaults({ dropAnswers: 1, corruptCrc: 1 })
    const record = await end
    expect(record.verdict, notPassed(record)).toBe('pass')
    const link = b.runs.at(-1)!.link
    expect(link.junkBytes).toBeGreaterThan(0)
    expect(link.timeouts).toBe(2)
    expect(link.badCrc).toBe(1)
  })
})
