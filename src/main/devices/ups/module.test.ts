/**
 * The UPS monitor module inside a real core, through the dispatch the IPC and
 * the WebSocket bridge use, against demo mode's in-process simulator (its
 * line paced at the profile's 9600 baud, so this runs on the system clock).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { UPS_COMM_LOST, type UpsMonitorLayout, type UpsMonitorView } from '@shared/contract'
import type { Core } from '../../core/core'
import { invoke as call, invokeValue as value, testCore } from '../../core/test-core'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(demo: boolean): Promise<Core> {
  const made = await testCore({ demo, languages: ['en'] })
  cleanups.push(made.cleanup)
  return made.core
}


function nextView(core: Core, match: (v: UpsMonitorView) => boolean): Promise<UpsMonitorView> {
  return new Promise((resolve) => {
    const off = core.bus.attach((channel, payload) => {
      if (channel === 'ups:monitor' && match(payload as UpsMonitorView)) {
        off()
        resolve(payload as UpsMonitorView)
      }
    })
  })
}

describe('UPS monitor module in the core', () => {
  it('monitors demo mode UPS: values, a mains failure alarm, the cable pulled and plugged back', { timeout: 30_000 }, async () => {
    const core = await setup(true)
    const started = await value<UpsMonitorView>(core, 'upsMonitorStart', { path: 'sim:ups', intervalMs: 500 })
    expect(started).toMatchObject({ running: true, path: 'sim:ups', file: 'ups-rs232-protocol.zh.ini', intervalMs: 500 })
    const first = await nextView(core, (v) => v.link.state === 'ok')
    expect(first.readings).toHaveLength(121)
    expect(first.readings.find((r) => r.n === 121)).toMatchObject({ value: 100, unit: '%', stale: false })
    const layout = await value<UpsMonitorLayout>(core, 'upsMonitorLayout')
    expect(layout.groups).toHaveLength(15)
    expect(layout.values.find((v) => v.n === 23)).toMatchObject({ indicator: 'alarm', name: 'A相欠压' })
    expect(layout.values.find((v) => v.n === 62)).toMatchObject({ indicator: 'status' })
    expect(layout.values.find((v) => v.n === 1)).toMatchObject({ indicator: null, unit: 'V' })

    await value(core, 'upsSimControl', { action: 'scenario', scenario: 'mainsFailure' })
    await nextView(core, (v) => v.alarms.active.some((a) => a.key === 'cmd-23'))
    await value(core, 'upsSimControl', { action: 'pullCable' })
    const lost = await nextView(core, (v) => v.link.state === 'lost')
    expect(lost.alarms.active.map((a) => a.key)).toContain(UPS_COMM_LOST)
    await value(core, 'upsSimControl', { action: 'plugCable' })
    const back = await nextView(core, (v) => v.link.state === 'ok')
    expect(back.alarms.history.find((a) => a.key === UPS_COMM_LOST)?.clearedAt).toBeDefined()

    const stopped = await value<UpsMonitorView>(core, 'upsMonitorStop')
    expect(stopped.running).toBe(false)
  })

  it('refuses a poll interval out of range and a demo panel without demo mode, changing nothing', async () => {
    const core = await setup(false)
    const fast = await call(core, 'upsMonitorStart', { path: 'sim:ups', intervalMs: 10 })
    expect(fast.ok).toBe(false)
    const panel = await call(core, 'upsSimControl', { action: 'scenario', scenario: 'epo' })
    expect(panel).toMatchObject({ ok: false, error: { code: 'upsSimulatorOff' } })
    expect((await value<UpsMonitorView>(core, 'upsMonitorState')).running).toBe(false)
  })
})
