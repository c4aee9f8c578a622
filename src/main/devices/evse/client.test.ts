/**
 * The client against the simulated charger over loopback HTTP: every read
 * endpoint, each reading of the document's self-contradictions, the
 * transport's faults as localized charger errors, and a restart mid-call.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { EvseState } from '@shared/devices/evse/states'
import { EvseClient } from './client'
import { type Bench, bench, evReady } from './test/setup'

let b: Bench
afterEach(() => b?.sim.dispose())

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('reads', () => {
  it('Status: state, current, power and energy of a charging EV, and meter health', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.charger.setStarted(true)
    await b.clock.sleep(60_000)
    const s = await b.client.status()
    expect(s.state).toBe(EvseState.EV_CHARGE_C1_C2)
    expect(s.started).toBe(true)
    expect(s.currentA).toBe(16)
    expect(s.powerW).toBe(16 * 230 * 3)
    expect(s.durationS).toBe(60)
    // the first 4 s ramp up (a linear ramp to 16 A takes 2 s), then 58 s flat at 16 A
    expect(s.energyWs).toBeCloseTo(230 * 3 * (16 * 58 + 8 * 2), -1)
    expect([s.meter1Errors, s.meter2Errors]).toEqual([0, 0])
    expect(s.wifi).toEqual({ ssid: '559EVSE', rssiDbm: null, percent: 60 })
    expect(s.restarted).toBe(false)
  })

  it('SystemInfo: product, MAC, Wi-Fi in its own format, OTA flags', async () => {
    b = await bench()
    const info = await b.client.info()
    expect(info.productType).toBe('01100200')
    expect(info.mac).toMatch(/^E0:E2:E6:52:AA:/)
    expect(info.wifi).toEqual({ ssid: '559EVSE', rssiDbm: -49, percent: 68 })
    expect([info.otaCheckAllowed, info.otaUpdateAllowed]).toEqual([true, false])
  })

  it('SystemConfig: every field typed', async () => {
    b = await bench()
    const { config } = await b.client.config()
    expect(config).toEqual(b.sim.charger.config)
  })

  it('Meter1 and Meter2: the register map decoded with units, counters and freshness', async () => {
    b = await bench()
    const m1 = await b.client.meter(1)
    expect(m1.registers).toHaveLength(9)
    expect(m1.registers.find((r) => r.key === '0x04_0x0048')).toMatchObject({ name: 'TotalImport', unit: 'kWh', errors: 0, freshness: 'valid' })
    b.sim.meters[1].fail(true)
    const m2 = await b.client.meter(2)
    expect(m2.registers.every((r) => r.freshness === 'notAvailable' && r.errors === 1)).toBe(true)
    expect((await b.client.status()).meter2Errors).toBe(1)
  })
})

describe('the document disagrees with itself: both readings are read', () => {
  for (const duration of ['colons', 'letters'] as const) {
    for (const totalSecondsKey of ['ActualDurationTotalSeconds', 'ActualDurationTotalSecon'] as const) {
      it(`session length with duration "${duration}" and field ${totalSecondsKey}`, async () => {
        b = await bench({ duration, totalSecondsKey })
        evReady(b.sim)
        b.sim.charger.setStarted(true)
        await b.clock.sleep(3_725_000)
        expect((await b.client.status()).durationS).toBe(3725)
      })
    }
  }

  it('session length from the duration text alone, in either format, when no total-seconds field comes', async () => {
    b = await bench({ duration: 'colons' })
    evReady(b.sim)
    b.sim.charger.setStarted(true)
    await b.clock.sleep(3_725_000)
    b.sim.server.route('GET', '/webapi/v1/Status', () => ({ body: { TimeStamp: 1, EvseState: 5, ChargerStarted: true, ActualDuration: '01h:02m:05s' } }))
    expect((await b.client.status()).durationS).toBe(3725)
  })

  for (const registerKeys of ['underscore', 'space'] as const) {
    it(`register keys written with ${registerKeys === 'space' ? 'a space' : 'an underscore'}`, async () => {
      b = await bench({ registerKeys })
      const m = await b.client.meter(1)
      expect(m.registers.map((r) => r.key)).toContain('0x04_0x0180')
      expect(m.registers.every((r) => /^0x04_0x[0-9a-f]{4}$/.test(r.key))).toBe(true)
    })
  }
})

describe('faults, as the charger\'s own localized errors', () => {
  it('an address nobody has ever answered on: evseUnreachable after the first attempt, without the backoff ladder', async () => {
    b = await bench()
    await b.sim.server.unplug()
    const t0 = b.clock.now()
    const err = await failure(b.client.status())
    expect(err.code).toBe('evseUnreachable')
    expect(b.clock.sleeps).toEqual([])
    expect(b.clock.now() - t0).toBe(0)
  })

  it('an address that never answers in time: evseTimeout after one timeout, not four', async () => {
    b = await bench({}, { timeoutMs: 200 })
    b.sim.server.inject('/webapi/v1/Status', { kind: 'hang' }, 4)
    expect((await failure(b.client.status())).code).toBe('evseTimeout')
    expect(b.sim.server.calls.filter((c) => c.path === '/webapi/v1/Status')).toHaveLength(1)
    expect(b.clock.sleeps).toEqual([])
  })

  it('a charger that answered, then went away: the reads retry 1 + 2 + 4 s, then evseUnreachable', async () => {
    b = await bench()
    await b.client.status()
    await b.sim.server.unplug()
    const err = await failure(b.client.status())
    expect(err.code).toBe('evseUnreachable')
    expect(b.clock.sleeps.slice(-3)).toEqual([1000, 2000, 4000])
  })

  it('a charger that answered, then stops answering in time: retries end within the read budget', async () => {
    // as the default 5 s timeouts in 15 s: timeout + 1 s + timeout fits, a third attempt (+ 2 s + timeout) would not
    b = await bench()
    const client = new EvseClient({ host: b.client.host, clock: b.clock, timeoutMs: 150, readBudgetMs: 150 + 1000 + 150 + 500 })
    await client.info()
    b.sim.server.inject('/webapi/v1/Status', { kind: 'hang' }, 3)
    const sleeps = b.clock.sleeps.length
    const err = await failure(client.status())
    expect(err.code).toBe('evseTimeout')
    expect(b.sim.server.calls.filter((c) => c.path === '/webapi/v1/Status')).toHaveLength(2)
    expect(b.clock.sleeps.slice(sleeps)).toEqual([1000])
  })

  it('an HTTP 500 on every attempt: evseHttpError', async () => {
    b = await bench()
    b.sim.server.inject('/webapi/v1/Status', { kind: 'status', status: 500 }, 5)
    expect((await failure(b.client.status())).params).toMatchObject({ status: 500 })
  })

  it('broken JSON: evseNotJson', async () => {
    b = await bench()
    b.sim.server.inject('/webapi/v1/SystemInfo', { kind: 'brokenJson' })
    expect((await failure(b.client.info())).code).toBe('evseNotJson')
  })

  it('a JSON answer without the fields that make it Status: evseBadAnswer naming them', async () => {
    b = await bench()
    b.sim.server.route('GET', '/webapi/v1/Status', () => ({ body: { TimeStamp: 5, EvseState: 'charging' } }))
    const err = await failure(b.client.status())
    expect(err.code).toBe('evseBadAnswer')
    expect(String(err.params.fields)).toContain('EvseState')
    expect(String(err.params.fields)).toContain('ChargerStarted')
  })

  it('a slow answer within the timeout is read', async () => {
    b = await bench()
    b.sim.server.inject('/webapi/v1/Status', { kind: 'slow', ms: 3000 })
    expect((await b.client.status()).state).toBe(EvseState.IDLE_A1_A2)
  })

  it('an answer that never comes: evseTimeout', async () => {
    b = await bench({}, { timeoutMs: 200 })
    b.sim.server.inject('/webapi/v1/SystemConfig', { kind: 'hang' }, 4)
    expect((await failure(b.client.config())).code).toBe('evseTimeout')
  })

  it('an answer cut off once is read again; a read is retried, never a write', async () => {
    b = await bench()
    b.sim.server.inject('/webapi/v1/Meter1', { kind: 'truncated' })
    expect((await b.client.meter(1)).registers).toHaveLength(9)
    b.sim.server.inject('/webapi/v1/SystemConfig', { kind: 'reset' })
    expect((await failure(b.client.writeConfig({ ChargeCurrent: 10 }))).code).toBe('evseCutOff')
    expect(b.posts('SystemConfig')).toBe(1)
  })
})

describe('one request at a time per charger', () => {
  it('a second read waits for the first: two slow answers come one after the other, not together', async () => {
    b = await bench()
    b.sim.server.inject('/webapi/v1/Status', { kind: 'slow', ms: 2000 }, 2)
    const t0 = b.clock.now()
    await Promise.all([b.client.status(), b.client.info(), b.client.status()])
    const answered = b.sim.server.calls.filter((c) => c.path === '/webapi/v1/Status').map((c) => c.at - t0)
    expect(answered).toEqual([2000, 4000])
  })
})

describe('a charger that restarts under the client', () => {
  it('a read during a restart waits it out and says the charger restarted', async () => {
    b = await bench()
    await b.clock.sleep(50_000)
    expect((await b.client.status()).uptimeMs).toBe(50_000)
    const restarting = b.sim.restart()
    const s = await b.client.status()
    await restarting
    expect(s.restarted).toBe(true)
    expect(s.uptimeMs).toBeLessThan(50_000)
    expect(b.sim.server.calls.filter((c) => c.path === '/webapi/v1/Status').length).toBe(2)
  })
})
