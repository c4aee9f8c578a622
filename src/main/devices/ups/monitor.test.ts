import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UPS_COMM_LOST, type UpsLinkState } from '@shared/contract'
import { VirtualClock } from '../../core/clock'
import { LineTally } from '../../transport/serial/line-tally'
import { defaultFraming } from './framing'
import { type PtyUps, startPtyUps, UPS_LINE } from './harness'
import { type UpsPoll, UpsMonitor } from './monitor'
import { shippedProtocol } from './shipped'

const INTERVAL = 2000

/** Monitor and simulated UPS share a virtual clock that jumps only when the line is quiet: a day of polls costs no real waiting. */
describe('UPS monitor against the simulator over a pseudo-terminal pair', () => {
  let ups: PtyUps
  let clock: VirtualClock
  let monitor: UpsMonitor

  const untilPoll = (test: (poll: UpsPoll) => boolean) =>
    new Promise<UpsPoll>((resolve) => {
      const off = monitor.onPoll((poll) => {
        if (!test(poll)) return
        off()
        resolve(poll)
      })
    })
  const linkIs = (state: UpsLinkState) => untilPoll((p) => p.link === state)
  const reading = (n: number) => monitor.readings().find((r) => r.n === n)!
  const activeKeys = () => monitor.alarms().active.map((a) => a.key)

  beforeEach(async () => {
    const tally = new LineTally()
    clock = new VirtualClock(undefined, true, tally.underWay)
    ups = await startPtyUps({ clock, runtimeMs: 60_000, rechargeMs: 60_000 }, { tally })
    const session = await ups.ports.open(ups.path, UPS_LINE, 'test')
    monitor = new UpsMonitor({ session, protocol: shippedProtocol(), framing: defaultFraming, clock, intervalMs: INTERVAL })
  })

  afterEach(async () => {
    await monitor.stop()
    await ups.close()
  })

  it('reads all 121 values in one poll of three commands, with units, and no alarm while all is well', async () => {
    monitor.start()
    const poll = await untilPoll(() => true)
    expect(poll.link).toBe('ok')
    expect(poll.raw.size).toBe(121)
    expect([...poll.raw.values()].every((v) => v !== null)).toBe(true)
    expect(monitor.stats).toMatchObject({ polls: 1, requests: 3, answers: 3, timeouts: 0 })
    expect(reading(1)).toMatchObject({ unit: 'V', stale: false })
    expect(reading(1).value).toBeGreaterThan(218)
    expect(reading(1).value).toBeLessThan(222)
    expect(reading(20).value).toBeCloseTo(50, 0)
    expect(reading(121)).toMatchObject({ value: 100, unit: '%' })
    expect(activeKeys()).toEqual([])
    // the polls keep their interval on the clock
    const second = await untilPoll(() => true)
    expect(second.at - poll.at).toBe(INTERVAL)
  })

  it('follows a mains failure: on battery, battery low, shutdown; mains back clears every alarm with its time', async () => {
    monitor.start()
    await linkIs('ok')
    const cut = clock.now()
    ups.sim.setScenario('mainsFailure')
    await untilPoll((p) => p.raw.get(1) === 0)
    expect(activeKeys()).toEqual(expect.arrayContaining(['cmd-23', 'cmd-25', 'cmd-27', 'cmd-29', 'cmd-87', 'cmd-88', 'cmd-89']))
    expect(reading(4).value).toBeGreaterThan(200)
    // 13.5 kW from two strings near 260 V: about 26 A each
    expect(reading(18).value).toBeGreaterThan(22)
    expect(reading(18).value).toBeLessThan(30)
    const onBattery = reading(121).value!
    const low = await untilPoll(() => activeKeys().includes('cmd-31'))
    expect(reading(121).value!).toBeLessThan(onBattery)
    expect(reading(121).value!).toBeLessThan(25)
    expect(activeKeys()).toEqual(expect.arrayContaining(['cmd-34', 'cmd-93', 'cmd-94']))
    await untilPoll(() => activeKeys().includes('cmd-49'))
    expect(activeKeys()).toEqual(expect.arrayContaining(['cmd-32', 'cmd-35', 'cmd-51']))
    expect(reading(4).value).toBe(0)
    expect(reading(118).value).toBe(0)
    const mainsBack = clock.now()
    ups.sim.setScenario('normal')
    await untilPoll(() => activeKeys().length === 0)
    const history = monitor.alarms().history
    const low31 = history.find((a) => a.key === 'cmd-31')!
    expect(low31.raisedAt).toBeGreaterThan(cut)
    expect(low31.raisedAt).toBeLessThanOrEqual(low.at)
    expect(low31.clearedAt).toBeGreaterThanOrEqual(mainsBack)
    expect(history.map((a) => a.key)).toEqual(expect.arrayContaining(['cmd-23', 'cmd-31', 'cmd-49']))
    expect(reading(4).value).toBeGreaterThan(200)
  })

  it.each([
    ['overload', ['cmd-39', 'cmd-40', 'cmd-41', 'cmd-109', 'cmd-112'], 118, 128],
    ['manualBypass', ['cmd-48'], 4, 0],
    ['phaseSequence', ['cmd-58', 'cmd-57'], 121, 100],
    ['epo', ['cmd-55'], 4, 0],
  ] as const)('raises the alarms of %s', async (scenario, alarms, n, value) => {
    monitor.start()
    await linkIs('ok')
    ups.sim.setScenario(scenario)
    await untilPoll(() => alarms.every((a) => activeKeys().includes(a)))
    // load carries a percent of noise
    expect(Math.abs(reading(n).value! - value)).toBeLessThanOrEqual(1)
    ups.sim.setScenario('normal')
    await untilPoll(() => activeKeys().length === 0)
  })

  it('no answer: values stale at the next poll, communication lost after three intervals, then back by itself', async () => {
    monitor.start()
    await linkIs('ok')
    const before = reading(1)
    ups.sim.setLineFault('noAnswer')
    const stale = await linkIs('stale')
    expect(reading(1)).toMatchObject({ stale: true, value: before.value })
    expect(activeKeys()).not.toContain(UPS_COMM_LOST)
    const lost = await linkIs('lost')
    expect(lost.at - monitor.lastAnswerAt!).toBeGreaterThanOrEqual(3 * INTERVAL)
    expect(lost.at - stale.at).toBeLessThanOrEqual(3 * INTERVAL)
    expect(activeKeys()).toEqual([UPS_COMM_LOST])
    ups.sim.setLineFault('none')
    await linkIs('ok')
    expect(reading(1).stale).toBe(false)
    expect(monitor.alarms().history.find((a) => a.key === UPS_COMM_LOST)?.clearedAt).toBeGreaterThan(lost.at)
  })

  it.each([
    ['shortAnswer', 'timeouts'],
    ['garbage', 'junkBytes'],
    ['wrongLength', 'badAnswers'],
  ] as const)('%s: nothing read from it, counted, and clean readings once it stops', async (fault, counter) => {
    monitor.start()
    await linkIs('ok')
    ups.sim.setLineFault(fault)
    await linkIs('stale')
    expect(monitor.stats[counter]).toBeGreaterThan(0)
    expect(reading(121).stale).toBe(true)
    ups.sim.setLineFault('none')
    const back = await linkIs('ok')
    expect([...back.raw.values()].every((v) => v !== null)).toBe(true)
    expect(reading(121)).toMatchObject({ value: 100, stale: false })
    // what a cut answer left behind never spoils the next one
    if (fault === 'shortAnswer') expect(monitor.stats.badAnswers).toBe(0)
  })

  it('the adapter pulled: communication lost; plugged back: the port reopens and polling goes on', async () => {
    monitor.start()
    await linkIs('ok')
    await ups.unplug()
    await linkIs('lost')
    expect(activeKeys()).toContain(UPS_COMM_LOST)
    await ups.plug()
    await linkIs('ok')
    expect(activeKeys()).not.toContain(UPS_COMM_LOST)
  })
})
