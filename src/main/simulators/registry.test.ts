/** Unplugging an HTTP simulator in the registry really stops it answering; plugging it back brings it back at the same URL. */
import { afterEach, describe, expect, it } from 'vitest'
import { failureOf } from '../core/test-failure'
import { systemClock } from '../core/clock'
import { FoxOpenApi } from '../devices/foxess/open-api'
import { CallPacer, defaultPacerOptions } from '../devices/foxess/pacer'
import { type FoxCloudSimulator, foxessSimulator } from '../devices/foxess/simulator'
import { MemoryLogger } from '../log/logger'
import { SimulatorRegistry } from './registry'

let registry: SimulatorRegistry | null = null
afterEach(async () => {
  await registry?.stopAll()
  registry = null
})

describe('SimulatorRegistry with an HTTP simulator', () => {
  it('unplugged, the Fox ESS cloud is unreachable for the client; plugged back, it answers at the same URL', async () => {
    registry = new SimulatorRegistry(new MemoryLogger())
    registry.define(foxessSimulator)
    await registry.start('foxess')
    const sim = registry.instance<FoxCloudSimulator>('foxess')!
    const url = sim.url
    const api = new FoxOpenApi({
      clock: systemClock,
      pacer: new CallPacer(systemClock, Math.random, { ...defaultPacerOptions, pathIntervalMs: 0 }),
      userAgent: 'Fieldbench/test',
      credentials: async () => ({ baseUrl: url, apiKey: sim.apiKey }),
      timeoutMs: 5000,
    })
    expect((await api.plantList()).total).toBe(4)

    await registry.unplug('foxess')
    expect(registry.list('info').find((s) => s.id === 'foxess')).toMatchObject({ running: true, unplugged: true })
    expect(await failureOf(api.deviceList())).toEqual({ code: 'foxessUnreachable', params: { host: new URL(url).host } })
    const served = sim.calls.length

    await registry.plug('foxess')
    expect(sim.url).toBe(url)
    expect((await api.accessCount()).total).toBeGreaterThan(0)
    expect(sim.calls.length).toBe(served + 1)
  })
})
