import { describe, expect, it } from 'vitest'
import { VirtualClock } from './clock'
import { type Lease, LeasedPoller } from './leased-poller'

/** Lets the loop run what it can between clock moves (it awaits a poll, then a sleep). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

async function advance(clock: VirtualClock, ms: number, step = 1000) {
  for (let t = 0; t < ms; t += step) {
    await settle()
    clock.advance(Math.min(step, ms - t))
  }
  await settle()
}

function poller(clock: VirtualClock, leaseMs = 60_000) {
  const polls: number[] = []
  const expired: Lease[] = []
  let idle = 0
  const p = new LeasedPoller({
    clock,
    leaseMs,
    poll: async ({ startedAt }) => {
      polls.push(startedAt - T0)
    },
    onExpired: (lease) => expired.push(lease),
    onIdle: () => idle++,
  })
  return { p, polls, expired, idle: () => idle }
}
const T0 = Date.UTC(2026, 10, 21, 10, 0, 0)

describe('leased poller', () => {
  it('polls at once, then at the smallest interval any lease holds, and stops with the last release', async () => {
    const clock = new VirtualClock(T0)
    const { p, polls, idle } = poller(clock)
    expect(p.polling).toBe(false)
    const slow = p.acquire(10_000)
    await settle()
    expect(polls).toEqual([0])
    await advance(clock, 20_000)
    expect(polls).toEqual([0, 10_000, 20_000])
    // a faster viewer arrives mid-sleep: the next poll comes 2 s after the last one started, not after the 10 s sleep
    await advance(clock, 1000)
    const fast = p.acquire(2000)
    await advance(clock, 4000)
    expect(polls).toEqual([0, 10_000, 20_000, 22_000, 24_000])
    p.release(fast.id)
    await advance(clock, 20_000)
    expect(polls.slice(5)).toEqual([26_000, 36_000])
    p.release(slow.id)
    expect(p.polling).toBe(false)
    expect(idle()).toBe(1)
    await advance(clock, 60_000)
    expect(polls).toHaveLength(7)
    expect(clock.pending).toBe(0)
  })

  it('a lease not renewed runs out and polling stops; a renewed one keeps it going', async () => {
    const clock = new VirtualClock(T0)
    const { p, polls, expired, idle } = poller(clock, 30_000)
    const kept = p.acquire(10_000)
    const forgotten = p.acquire(10_000)
    for (let i = 0; i < 6; i++) {
      await advance(clock, 10_000)
      p.acquire(10_000, kept.id)
    }
    expect(expired.map((l) => l.id)).toEqual([forgotten.id])
    expect(p.leaseCount).toBe(1)
    expect(p.polling).toBe(true)
    await advance(clock, 60_000)
    expect(expired.map((l) => l.id)).toEqual([forgotten.id, kept.id])
    expect(p.polling).toBe(false)
    expect(idle()).toBe(1)
    // every poll came while a lease was held: none after the kept one ran out at 90 s
    expect(Math.max(...polls)).toBeLessThanOrEqual(90_000)
  })

  it('a failing poll does not stop polling, and a stop aborts the poll in flight', async () => {
    const clock = new VirtualClock(T0)
    let calls = 0
    let aborted = false
    const p = new LeasedPoller({
      clock,
      leaseMs: 60_000,
      poll: async ({ signal }) => {
        calls++
        if (calls < 3) throw new Error('no answer')
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve())))
      },
    })
    const lease = p.acquire(1000)
    await advance(clock, 2000)
    expect(calls).toBe(3)
    p.release(lease.id)
    await settle()
    expect(aborted).toBe(true)
    expect(p.polling).toBe(false)
  })
})
