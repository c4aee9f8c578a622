import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError, CABINET_SERIAL, type CabinetFrameEntry, type CabinetSimState } from '@shared/contract'
import { VirtualClock } from '../../core/clock'
import { LineTally } from '../../transport/serial/line-tally'
import type { PortSession } from '../../transport/serial/session'
import type { LockState } from './catalogue'
import { CabinetClient } from './client'
import { type PtyCabinet, startPtyCabinet } from './harness'

/** Resolves with the first value an event source passes that satisfies `test`. */
function next<T>(subscribe: (listener: (value: T) => void) => () => void, test: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!test(value)) return
      off()
      resolve(value)
    })
  })
}

const simState = (cab: PtyCabinet, test: (s: CabinetSimState) => boolean) => next<CabinetSimState>((l) => cab.sim.onChange(l), test)

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a rejection')
}

/** Client and board share a virtual clock that jumps only when the line is quiet: timeouts and late answers cost no real time. */
describe('cabinet client against the simulator over a pseudo-terminal pair', () => {
  let cab: PtyCabinet
  let session: PortSession
  let client: CabinetClient
  let clock: VirtualClock

  beforeEach(async () => {
    const tally = new LineTally()
    clock = new VirtualClock(undefined, true, tally.underWay)
    cab = await startPtyCabinet({ switchStepMs: 5, lateMs: 400, clock }, { tally })
    session = await cab.ports.open(cab.path, CABINET_SERIAL, 'test')
    client = new CabinetClient(session, { timeoutMs: 250, clock })
  })

  afterEach(async () => {
    client.dispose()
    await cab.close()
  })

  it('reads every measurement; channel currents follow the relays and the fan', async () => {
    for (let channel = 1; channel <= 9; channel++) expect((await client.read({ kind: 'readCurrent', channel })).raw).toBe(0)
    expect((await client.read({ kind: 'readVoltage' })).raw).toBeGreaterThan(2290)
    await client.command({ kind: 'relay', relay: 2, on: true })
    const relay2 = (await client.read({ kind: 'readCurrent', channel: 2 })).raw
    expect(relay2).toBeGreaterThan(510)
    expect(relay2).toBeLessThan(530)
    const fan = await client.command({ kind: 'fan', on: true })
    expect(fan.rx.meaning).toEqual({ kind: 'fanAck', params: { on: true } })
    expect((await client.read({ kind: 'readCurrent', channel: 9 })).raw).toBe(600)
    expect((await client.read({ kind: 'readActivePower' })).raw).toBeGreaterThan(130)
    expect((await client.read({ kind: 'readInternalTemperature' })).raw).toBeGreaterThan(300)
    expect((await client.read({ kind: 'readExternalTemperature' })).raw).toBeGreaterThan(200)
    expect((await client.read({ kind: 'readEnergy' })).raw).toBeGreaterThanOrEqual(0)
  })

  it('switches all relays on one by one after an immediate answer', async () => {
    const allOn = simState(cab, (s) => s.relays.every(Boolean))
    const answer = await client.command({ kind: 'allRelays', on: true })
    expect(answer.answer.data).toBe(0xff000000)
    await allOn
    for (let channel = 1; channel <= 8; channel++) expect((await client.read({ kind: 'readCurrent', channel })).raw).toBeGreaterThan(400)
  })

  it('opens all locks: an acknowledgement, then one report per slot; a pushed door reports its close', async () => {
    const reports: LockState[] = []
    const eighth = next<LockState>((l) => client.onReport(l), (lock) => lock.slot === 8)
    client.onReport((lock) => reports.push(lock))
    const ack = await client.command({ kind: 'openAllLocks' })
    expect(ack.rx.meaning).toEqual({ kind: 'allLocksAck', params: { data: '0000FFFF' } })
    await eighth
    expect(reports.map((r) => [r.slot, r.open])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((slot) => [slot, true]))
    const closed = next<LockState>((l) => client.onReport(l))
    const entry = next<CabinetFrameEntry>((l) => client.onFrame(l), (e) => e.role === 'report')
    expect(cab.sim.pushDoor(6)).toBe(true)
    expect(await closed).toMatchObject({ slot: 6, open: false, openCount: 1 })
    expect((await entry).meaning).toMatchObject({ kind: 'lockState', params: { slot: 6, open: false, key: 16, keyValue: 0 } })
    expect(cab.sim.pushDoor(6)).toBe(false)
  })

  it('opens one lock and reads the reply: slot, state, total opens', async () => {
    expect((await client.openLock(4)).lock).toEqual({ slot: 4, open: true, reportedSlot: 4, openCount: 1 })
    // a close report crossing an open request would answer it (same nodeid and modeid): let it arrive first
    const closed = next<LockState>((l) => client.onReport(l))
    cab.sim.pushDoor(4)
    await closed
    expect((await client.openLock(4)).lock.openCount).toBe(2)
  })

  it('a dropped answer times out, is counted, and the next command works', async () => {
    cab.sim.setFaults({ dropAnswers: 1 })
    expect((await rejection(client.command({ kind: 'readVoltage' }))).code).toBe('timeout')
    expect(client.stats.timeouts).toBe(1)
    expect((await client.read({ kind: 'readVoltage' })).raw).toBeGreaterThan(2290)
  })

  it('a late answer times out, then arrives as unmatched and answers nothing', async () => {
    cab.sim.setFaults({ lateAnswers: 1 })
    const late = next<CabinetFrameEntry>((l) => client.onFrame(l), (e) => e.role === 'unmatched')
    expect((await rejection(client.command({ kind: 'readCurrent', channel: 3 }))).code).toBe('timeout')
    expect((await late).meaning).toMatchObject({ kind: 'current', params: { channel: 3 } })
    expect((await client.read({ kind: 'readVoltage' })).raw).toBeGreaterThan(2290)
  })

  it('a corrupt CRC is counted and never taken as the answer', async () => {
    cab.sim.setFaults({ corruptCrc: 1 })
    const bad = next<CabinetFrameEntry>((l) => client.onFrame(l), (e) => e.status === 'badCrc')
    expect((await rejection(client.command({ kind: 'readEnergy' }))).code).toBe('timeout')
    expect((await bad).meaning?.kind).toBe('badCrc')
    expect(client.stats.badCrc).toBe(1)
    expect((await client.read({ kind: 'readEnergy' })).raw).toBeGreaterThanOrEqual(0)
  })

  it('answers through garbage bytes and split frames, counting the junk', async () => {
    cab.sim.setFaults({ garbage: true })
    for (let channel = 1; channel <= 9; channel++) await client.read({ kind: 'readCurrent', channel })
    await client.openLock(1)
    expect(client.stats.junkBytes).toBeGreaterThan(0)
    expect(client.stats.timeouts).toBe(0)
  })

  it('a stuck lock stays closed and reports nothing', async () => {
    cab.sim.setFaults({ stuckLocks: [3] })
    expect((await client.openLock(3)).lock).toMatchObject({ slot: 3, open: false, openCount: 0 })
    const reported: number[] = []
    client.onReport((lock) => reported.push(lock.slot))
    const eighth = next<LockState>((l) => client.onReport(l), (lock) => lock.slot === 8)
    await client.command({ kind: 'openAllLocks' })
    await eighth
    expect(reported).toEqual([1, 2, 4, 5, 6, 7, 8])
  })

  it('a dead channel reads nothing while its neighbours carry their load', async () => {
    cab.sim.setFaults({ deadChannels: [5] })
    const allOn = simState(cab, (s) => s.relays.every(Boolean))
    await client.command({ kind: 'allRelays', on: true })
    await allOn
    expect((await client.read({ kind: 'readCurrent', channel: 5 })).raw).toBe(0)
    expect((await client.read({ kind: 'readCurrent', channel: 4 })).raw).toBeGreaterThan(400)
  })

  it('before v5062, "all relays off" is answered and ignored; single relays still switch', async () => {
    cab.sim.setFirmware(5061)
    const allOn = simState(cab, (s) => s.relays.every(Boolean))
    await client.command({ kind: 'allRelays', on: true })
    await allOn
    await client.command({ kind: 'allRelays', on: false })
    // the answer came; the relays did not move. One more command in turn proves the board got past the first.
    await client.command({ kind: 'relay', relay: 1, on: false })
    expect(cab.sim.state().relays).toEqual([false, true, true, true, true, true, true, true])
  })

  it('the cable pulled mid-request fails it as disconnected; the same port coming back works again', async () => {
    cab.sim.setFaults({ dropAnswers: 1 })
    // from the dropped answer on, time stands still while the cable is pulled in real time
    let release = () => undefined as void
    const dropped = simState(cab, (s) => s.faults.dropAnswers === 0 && Boolean((release = clock.hold())))
    const pending = client.command({ kind: 'readVoltage' }, { timeoutMs: 10_000 })
    await dropped
    const lost = next<string>((l) => session.onState(l), (s) => s === 'disconnected')
    await cab.unplug()
    await lost
    release()
    expect((await rejection(pending)).code).toBe('portDisconnected')
    expect((await rejection(client.command({ kind: 'readVoltage' }))).code).toBe('portDisconnected')
    const back = next<string>((l) => session.onState(l), (s) => s === 'reconnected')
    await cab.plug()
    await back
    expect((await client.read({ kind: 'readVoltage' })).raw).toBeGreaterThan(2290)
  })
})
