/**
 * The simulated charger itself: the EvseState machine with an EV, current
 * and energy on the clock, the meters, the IP-meter rule, faults, restarts,
 * and its place in the simulator registry.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EvseState } from '@shared/devices/evse/states'
import { MemoryLogger } from '../../../log/logger'
import { SimulatorRegistry } from '../../../simulators/registry'
import { VirtualClock } from '../../../core/clock'
import { EvseClient } from '../client'
import { type Bench, bench } from '../test/setup'
import { SETTLE_MS, SimCharger } from './charger'
import { evseSimulator, type EvseSimulator } from './index'

let b: Bench | null = null
afterEach(async () => {
  await b?.sim.dispose()
  b = null
})

describe('the EvseState machine', () => {
  it('A without an EV, B plugged, C once started and asked to charge, B when the EV stops asking, A unplugged', () => {
    const c = new SimCharger(new VirtualClock())
    expect(c.state()).toBe(EvseState.IDLE_A1_A2)
    c.plug()
    expect(c.state()).toBe(EvseState.EV_CONNECTED_B1_B2)
    c.setStarted(true)
    expect(c.state()).toBe(EvseState.EV_CONNECTED_B1_B2)
    c.evWantsCharge = true
    expect(c.state()).toBe(EvseState.EV_CHARGE_C1_C2)
    c.evWantsCharge = false
    expect(c.state()).toBe(EvseState.EV_CONNECTED_B1_B2)
    c.unplug()
    expect([c.state(), c.started]).toEqual([EvseState.IDLE_A1_A2, false])
  })

  it('auto start: plugging in starts the session', () => {
    const c = new SimCharger(new VirtualClock())
    c.config.ChargeAutoStart = true
    c.plug()
    expect(c.started).toBe(true)
  })

  for (const fault of ['RELAY_ERR_F', 'EPO_F', 'LOCK_ERR_F', 'PP_ERR_F', 'EV_DIODE_ERR', 'EV_ERR_E', 'EV_GENERAL_ERR'] as const) {
    it(`${fault}: the state shows it, current drops to zero, start and boost are refused`, () => {
      const clock = new VirtualClock()
      const c = new SimCharger(clock)
      c.plug()
      c.evWantsCharge = true
      c.setStarted(true)
      clock.advance(SETTLE_MS)
      c.update()
      expect(c.currentA).toBe(16)
      c.fault = fault
      clock.advance(SETTLE_MS)
      c.update()
      expect([c.state(), c.currentA, c.startStopAllowed, c.boostAllowed]).toEqual([EvseState[fault], 0, false, false])
    })
  }
})

describe('current, power and energy on the clock', () => {
  it('single phase: power is current × 230 V; energy accumulates and meter 1 counts it', () => {
    const clock = new VirtualClock()
    const c = new SimCharger(clock)
    c.config.Charge3Phase = false
    c.plug()
    c.evWantsCharge = true
    c.setStarted(true)
    const import0 = c.importKWh
    clock.advance(SETTLE_MS)
    c.update()
    const settled = c.energyWs
    clock.advance(3_600_000)
    c.update()
    expect(c.powerW).toBe(16 * 230)
    expect(c.energyWs - settled).toBeCloseTo(16 * 230 * 3600, 3)
    expect(c.importKWh - import0).toBeCloseTo(c.energyWs / 3_600_000, 6)
  })

  it('the current ramps to a new target within the stated settling time, not at once', () => {
    const clock = new VirtualClock()
    const c = new SimCharger(clock)
    c.plug()
    c.evWantsCharge = true
    c.setStarted(true)
    clock.advance(SETTLE_MS / 8)
    c.update()
    expect(c.currentA).toBeGreaterThan(0)
    expect(c.currentA).toBeLessThan(16)
    clock.advance(SETTLE_MS)
    c.update()
    expect(c.currentA).toBe(16)
  })

  it('below 6 A of power available the charger pauses rather than offer less', () => {
    const c = new SimCharger(new VirtualClock())
    c.config.ControlStrategy = 1
    c.powerAvailableW = 3000
    c.plug()
    c.evWantsCharge = true
    c.setStarted(true)
    expect(c.targetA()).toBe(0)
    c.config.Charge3Phase = false
    expect(c.targetA()).toBe(13)
  })
})

describe('SystemConfig rule and restarts over HTTP', () => {
  it('an IP meter type is refused without a valid IP in the same write, taken with one', () => {
    const c = new SimCharger(new VirtualClock())
    expect(c.write({ Meter1Type: 5, Meter1Ip: 'not-an-ip' })).toEqual(['Meter1Ip', 'Meter1Type'])
    expect(c.config.Meter1Type).toBe(1)
    expect(c.write({ Meter1Type: 5, Meter1Ip: '10.0.0.7' })).toEqual([])
    expect(c.config).toMatchObject({ Meter1Type: 5, Meter1Ip: '10.0.0.7' })
  })

  it('a restart: gone for a moment, back with the uptime counted from the reboot', async () => {
    b = await bench({}, { restartMs: 5000 })
    await b.clock.sleep(20_000)
    const restarting = b.sim.restart()
    expect(b.sim.server.plugged).toBe(false)
    await restarting
    expect(b.sim.server.plugged).toBe(true)
    expect(b.sim.charger.uptimeMs).toBe(5000)
  })

  it('meter errors: the counter climbs with each read while the meter fails, Status shows it', async () => {
    b = await bench()
    b.sim.meters[0].fail(true)
    await b.client.meter(1)
    await b.client.meter(1)
    expect((await b.client.status()).meter1Errors).toBe(2)
  })

  it('a meter whose type is none (0) has no current data', async () => {
    b = await bench()
    expect(b.sim.charger.config.Meter2Type).toBe(0)
    expect((await b.client.meter(2)).registers.every((r) => r.freshness === 'notAvailable')).toBe(true)
    expect((await b.client.meter(1)).registers.every((r) => r.freshness === 'valid')).toBe(true)
  })
})

describe('in the simulator registry (demo mode)', () => {
  it('starts with an EV plugged in; unplugged it is unreachable, plugged back it answers at the same URL', async () => {
    const registry = new SimulatorRegistry(new MemoryLogger())
    registry.define(evseSimulator)
    try {
      await registry.start('evse')
      const sim = registry.instance<EvseSimulator>('evse')!
      const clock = new VirtualClock(undefined, true)
      const client = new EvseClient({ host: new URL(sim.url).host, clock, retry: { retries: 0 } })
      expect((await client.status()).state).toBe(EvseState.EV_CONNECTED_B1_B2)
      await registry.unplug('evse')
      await expect(client.status()).rejects.toMatchObject({ code: 'evseUnreachable' })
      await registry.plug('evse')
      expect((await client.status()).startStopAllowed).toBe(true)
    } finally {
      await registry.stopAll()
    }
  })
})
