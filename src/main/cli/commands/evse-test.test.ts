/**
 * `fieldbench evse test` against a simulated charger on loopback, the
 * command's core on the simulator's virtual clock: a pass, a FAIL (the
 * charger ignores the power limit) with exit 1, and an address refused
 * before anything is sent.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirtualClock } from '../../core/clock'
import { EvseSimulator } from '../../devices/evse/simulator'
import { createOut, EXIT } from '../output'
import { chargerAddress, evseTestCommand } from './evse-test'

let sim: EvseSimulator | null = null
let dir = ''
afterEach(async () => {
  await sim?.dispose()
  sim = null
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function charger(configure: (sim: EvseSimulator) => void = () => undefined): Promise<{ clock: VirtualClock; host: string }> {
  const clock = new VirtualClock(undefined, true)
  sim = await new EvseSimulator({ clock }).start()
  sim.charger.plug()
  sim.charger.evWantsCharge = true
  sim.charger.write({ ControlStrategy: 1 })
  configure(sim)
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-evse-test-'))
  return { clock, host: new URL(sim.url).host }
}

async function run(host: string, clock: VirtualClock, lang = 'en') {
  const written: string[] = []
  const capture = (chunk: unknown) => (written.push(String(chunk)), true)
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture)
  try {
    const out = await createOut(false, lang)
    const [name, port] = host.split(':')
    const code = await evseTestCommand(out, { host: name, port: Number(port), dataDir: dir }, { clock })
    return { code, text: written.join('') }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

describe('fieldbench evse test', () => {
  it('a charger that charges and follows the power limit: PASS, exit 0, each check printed', async () => {
    const { clock, host } = await charger()
    const { code, text } = await run(host, clock)
    expect(text).toContain('Test charge: PASS')
    expect(text).toMatch(/Time to follow the limit: [\d.]+ s \(≤ 10\) \[PASS\]/)
    expect(code).toBe(EXIT.ok)
    expect(sim!.charger.started).toBe(false)
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
