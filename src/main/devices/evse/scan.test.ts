/**
 * The scan against simulated chargers on loopback addresses: it finds exactly
 * those in the range, asks no address outside it, reports progress as each
 * address settles, and a cancel stops it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EvseState } from '@shared/devices/evse/states'
import { parseScanRange } from '@shared/devices/evse/range'
import type { EvseScanProgress } from '@shared/contract'
import { VirtualClock } from '../../core/clock'
import { scanChargers, scanHealth } from './scan'
import { type Site, site } from './test/site'

// addresses of their own, away from 127.0.0.1 where other tests' servers listen
const RANGE = '127.0.0.40-55'
let s: Site | null = null
afterEach(async () => {
  await s?.dispose()
  s = null
})

const addresses = (text: string) => {
  const r = parseScanRange(text)
  if (!r.ok) throw new Error(r.reason)
  return r.addresses
}

describe('scanning a range for chargers', () => {
  it('finds exactly the chargers in the range, with their identity and health, and asks nothing outside it', async () => {
    s = await site(['127.0.0.41', '127.0.0.47', '127.0.0.55', '127.0.0.56'])
    s.sims[1]!.setFault('EPO_F')
    const progress: Omit<EvseScanProgress, 'scanId'>[] = []
    const result = await scanChargers({ addresses: addresses(RANGE), port: s.port, clock: s.clock, onProgress: (p) => progress.push(p) })
    expect(result.phase).toBe('done')
    expect(result.hits.map((h) => h.host)).toEqual([`127.0.0.41:${s.port}`, `127.0.0.47:${s.port}`, `127.0.0.55:${s.port}`])
    expect(result.hits[0]).toMatchObject({ productType: '01100200', firmware: '0.9.2', mac: 'E0:E2:E6:52:AA:29', wifi: { ssid: '559EVSE', rssiDbm: -49, percent: 68 }, state: EvseState.IDLE_A1_A2, health: 'ok' })
    expect(new Set(result.hits.map((h) => h.mac)).size).toBe(3)
    expect(result.hits[1]).toMatchObject({ state: EvseState.EPO_F, health: 'fault' })
    // the charger outside the range was never asked
    expect(s.sims[3]!.server.calls).toEqual([])
    // one SystemInfo per address, one Status per charger found
    expect(result.requests).toBe(16 + 3)
    expect(progress.map((p) => p.scanned)).toEqual([...Array.from({ length: 16 }, (_, i) => i + 1), 16])
    expect(progress.at(-1)).toEqual(result)
  })

  it('a charger whose meter reports read errors is found with a warning', () => {
    const status = { meter1Errors: 3, meter2Errors: 0, state: EvseState.EV_CHARGE_C1_C2 }
    expect(scanHealth(status as never)).toBe('warning')
    expect(scanHealth(null)).toBe('unknown')
  })

  it('asks at most the given number of addresses at once', async () => {
    const clock = new VirtualClock(undefined, true)
    s = await site(['127.0.0.41', '127.0.0.42', '127.0.0.43', '127.0.0.44', '127.0.0.45', '127.0.0.46'], clock)
    let inFlight = 0
    let most = 0
    // the clock stands still until two requests are held, so the first two are surely in flight together
    let resume: (() => void) | null = clock.hold()
    // each charger holds its SystemInfo answer a second of the clock, counting how many it holds at once
    for (const sim of s.sims) {
      sim.server.route('GET', '/webapi/v1/SystemInfo', async () => {
        most = Math.max(most, ++inFlight)
        if (inFlight === 2 && resume) {
          resume()
          resume = null
        }
        await s!.clock.sleep(1000)
        inFlight--
        return { body: { TimeStamp: 1, ProductType: '01100200', MAC: sim.mac } }
      })
    }
    const result = await scanChargers({ addresses: addresses('127.0.0.41-46'), port: s.port, clock: s.clock, concurrency: 2 })
    expect(result.hits).toHaveLength(6)
    expect(most).toBe(2)
  })

  it('a cancel stops the scan: no address is asked after it, and the result says cancelled', async () => {
    s = await site(['127.0.0.41'])
    const controller = new AbortController()
    const result = await scanChargers({
      addresses: addresses(RANGE),
      port: s.port,
      clock: new VirtualClock(undefined, true),
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.scanned === 3) controller.abort()
      },
    })
    expect(result).toMatchObject({ phase: 'cancelled', scanned: 3, total: 16 })
    expect(result.hits.map((h) => h.host)).toEqual([`127.0.0.41:${s.port}`])
    expect(result.requests).toBe(3 + 1)
  })
})
