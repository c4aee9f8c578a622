/**
 * The setup job through the core's dispatch, as the window and the CLI drive
 * it: started for an address, a second start on the same charger refused,
 * a form the rules refuse answered with its code, and "Restore" writing the
 * record's backup back after the job, read back field by field.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConfigWriteResult, EvseSetupView, InvokeResult, JobUpdate } from '@shared/contract'
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

async function setup(): Promise<{ core: Core; sim: EvseSimulator; host: string }> {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ clock }).start()
  cleanups.push(() => sim.dispose())
  sim.charger.plug()
  sim.charger.evWantsCharge = true
  const made = await testCore({ clock, languages: ['en'] })
  cleanups.push(made.cleanup)
  return { core: made.core, sim, host: new URL(sim.url).host }
}

const call = async <T>(core: Core, method: string, payload?: unknown) => (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>

/** Resolves with the first view the job publishes for which `done` holds. */
function view(core: Core, done: (v: EvseSetupView) => boolean): Promise<EvseSetupView> {
  return new Promise((resolve) => {
    const off = core.bus.attach((channel, payload) => {
      if (channel === 'evse:setup' && done(payload as EvseSetupView)) {
        off()
        resolve(payload as EvseSetupView)
      }
    })
  })
}

describe('the setup job in the core', () => {
  it('runs from start to verdict by its answers; one job per charger; restore writes the backup back', async () => {
    const { core, sim, host } = await setup()
    const asked = view(core, (v) => v.awaiting === 'configTarget')
    const started = await call<JobUpdate>(core, 'evseSetupStart', { host, site: 'Car park A', customer: '', operator: '' })
    if (!started.ok) throw new Error(JSON.stringify(started.error))
    const recordId = started.value.recordId
    expect(await call(core, 'evseSetupStart', { host, site: '', customer: '', operator: '' })).toMatchObject({ ok: false, error: { code: 'jobDeviceBusy' } })
    await asked

    const refused = await call(core, 'evseSetupAnswer', { recordId, answer: { kind: 'config', target: { ChargeCurrent: 20, ChargeCurrentBoost: 16 } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'evseInvalidSetting', params: { field: 'ChargeCurrentBoost' } } })
    // an address or a field the contract does not know never reaches the job
    expect(await call(core, 'evseSetupAnswer', { recordId, answer: { kind: 'config', target: { ChargeCurrent: 'x' } } })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })

    const plug = view(core, (v) => v.awaiting === 'plugIn')
    expect(await call(core, 'evseSetupAnswer', { recordId, answer: { kind: 'config', target: { ChargeCurrent: 10 } } })).toMatchObject({ ok: true })
    await plug
    expect(sim.charger.config.ChargeCurrent).toBe(10)
    const ended = core.jobs.whenStopped(recordId)
    await call(core, 'evseSetupAnswer', { recordId, answer: { kind: 'plugIn', ready: false } })
    await ended
    expect(core.records.get(recordId).verdict).toBe('fail')

    const restored = await call<ConfigWriteResult>(core, 'evseSetupRestore', { recordId })
    if (!restored.ok) throw new Error(JSON.stringify(restored.error))
    expect(restored.value.fields).toEqual([{ field: 'ChargeCurrent', before: 10, wanted: 16, after: 16, applied: true, reason: null }])
    expect(sim.charger.config.ChargeCurrent).toBe(16)
  })
})
