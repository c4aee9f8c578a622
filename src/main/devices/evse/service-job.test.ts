/**
 * Service actions as recorded jobs inside a real core, against the simulated
 * charger over loopback HTTP on the core's virtual clock: a restart while the
 * live poll runs, factory defaults then the backup restored, the access point
 * under either key spelling or leaving the network, and a firmware update only
 * once the charger allows it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { EvseChargerEvent, EvseLiveUpdate, EvseServiceView, InvokeResult, JobUpdate } from '@shared/contract'
import { VirtualClock } from '../../core/clock'
import type { Core } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { testCore } from '../../core/test-core'
import { MemoryLogger } from '../../log/logger'
import { type EvseReadings, EvseSimulator, type EvseSimOptions } from './simulator'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Setup {
  core: Core
  sim: EvseSimulator
  host: string
  clock: VirtualClock
  /** every service view and charger event the core emitted */
  views: EvseServiceView[]
  chargerEvents: EvseChargerEvent[]
  lives: EvseLiveUpdate[]
}

async function setup(readings: Partial<EvseReadings> = {}, options: Omit<EvseSimOptions, 'clock' | 'readings'> = {}): Promise<Setup> {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ clock, readings, ...options }).start()
  cleanups.push(() => sim.dispose())
  const made = await testCore({ clock, languages: ['en'] })
  cleanups.push(made.cleanup)
  const s: Setup = { core: made.core, sim, host: new URL(sim.url).host, clock, views: [], chargerEvents: [], lives: [] }
  made.core.bus.attach((channel, payload) => {
    if (channel === 'evse:serviceView') s.views.push(payload as EvseServiceView)
    if (channel === 'evse:charger') s.chargerEvents.push(payload as EvseChargerEvent)
    if (channel === 'evse:live') s.lives.push(payload as EvseLiveUpdate)
  })
  // a charger that has run a while, so a restart shows in its uptime
  await clock.sleep(120_000)
  return s
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<InvokeResult<T>> {
  return (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>
}

/** Starts a service action and waits for its job to end; the last view and the record. */
async function service(s: Setup, input: Record<string, unknown>) {
  const r = await call<JobUpdate>(s.core, 'evseServiceStart', { host: s.host, ...input })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  const end = (await s.core.jobs.whenStopped(r.value.recordId))!
  const record = s.core.records.get(r.value.recordId)
  const view = s.views.filter((v) => v.recordId === r.value.recordId).at(-1)!
  const steps = record.steps.map((st) => [st.key, st.verdict, st.note])
  return { end, record, view, steps }
}

const posts = (sim: EvseSimulator) => sim.server.calls.filter((c) => c.method === 'POST' && c.path === '/webapi/v1/SystemInfo')

describe('restart', () => {
  it('while the live poll reads Status every second: the restart is proven, the page hears it once, nothing is sent twice', async () => {
    const s = await setup()
    await call(s.core, 'evseLiveStart', { host: s.host, intervalMs: 1000 })
    const { end, view, steps } = await service(s, { action: 'reset', confirmed: 'reset' })
    expect(end.phase).toEqual({ phase: 'finished', verdict: 'pass' })
    expect(steps).toEqual([
      ['send', 'info', 'answerNamesCode'],
      ['restart', 'pass', 'confirmed'],
    ])
    expect(view.uptimeBeforeMs).toBeGreaterThanOrEqual(120_000)
    expect(view.uptimeRunOnMs! - view.uptimeAfterMs!).toBeGreaterThanOrEqual(120_000)
    expect(view.uptimeAfterMs).toBeLessThan(10_000)
    expect(view.sent).toEqual([{ SCode: 'Reset', SCodeData: '' }])
    expect(posts(s.sim)).toHaveLength(1)
    // whichever read saw it first, the restart is one event for everyone, and the live view says so once
    expect(s.chargerEvents.filter((e) => e.restarted)).toHaveLength(1)
    await s.clock.sleep(3000)
    expect(s.lives.filter((l) => l.restarted)).toHaveLength(1)
  })

  it('is refused unconfirmed, and nothing is posted', async () => {
    const s = await setup()
    const r = await call(s.core, 'evseServiceStart', { host: s.host, action: 'reset' })
    expect(r.ok).toBe(false)
    expect(posts(s.sim)).toHaveLength(0)
  })
})

describe('factory defaults and restore', () => {
  it('backs up first, proves the restart and the reset fields, and the backup is restored from the record', async () => {
    const s = await setup()
    s.sim.charger.write({ ChargeCurrent: 10, ChargeAutoStart: true })
    const reset = await service(s, { action: 'factoryDefault', confirmed: 'factoryDefault' })
    expect(reset.steps.map((st) => st[0])).toEqual(['backup', 'send', 'restart', 'compare'])
    expect(reset.end.phase).toEqual({ phase: 'finished', verdict: 'pass' })
    expect(reset.record.meta.backup).toMatchObject({ ChargeCurrent: 10, ChargeAutoStart: true })
    expect(reset.view.comparison.filter((c) => !c.same).map((c) => [c.field, c.backup, c.after])).toEqual([
      ['ChargeCurrent', 10, 16],
      ['ChargeAutoStart', true, false],
    ])
    expect(s.sim.charger.config.ChargeCurrent).toBe(16)

    const restore = await service(s, { action: 'restore', fromRecord: reset.record.id })
    expect(restore.steps).toEqual([
      ['backup', 'pass', null],
      ['write', 'pass', 'fieldsRestored'],
    ])
    expect(s.sim.charger.config).toMatchObject({ ChargeCurrent: 10, ChargeAutoStart: true })
    const write = restore.record.steps.find((st) => st.key === 'write')!
    expect(write.measurements).toContainEqual(expect.objectContaining({ key: 'chargeCurrent', before: 16, value: 10, verdict: 'pass' }))
  })

  it('a restore from a record without a backup is refused before anything is sent', async () => {
    const s = await setup()
    const reset = await service(s, { action: 'reset', confirmed: 'reset' })
    const r = await call(s.core, 'evseServiceStart', { host: s.host, action: 'restore', fromRecord: reset.record.id })
    expect(r).toMatchObject({ ok: false, error: { code: 'evseNoBackup' } })
    expect(s.sim.server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/SystemConfig'))).toHaveLength(0)
  })
})

describe('access point mode', () => {
  it('a charger that reads the example\'s "Scode": the table\'s spelling changes nothing, then the other is sent once and the mode shows', async () => {
    const s = await setup({ scodeKey: 'Scode' })
    const { end, view, steps } = await service(s, { action: 'wifiAp', confirmed: 'wifiAp' })
    expect(steps).toEqual([
      ['send', 'info', 'answerWithoutCode'],
      ['apMode', 'fail', 'notTaken'],
      ['send', 'info', 'answerNamesCode'],
      ['apMode', 'pass', 'confirmed'],
    ])
    expect(view).toMatchObject({ keyTaken: 'Scode', wifiAfter: 'EVSE-AP' })
    expect(end.phase.phase).toBe('finished')
    expect(posts(s.sim)).toHaveLength(2)
  })

  it('a charger that leaves this network after taking it: no verdict, never sent again', async () => {
    const s = await setup()
    s.sim.server.route('POST', '/webapi/v1/SystemInfo', () => {
      // gone once the answer is out
      void s.clock.sleep(50).then(() => s.sim.unplug())
      return { body: { WiFiSetToAP: 'Performing' } }
    })
    const { end, view, steps } = await service(s, { action: 'wifiAp', confirmed: 'wifiAp' })
    expect(steps).toEqual([
      ['send', 'info', 'answerNamesCode'],
      ['apMode', 'info', 'leftNetwork'],
    ])
    expect(view.leftNetwork).toBe(true)
    expect(end.phase).toEqual({ phase: 'finished', verdict: 'none' })
    expect(posts(s.sim)).toHaveLength(1)
  })
})

describe('firmware update', () => {
  it('is not sent while the charger does not allow it; after a check finds a version it runs, restarts and keeps the configuration', async () => {
    const s = await setup({}, { newerFirmware: '0.9.3' })
    const refused = await service(s, { action: 'updateRun', confirmed: 'updateRun' })
    expect(refused.steps).toEqual([['flags', 'info', 'otaNotAllowed']])
    expect(refused.end.phase).toEqual({ phase: 'finished', verdict: 'none' })
    expect(posts(s.sim)).toHaveLength(0)

    const check = await service(s, { action: 'updateCheck' })
    expect(check.end.phase).toEqual({ phase: 'finished', verdict: 'pass' })
    expect(check.view).toMatchObject({ otaMessage: 'Dostępna nowa wersja: 0.9.3', otaUpdateAllowed: true })

    const run = await service(s, { action: 'updateRun', confirmed: 'updateRun' })
    expect(run.steps.map((st) => [st[0], st[1]])).toEqual([
      ['flags', 'pass'],
      ['backup', 'pass'],
      ['send', 'info'],
      ['restart', 'pass'],
      ['compare', 'pass'],
    ])
    expect(run.view).toMatchObject({ versionBefore: '0.9.2', versionAfter: '0.9.3' })
    expect(run.view.comparison.every((c) => c.same)).toBe(true)
    expect(posts(s.sim)).toHaveLength(2)
  })
})
