/**
 * The cabinet's demo panel inside a real core, through the dispatch the IPC
 * and the WebSocket bridge use, against demo mode's in-process simulator.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CabinetSimState, PortInfo } from '@shared/contract'
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


const listed = async (core: Core) => (await value<PortInfo[]>(core, 'listPorts')).some((p) => p.path === 'sim:cabinet')

describe('the cabinet demo panel in the core', () => {
  it('pulls the cable (the port leaves the list at once), plugs it back, and tells the panel each state', async () => {
    const core = await setup(true)
    const told: CabinetSimState[] = []
    core.bus.attach((channel, payload) => {
      if (channel === 'cabinet:sim') told.push(payload as CabinetSimState)
    })
    expect((await value<CabinetSimState>(core, 'cabinetSimState')).plugged).toBe(true)
    expect(await listed(core)).toBe(true)

    const pulled = await value<CabinetSimState>(core, 'cabinetSimControl', { action: 'pullCable' })
    expect(pulled).toMatchObject({ running: true, plugged: false })
    expect(told.at(-1)).toEqual(pulled)
    expect(await listed(core)).toBe(false)

    const plugged = await value<CabinetSimState>(core, 'cabinetSimControl', { action: 'plugCable' })
    expect(plugged.plugged).toBe(true)
    expect(told.at(-1)).toEqual(plugged)
    expect(await listed(core)).toBe(true)

    // the simulator's own change events reach the panel as well as the answer's state: a fault set is told twice
    const before = told.length
    await value(core, 'cabinetSimControl', { action: 'setFaults', faults: { dropAnswers: 2 } })
    expect(told.length).toBeGreaterThan(before + 1)
    expect(told.at(-1)!.faults.dropAnswers).toBe(2)
  })

  it('refuses the panel without demo mode and changes nothing', async () => {
    const core = await setup(false)
    const r = await call(core, 'cabinetSimControl', { action: 'pullCable' })
    expect(r).toMatchObject({ ok: false, error: { code: 'cabinetSimulatorOff' } })
    expect((await value<CabinetSimState>(core, 'cabinetSimState')).running).toBe(false)
  })
})
