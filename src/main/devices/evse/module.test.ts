/**
 * The charger module inside a real core, through the dispatch the IPC and the
 * WebSocket bridge use, against the simulator over loopback HTTP on the
 * core's virtual clock.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConfigWriteResult, EvseLiveUpdate, EvseSnapshot, InvokeResult, SimulatorInfo, ToggleResult } from '@shared/contract'
import { VirtualClock } from '../../core/clock'
import type { Core } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { testCore } from '../../core/test-core'
import { MemoryLogger } from '../../log/logger'
import { EvseSimulator } from './simulator'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(): Promise<{ core: Core; sim: EvseSimulator; host: string; clock: VirtualClock }> {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ clock }).start()
  cleanups.push(() => sim.dispose())
  const made = await testCore({ clock, languages: ['en'] })
  cleanups.push(made.cleanup)
  return { core: made.core, sim, host: new URL(sim.url).host, clock }
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<InvokeResult<T>> {
  return (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>
}

async function value<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const r = await call<T>(core, method, payload)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}

function nextLive(core: Core, match: (u: EvseLiveUpdate) => boolean = () => true): Promise<EvseLiveUpdate> {
  return new Promise((resolve) => {
    const off = core.bus.attach((channel, payload) => {
      if (channel === 'evse:live' && match(payload as EvseLiveUpdate)) {
        off()
        resolve(payload as EvseLiveUpdate)
      }
    })
  })
}

describe('EV charger module in the core', () => {
  it('connect reads product, status, configuration and both meters of the charger at the address', async () => {
    const { core, sim, host } = await setup()
    sim.charger.plug()
    const s = await value<EvseSnapshot>(core, 'evseConnect', { host })
    expect(s.host).toBe(host)
    expect(s.statusError).toBeNull()
    expect(s.status?.state).toBe(sim.charger.state())
    expect(s.info?.systemVersion).toBe(sim.version)
    expect(s.info?.mac).toMatch(/^E0:E2:E6/)
    expect(s.config?.config.ChargeCurrent).toBe(sim.charger.config.ChargeCurrent)
    expect(s.meters.map((m) => [m.meter, m.error, (m.reading?.registers.length ?? 0) > 0])).toEqual([
      [1, null, true],
      [2, null, true],
    ])
  })

  it('refuses an address that is a URL or carries credentials before anything is sent', async () => {
    const { core, sim } = await setup()
    for (const host of ['http://127.0.0.1', 'admin:pw@127.0.0.1', '127.0.0.1/webapi', '']) {
      const r = await call(core, 'evseConnect', { host })
      expect(r.ok, host).toBe(false)
    }
    expect(sim.server.calls).toHaveLength(0)
  })

  it('a charger nobody answers for: every part carries the error, read once', async () => {
    const { core, sim, host } = await setup()
    await sim.unplug()
    const s = await value<EvseSnapshot>(core, 'evseConnect', { host })
    expect(s.statusError?.code).toBe('evseUnreachable')
    expect([s.infoError?.code, s.configError?.code, ...s.meters.map((m) => m.error?.code)]).toEqual(Array(4).fill('evseUnreachable'))
  })

  it('live status flows while the lease is held and stops when it is given back', async () => {
    const { core, sim, host, clock } = await setup()
    const first = nextLive(core)
    const { leaseId } = await value<{ leaseId: string }>(core, 'evseLiveStart', { host, intervalMs: 1000 })
    const update = await first
    expect(update).toMatchObject({ host, error: null, restarted: false })
    expect(update.status?.state).toBe(sim.charger.state())
    sim.charger.plug()
    const plugged = await nextLive(core, (u) => u.status?.state === sim.charger.state() && u.at > update.at)
    expect(plugged.status?.state).toBe(sim.charger.state())
    await value(core, 'evseLiveStop', { leaseId })
    const reads = sim.server.calls.length
    await clock.sleep(10_000)
    expect(sim.server.calls.length).toBe(reads)
  })

  it('a configuration write comes back with a result per field: taken, or not with its likely reason', async () => {
    const { core, sim, host } = await setup()
    const ok = await value<ConfigWriteResult>(core, 'evseWriteConfig', { host, config: { ChargeCurrent: 10 } })
    expect(ok.fields).toEqual([expect.objectContaining({ field: 'ChargeCurrent', applied: true, after: 10 })])
    sim.ignoreWrites(1)
    const ignored = await value<ConfigWriteResult>(core, 'evseWriteConfig', { host, config: { ChargeCurrent: 12 } })
    expect(ignored.fields).toEqual([expect.objectContaining({ field: 'ChargeCurrent', applied: false, reason: 'ignored', after: 10 })])
    // a value outside the charger's range is refused by the schema, and nothing is posted
    const posts = sim.server.calls.filter((c) => c.method === 'POST').length
    expect((await call(core, 'evseWriteConfig', { host, config: { ChargeCurrent: 80 } })).ok).toBe(false)
    expect(sim.server.calls.filter((c) => c.method === 'POST').length).toBe(posts)
  })

  it('start is sent once and confirmed from Status; a start with no EV is not sent', async () => {
    const { core, sim, host } = await setup()
    const refused = await value<ToggleResult>(core, 'evseToggle', { host, action: 'start' })
    expect(refused).toMatchObject({ outcome: 'notAllowed', sent: null })
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    const started = await value<ToggleResult>(core, 'evseToggle', { host, action: 'start' })
    expect(started).toMatchObject({ outcome: 'confirmed', sent: { ChargeStartToggle: true } })
    expect(sim.server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/EvseCtrl'))).toHaveLength(1)
  })
})

describe('EV charger in demo mode', () => {
  it('demo mode runs a charger on a loopback address that the module connects to', async () => {
    const made = await testCore({ demo: true, languages: ['en'] })
    cleanups.push(made.cleanup)
    await value(made.core, 'startDemo')
    const sims = await value<SimulatorInfo[]>(made.core, 'listSimulators')
    const evse = sims.find((s) => s.id === 'evse')
    expect(evse?.running).toBe(true)
    const host = new URL(evse!.endpoint!).host
    expect(host).toMatch(/^127\./)
    const s = await value<EvseSnapshot>(made.core, 'evseConnect', { host })
    expect(s.statusError).toBeNull()
    expect(s.status?.state).toBe(4)
  })
})
