import { describe, expect, it } from 'vitest'
import { seededUnit } from '../../core/seeded-random'
import { VirtualClock } from '../../core/clock'
import { CallPacer } from './pacer'

/** Lets every pending promise and timer callback of the event loop run. */
const flush = () => new Promise<void>((r) => setImmediate(r))

describe('CallPacer (virtual clock)', () => {
  it('keeps calls to the same path at least 1 s apart, measured from the end of the previous one', async () => {
    const clock = new VirtualClock(0, true)
    const pacer = new CallPacer(clock, seededUnit(1))
    const times: number[] = []
    const gate = pacer.pathGate('/op/v0/device/real/query')
    const calls = [0, 1, 2].map(() =>
      pacer.run([gate], async () => {
        times.push(clock.now())
        await clock.sleep(250) // the request takes 250 ms in flight
      }),
    )
    await Promise.all(calls)
    expect(times).toEqual([0, 1250, 2500])
  })

  it('lets different paths go without waiting for each other', async () => {
    const clock = new VirtualClock(0)
    const pacer = new CallPacer(clock)
    const times: number[] = []
    await pacer.run([pacer.pathGate('/a')], async () => void times.push(clock.now()))
    await pacer.run([pacer.pathGate('/b')], async () => void times.push(clock.now()))
    expect(times).toEqual([0, 0])
  })

  it('keeps setting writes to one device 2 s apart, across paths', async () => {
    const clock = new VirtualClock(0, true)
    const pacer = new CallPacer(clock)
    const times: number[] = []
    await pacer.run([pacer.pathGate('/soc/set'), pacer.writeGate('SN1')], async () => void times.push(clock.now()))
    await pacer.run([pacer.pathGate('/setting/set'), pacer.writeGate('SN1')], async () => void times.push(clock.now()))
    await pacer.run([pacer.pathGate('/setting/set'), pacer.writeGate('SN2')], async () => void times.push(clock.now()))
    expect(times).toEqual([0, 2000, 3000])
  })

  it('backs off after "too frequent" with doubling, jittered waits that every call respects', async () => {
    const clock = new VirtualClock(0, true)
    const pacer = new CallPacer(clock, seededUnit(7), { pathIntervalMs: 1000, writeIntervalMs: 2000, backoffBaseMs: 2000, backoffMaxMs: 16_000 })
    const delays = [pacer.rateLimited(), pacer.rateLimited(), pacer.rateLimited(), pacer.rateLimited(), pacer.rateLimited()]
    // equal jitter: each wait in the upper half of 2, 4, 8, 16, 16 s
    const ceilings = [2000, 4000, 8000, 16_000, 16_000]
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(ceilings[i]! / 2)
      expect(d).toBeLessThanOrEqual(ceilings[i]!)
    })
    const until = pacer.coolingUntil()!
    expect(until).toBe(Math.max(...delays))
    let ranAt = -1
    await pacer.run([pacer.pathGate('/other')], async () => void (ranAt = clock.now()))
    expect(ranAt).toBe(until)
    pacer.succeeded()
    expect(pacer.rateLimited()).toBeLessThanOrEqual(2000)
  })

  it('different seeds give different waits (no thundering herd)', () => {
    const a = new CallPacer(new VirtualClock(0), seededUnit(1)).rateLimited()
    const b = new CallPacer(new VirtualClock(0), seededUnit(99)).rateLimited()
    expect(a).not.toBe(b)
  })

  it('a cancelled wait frees its turn for the next caller', async () => {
    const clock = new VirtualClock(0)
    const pacer = new CallPacer(clock)
    const gate = pacer.pathGate('/x')
    await pacer.run([gate], async () => undefined)
    const abort = new AbortController()
    const waiting = pacer.run([gate], async () => 'first', abort.signal)
    const next = pacer.run([gate], async () => clock.now())
    await flush()
    abort.abort(new Error('cancelled'))
    await expect(waiting).rejects.toThrow('cancelled')
    await flush()
    clock.advance(1000)
    await expect(next).resolves.toBe(1000)
  })
})
