/**
 * Every fault the simulated charger can play, reached through the client the
 * app uses (one test each), and a restart as one event for every user of the
 * charger, whichever read sees it first.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { EvseChargerEvent } from '@shared/contract'
import { EvseErrorStates, EvseState } from '@shared/devices/evse/states'
import type { HttpFault } from '../../simulators/http'
import type { EvseClient } from './client'
import { writeConfig } from './config-write'
import { runServiceCode } from './service'
import type { ChargerFault } from './simulator'
import { type Bench, bench, evReady } from './test/setup'
import { toggle } from './toggles'

let b: Bench
afterEach(() => b?.sim.dispose())

const caught = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as { code?: string })

describe('each answer fault, on every read endpoint', () => {
  const reads = { Status: (c: EvseClient) => c.status(), SystemInfo: (c: EvseClient) => c.info(), SystemConfig: (c: EvseClient) => c.config(), Meter1: (c: EvseClient) => c.meter(1), Meter2: (c: EvseClient) => c.meter(2) }
  const faults: [string, HttpFault, string | null][] = [
    ['slow (inside the timeout): read', { kind: 'slow', ms: 3000 }, null],
    ['never answered: evseTimeout', { kind: 'hang' }, 'evseTimeout'],
    ['HTTP 500: evseHttpError', { kind: 'status', status: 500 }, 'evseHttpError'],
    ['broken JSON: evseNotJson', { kind: 'brokenJson' }, 'evseNotJson'],
    ['cut off every time: evseCutOff', { kind: 'truncated' }, 'evseCutOff'],
  ]
  for (const [name, fault, code] of faults) {
    for (const [endpoint, read] of Object.entries(reads)) {
      it(`${endpoint}, ${name}`, async () => {
        b = await bench({}, { timeoutMs: 300 })
        b.sim.server.inject(`/webapi/v1/${endpoint}`, fault, 5)
        const err = await caught(read(b.client))
        expect(err?.code ?? null).toBe(code)
      })
    }
  }
})

describe('writes answered 200 and not applied', () => {
  it('EvseCtrl: the start is not seen in Status, sent once', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.ignoreWrites(1)
    expect((await toggle(b.client, b.clock, 'start')).outcome).toBe('notConfirmed')
    expect(b.posts('EvseCtrl')).toBe(1)
  })

  it('SystemConfig: the field read back unchanged, reported as ignored', async () => {
    b = await bench()
    b.sim.ignoreWrites(1)
    const r = await writeConfig(b.client, { PhaseCurrentLimit: 20 })
    expect(r.fields).toEqual([expect.objectContaining({ field: 'PhaseCurrentLimit', applied: false, reason: 'ignored' })])
  })

  it('SystemInfo: a Reset answered and never carried out is not taken, and the uptime ran on', async () => {
    b = await bench()
    await b.clock.sleep(30_000)
    b.sim.ignoreWrites(2)
    const r = await runServiceCode(b.client, b.clock, 'Reset')
    expect(r.outcome).toBe('notTaken')
    expect((await b.client.info()).uptimeMs).toBeGreaterThan(30_000)
  })
})

describe('meter errors', () => {
  for (const meter of [1, 2] as const) {
    it(`meter ${meter}: its registers go stale, their counters and Status's count climb`, async () => {
      b = await bench()
      b.sim.charger.config.Meter2Type = 1
      b.sim.meters[meter - 1].fail(true)
      const reading = await b.client.meter(meter)
      expect(reading.registers.every((r) => r.freshness === 'notAvailable' && r.errors === 1)).toBe(true)
      const s = await b.client.status()
      expect(meter === 1 ? [s.meter1Errors, s.meter2Errors] : [s.meter2Errors, s.meter1Errors]).toEqual([1, 0])
    })
  }
})

describe('charger faults', () => {
  for (const fault of EvseErrorStates as readonly ChargerFault[]) {
    it(`${fault}: Status shows the state, start and boost are not allowed, SystemInfo names it`, async () => {
      b = await bench()
      evReady(b.sim)
      b.sim.setFault(fault)
      const s = await b.client.status()
      expect([s.state, s.startStopAllowed, s.boostAllowed]).toEqual([EvseState[fault], false, false])
      expect((await b.client.info()).generalInfo).toContain(fault)
      expect((await toggle(b.client, b.clock, 'start')).outcome).toBe('notAllowed')
    })
  }
})

describe('a restart, told to every user of the charger', () => {
  it('the live poll reads it first; the other user still sees it by the restart count, and one event tells all', async () => {
    b = await bench({}, { restartMs: 2000 })
    const other = b.client.withTap(() => undefined)
    const events: EvseChargerEvent[] = []
    b.client.onCharger((e) => events.push(e))
    await b.clock.sleep(50_000)
    await other.status()
    const mark = other.restarts
    await b.sim.restart()
    expect((await b.client.status()).restarted).toBe(true)
    // the second reader's own read no longer shows it: the count does
    expect((await other.status()).restarted).toBe(false)
    expect(other.restarts).toBe(mark + 1)
    expect(events.map((e) => [e.kind, e.restarted])).toEqual([['restarted', true]])
  })

  it('a toggle whose charger restarts, seen first by another user\'s read: the toggle says restarted, sent once', async () => {
    b = await bench({}, { restartMs: 2000 })
    evReady(b.sim)
    const poller = b.client.withTap(() => undefined)
    await b.clock.sleep(30_000)
    b.sim.server.route('POST', '/webapi/v1/EvseCtrl', () => {
      // the page's poll reads the charger the moment it is back, before the toggle's next read
      void b.sim.restart().then(() => poller.status())
      return { body: { ChargeStartToggle: 'Performing' } }
    })
    const r = await toggle(b.client, b.clock, 'start')
    expect(r.outcome).toBe('restarted')
    expect(b.posts('EvseCtrl')).toBe(1)
  })

  it('gone and back: told as away, then back; a restart in between is named even when the uptime has grown past the last one read', async () => {
    b = await bench({}, { restartMs: 2000 })
    const events: EvseChargerEvent[] = []
    b.client.onCharger((e) => events.push(e))
    await b.clock.sleep(5000)
    await b.client.status()
    await b.sim.unplug()
    expect((await caught(b.client.status()))?.code).toBe('evseUnreachable')
    await b.sim.plug()
    expect((await b.client.status()).restarted).toBe(false)
    await b.clock.sleep(60_000)
    await b.sim.restart()
    await b.clock.sleep(30_000)
    // 32 s of uptime against 65 s read 90 s ago: the charger started again in between
    const s = await b.client.status()
    expect(s.uptimeMs).toBeGreaterThan(5000)
    expect(s.restarted).toBe(true)
    expect(events.map((e) => [e.kind, e.restarted])).toEqual([
      ['away', false],
      ['back', false],
      ['restarted', true],
    ])
  })
})
