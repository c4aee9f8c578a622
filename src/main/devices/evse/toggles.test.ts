/**
 * Start, stop, boost and the power available: sent once, confirmed from
 * Status, never retried, with what was sent and observed in the result.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EvseState } from '@shared/devices/evse/states'
import { SETTLE_MS } from './simulator'
import { type Bench, bench, evReady } from './test/setup'
import { CONFIRM_DEADLINE_MS, setPowerAvailable, toggle } from './toggles'

let b: Bench
afterEach(() => b?.sim.dispose())

describe('toggles', () => {
  it('start: one POST, confirmed from Status, current following ChargeCurrent', async () => {
    b = await bench()
    evReady(b.sim)
    const r = await toggle(b.client, b.clock, 'start')
    expect(r).toMatchObject({ outcome: 'confirmed', sent: { ChargeStartToggle: true }, answerError: null, before: { started: false, state: EvseState.EV_CONNECTED_B1_B2 } })
    expect(r.observed).toMatchObject({ started: true, state: EvseState.EV_CHARGE_C1_C2 })
    expect(b.posts('EvseCtrl')).toBe(1)
    await b.clock.sleep(SETTLE_MS)
    expect((await b.client.status()).currentA).toBe(16)
  })

  it('boost on and off follow ChargeCurrentBoost, each with one POST', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.charger.setStarted(true)
    expect((await toggle(b.client, b.clock, 'boostOn')).outcome).toBe('confirmed')
    await b.clock.sleep(SETTLE_MS)
    // boost 32 A, held to the phase limit of 25 A
    expect((await b.client.status()).currentA).toBe(25)
    expect((await toggle(b.client, b.clock, 'boostOff')).outcome).toBe('confirmed')
    expect(b.posts('EvseCtrl')).toBe(2)
  })

  it('already there or not allowed: nothing is sent', async () => {
    b = await bench()
    expect((await toggle(b.client, b.clock, 'stop')).outcome).toBe('alreadyThere')
    // no EV: the charger does not allow a start
    expect((await toggle(b.client, b.clock, 'start')).outcome).toBe('notAllowed')
    expect(b.posts('EvseCtrl')).toBe(0)
  })

  it('a lost answer is not retried: one POST in the log, and Status tells it took', async () => {
    b = await bench()
    evReady(b.sim)
    // the charger acts on the request and the connection drops before the answer is whole
    b.sim.server.inject('/webapi/v1/EvseCtrl', { kind: 'truncated' })
    const r = await toggle(b.client, b.clock, 'start')
    expect(b.posts('EvseCtrl')).toBe(1)
    expect(r.answerError).toBe('evseCutOff')
    expect(r.outcome).toBe('confirmed')
  })

  it('a toggle answered 200 and not carried out is not confirmed after the deadline, and not sent again', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.ignoreWrites(1)
    const started = b.clock.now()
    const r = await toggle(b.client, b.clock, 'start')
    expect(r.outcome).toBe('notConfirmed')
    expect(r.observed?.started).toBe(false)
    expect(b.clock.now() - started).toBeGreaterThanOrEqual(CONFIRM_DEADLINE_MS)
    expect(b.posts('EvseCtrl')).toBe(1)
  })

  it('a charger that restarts after the toggle: the result says so', async () => {
    b = await bench({}, { restartMs: 2000 })
    evReady(b.sim)
    await b.clock.sleep(30_000)
    b.sim.server.route('POST', '/webapi/v1/EvseCtrl', () => {
      void b.sim.restart()
      return { body: { ChargeStartToggle: 'Performing' } }
    })
    const r = await toggle(b.client, b.clock, 'start')
    expect(r.outcome).toBe('restarted')
    expect(b.posts('EvseCtrl')).toBe(1)
  })

  it('a relay error stops the charge and forbids a start', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.setFault('RELAY_ERR_F')
    const s = await b.client.status()
    expect([s.state, s.startStopAllowed]).toEqual([EvseState.RELAY_ERR_F, false])
    expect((await toggle(b.client, b.clock, 'start')).outcome).toBe('notAllowed')
  })
})

describe('power available', () => {
  it('under the limiting strategy, the current settles to the power written within the stated time', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.charger.config = { ...b.sim.charger.config, ControlStrategy: 1 }
    b.sim.charger.setStarted(true)
    await b.clock.sleep(SETTLE_MS)
    expect((await b.client.status()).currentA).toBe(16)
    const r = await setPowerAvailable(b.client, b.clock, 6900)
    expect(r).toMatchObject({ outcome: 'confirmed', observedW: 6900, sent: { EVSEPowerAvailable: 6900 } })
    await b.clock.sleep(SETTLE_MS)
    // 6900 W over three phases at 230 V
    const s = await b.client.status()
    expect(s.currentA).toBe(10)
    expect(s.powerW).toBe(6900)
    expect(b.posts('EvseCtrl')).toBe(1)
  })

  it('without the limiting strategy, Status does not show the power written: not confirmed', async () => {
    b = await bench()
    const r = await setPowerAvailable(b.client, b.clock, 5000)
    expect(r.outcome).toBe('notConfirmed')
    expect(b.posts('EvseCtrl')).toBe(1)
  })
})
