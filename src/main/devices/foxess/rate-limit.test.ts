/**
 * Rate limiting end to end, on a virtual clock shared by client and
 * simulator: pacing keeps the service from ever saying "too frequent", and
 * when it does say it the client backs off with jitter instead of storming.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AppError } from '@shared/contract'
import { harness, type Harness, SN } from './test/harness'

let h: Harness
afterEach(async () => {
  await h?.close()
})

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

describe('rate limits (virtual clock, real loopback HTTP)', () => {
  it('ten parallel reads of one path are paced ≥ 1 s apart and the service never says 40400', async () => {
    h = await harness()
    const results = await Promise.all(Array.from({ length: 10 }, () => h.api.realTime([SN.krakow], ['pvPower'])))
    expect(results).toHaveLength(10)
    const calls = h.sim.calls.filter((c) => c.path === '/op/v1/device/real/query')
    expect(calls).toHaveLength(10)
    expect(calls.every((c) => c.errno === 0)).toBe(true)
    expect(Math.min(...gaps(calls.map((c) => c.at)))).toBeGreaterThanOrEqual(1000)
  })

  it('setting writes to one inverter are ≥ 2 s apart even on different paths', async () => {
    h = await harness()
    await h.api.socSet(SN.krakow, { minSoc: 12, minSocOnGrid: 15 })
    await h.api.settingSet(SN.krakow, 'ExportLimit', 5000)
    await h.api.forceChargeSet(SN.krakow, { enable1: false, enable2: false, startTime1: { hour: 0, minute: 0 }, endTime1: { hour: 0, minute: 0 }, startTime2: { hour: 0, minute: 0 }, endTime2: { hour: 0, minute: 0 } })
    const writes = h.sim.calls.filter((c) => /\/set$/.test(c.path))
    expect(writes).toHaveLength(3)
    expect(Math.min(...gaps(writes.map((c) => c.at)))).toBeGreaterThanOrEqual(2000)
  })

  it('a stricter service: 40400, then a jittered, growing backoff, then success — a handful of calls, no storm', async () => {
    h = await harness({ sim: { limits: { pathIntervalMs: 2500 } } })
    await h.api.deviceDetail(SN.krakow)
    const second = await h.api.deviceDetail(SN.krakow)
    expect(second.deviceSN).toBe(SN.krakow)
    const calls = h.sim.calls.filter((c) => c.path === '/op/v0/device/detail')
    const errnos = calls.map((c) => c.errno)
    expect(errnos[0]).toBe(0)
    expect(errnos).toContain(40400)
    expect(errnos[errnos.length - 1]).toBe(0)
    expect(calls.length).toBeLessThanOrEqual(4)
    // each retry waited at least the pacing gap plus a backoff from the pacer
    expect(Math.min(...gaps(calls.map((c) => c.at)))).toBeGreaterThanOrEqual(1000)
    const backoffs = h.clock.sleeps.filter((ms) => ms > 1000)
    expect(backoffs.length).toBeGreaterThanOrEqual(1)
  })

  it('reads give up after their retries with a rate-limit error that says how long the client waits', async () => {
    h = await harness()
    h.sim.inject('/op/v0/device/generation', { kind: 'errno', errno: 40400 }, 10)
    const started = h.clock.now()
    let error: AppError | null = null
    try {
      await h.api.generation(SN.krakow)
    } catch (err) {
      error = err as AppError
    }
    expect(error?.code).toBe('foxessRateLimited')
    expect(Number(error?.params.seconds)).toBeGreaterThan(0)
    const calls = h.sim.calls.filter((c) => c.path === '/op/v0/device/generation')
    expect(calls).toHaveLength(3) // the call and two retries
    // 4 s then 8 s ceilings, upper-half jitter: at least 2 s, then 4 s of backoff between them
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2000)
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(4000)
    expect(h.api.state().coolDownUntil).toBeGreaterThan(started)
    // the cool-down holds every other path back too
    const before = h.clock.now()
    await h.api.socGet(SN.krakow)
    const socCall = h.sim.calls.find((c) => c.path === '/op/v0/device/battery/soc/get')!
    expect(socCall.at).toBeGreaterThanOrEqual(before)
    expect(socCall.at).toBeGreaterThanOrEqual(calls[2]!.at + 4000)
  })

  it('a write is never retried by itself after 40400: one call, an error, nothing changed', async () => {
    h = await harness()
    h.sim.inject('/op/v0/device/battery/soc/set', { kind: 'errno', errno: 40400 })
    await expect(h.api.socSet(SN.krakow, { minSoc: 30, minSocOnGrid: 30 })).rejects.toMatchObject({ code: 'foxessRateLimited' })
    expect(h.sim.calls.filter((c) => c.path === '/op/v0/device/battery/soc/set')).toHaveLength(1)
    expect(h.sim.settingsOf(SN.krakow).minSoc).toBe(10)
  })

  it('an hour of live monitoring of ten inverters at a 60 s refresh costs 60 calls', async () => {
    h = await harness()
    const sns = h.sim.serials().slice(0, 10)
    const end = h.clock.now() + 3600_000
    let refreshes = 0
    while (h.clock.now() < end) {
      await h.api.realTime(sns, ['pvPower', 'SoC', 'feedinPower'])
      refreshes++
      await h.clock.sleep(60_000)
    }
    expect(refreshes).toBe(60)
    expect(h.calls.filter((c) => c === '/op/v1/device/real/query')).toHaveLength(60)
    expect(h.sim.calls.every((c) => c.errno === 0)).toBe(true)
  })
})
