/**
 * Live data on the leased poller, against the simulator over loopback HTTP on
 * a virtual clock: what a subscription costs the daily budget, and that a
 * view closed without a goodbye stops spending it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FoxLiveUpdate } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import { LIVE_LEASE_MS, LiveMonitor } from './live'
import { harness, type Harness, SN } from './test/harness'

const REAL_TIME = '/op/v1/device/real/query'
let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function monitor() {
  h = await harness()
  const updates: FoxLiveUpdate[] = []
  const log = new MemoryLogger()
  const live = new LiveMonitor(() => h!.api, h.clock, (u) => updates.push(u), log)
  return { h, live, updates, log }
}

/** Lets virtual time run (the auto clock jumps to each sleeper) until the condition holds or `maxMs` of it has passed. */
async function runUntil(h: Harness, done: () => boolean, maxMs: number) {
  const end = h.clock.now() + maxMs
  while (!done() && h.clock.now() < end) await h.clock.sleep(5000)
}

describe('Fox ESS live data on the leased poller', () => {
  it('an unrenewed subscription polls at its refresh for the lease, then stops and says so', async () => {
    const { h, live, updates, log } = await monitor()
    const started = h.clock.now()
    const { subscriptionId, leaseUntil } = live.start({ sns: [SN.krakow], variables: ['pvPower', 'SoC'], intervalSeconds: 60 })
    expect(leaseUntil).toBe(started + LIVE_LEASE_MS)
    await runUntil(h, () => live.count === 0, 2 * LIVE_LEASE_MS)
    expect(live.count).toBe(0)
    // polls at 0, 60 … 300 s: the lease still holds at its last instant
    expect(h.sim.calls.filter((c) => c.path === REAL_TIME)).toHaveLength(6)
    expect(updates.map((u) => u.nextAt - started)).toEqual([60_000, 120_000, 180_000, 240_000, 300_000, 360_000])
    expect(updates.every((u) => u.subscriptionId === subscriptionId && u.samples[0]?.deviceSN === SN.krakow)).toBe(true)
    expect(log.lines.filter((l) => l.event === 'foxess.liveLeaseExpired')).toEqual([{ level: 'info', event: 'foxess.liveLeaseExpired', fields: { id: subscriptionId } }])
    await runUntil(h, () => false, 10 * 60_000)
    expect(h.sim.calls.filter((c) => c.path === REAL_TIME)).toHaveLength(6)
  })

  it('a renewal changes variables and refresh at once; stop ends the calls', async () => {
    const { h, live, updates } = await monitor()
    const started = h.clock.now()
    const { subscriptionId } = live.start({ sns: [SN.krakow], variables: ['pvPower'], intervalSeconds: 60 })
    await runUntil(h, () => updates.length >= 2, 5 * 60_000)
    live.start({ sns: [SN.krakow], variables: ['SoC'], intervalSeconds: 30, subscriptionId })
    await runUntil(h, () => updates.length >= 4, 5 * 60_000)
    live.stop(subscriptionId)
    // renewed at about 65 s: the next poll comes 30 s after the one at 60 s
    expect(updates.map((u) => u.nextAt - started)).toEqual([60_000, 120_000, 120_000, 150_000])
    expect(Object.keys(updates[3]!.samples[0]!.values)).toEqual(['SoC'])
    const calls = h.sim.calls.length
    await runUntil(h, () => false, 5 * 60_000)
    expect(h.sim.calls.length).toBe(calls)
    expect(live.count).toBe(0)
  })

  it('a fifth view makes the oldest give way: at most four subscriptions spend the budget', async () => {
    const { h, live } = await monitor()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(live.start({ sns: [SN.krakow], variables: ['pvPower'], intervalSeconds: 60 }).subscriptionId)
      await h.clock.sleep(1000)
    }
    expect(live.count).toBe(4)
    // renewing the evicted one starts a new subscription rather than reviving it
    const again = live.start({ sns: [SN.krakow], variables: ['pvPower'], intervalSeconds: 60, subscriptionId: ids[0] })
    expect(ids).not.toContain(again.subscriptionId)
    live.stopAll()
    expect(live.count).toBe(0)
  })
})
