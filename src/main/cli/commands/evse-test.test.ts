/**
 * `fieldbench evse test` against a simulated charger on loopback, the
 * command's core on the simulator's virtual clock: a pass, a FAIL (the
 * charger ignores the power limit) with exit 1, and an address refused
 * before anything is sent.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { VirtualClock } from '../../core/clock'
import type { EvseSimulator } from '../../devices/evse/simulator'
import { createOut, EXIT } from '../output'
import { chargerAddress, evseTestCommand } from './evse-test'
import { type ChargerBench, chargerBench, runCommand } from './test-support'

let bench: ChargerBench | null = null
afterEach(async () => {
  await bench?.dispose()
  bench = null
})

async function charger(configure: (sim: EvseSimulator) => void = () => undefined): Promise<{ clock: VirtualClock; host: string }> {
  bench = await chargerBench()
  const sim = bench.sim
  sim.charger.plug()
  sim.charger.evWantsCharge = true
  sim.charger.write({ ControlStrategy: 1 })
  configure(sim)
  return { clock: bench.clock, host: bench.host }
}

function run(host: string, clock: VirtualClock, lang = 'en') {
  const [name, port] = host.split(':')
  return runCommand((out) => evseTestCommand(out, { host: name, port: Number(port), dataDir: bench!.dir }, { clock }), { lang })
}

describe('fieldbench evse test', () => {
  it('a charger that charges and follows the power limit: PASS, exit 0, each check printed', async () => {
    const { clock, host } = await charger()
    const { code, text } = await run(host, clock)
    expect(text).toContain('Test charge: PASS')
    expect(text).toMatch(/Time to follow the limit: [\d.]+ s \(≤ 10\) \[PASS\]/)
    expect(code).toBe(EXIT.ok)
    expect(bench!.sim.charger.started).toBe(false)
  })

  it('a charger that ignores the power limit: FAIL with the reason, exit 1', async () => {
    const { clock, host } = await charger((s) => (s.charger.ignorePowerLimit = true))
    const { code, text } = await run(host, clock, 'pl')
    expect(text).toContain('Ładowarka nie obniżyła poboru poniżej limitu mocy w podanym czasie.')
    expect(code).toBe(EXIT.fail)
  })

  it('an address that is not one is refused before anything is sent', async () => {
    const out = await createOut(false, 'en')
    expect(() => chargerAddress(out, { host: 'http://x/' })).toThrow(/is not an address/)
    expect(() => chargerAddress(out, {})).toThrow(/--host/)
    expect(chargerAddress(out, { host: '127.0.0.2', port: 8080 })).toBe('127.0.0.2:8080')
  })
})
