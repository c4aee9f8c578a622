/**
 * `fieldbench evse config set|backup|restore|start|stop|boost|limit|service`
 * against a simulated charger on 127.0.0.2 over loopback HTTP, on a virtual
 * clock shared with it: each command's effect proven from the charger, its
 * exit code, bad input refused before anything is sent, an unreachable host.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VirtualClock } from '../../core/clock'
import type { EvseSimulator } from '../../devices/evse/simulator'
import { EXIT } from '../output'
import { evseCommand, type EvseOptions } from './evse'
import { type ChargerBench, chargerBench, runCommand } from './test-support'

let bench: ChargerBench
let sim: EvseSimulator
let clock: VirtualClock
let dir: string
beforeEach(async () => {
  bench = await chargerBench({ host: '127.0.0.2', restartMs: 2000 })
  ;({ sim, clock, dir } = bench)
})
afterEach(() => bench.dispose())

const host = () => bench.host
const port = () => Number(new URL(sim.url).port)
const posts = (endpoint: string) => sim.server.calls.filter((c) => c.method === 'POST' && c.path === `/webapi/v1/${endpoint}`).length

const run = (sub: string, arg: string | undefined, options: EvseOptions = {}, format: { lang?: string; json?: boolean } = {}) =>
  runCommand((out) => evseCommand(out, sub, arg, { host: host(), clock, dataDir: dir, ...options }), format)

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('config set, backup, restore', () => {
  it('config set writes the fields once and reads each back: exit 0', async () => {
    const r = await run('config', 'set', { file: await file('c.json', { ChargeCurrent: 10, ChargeAutoStart: true }) })
    expect(r.code).toBe(EXIT.ok)
    expect(r.text).toMatch(/ChargeCurrent\s+16\s+10\s+10\s+taken/)
    expect(sim.charger.config).toMatchObject({ ChargeCurrent: 10, ChargeAutoStart: true })
    expect(posts('SystemConfig')).toBe(1)
  })

  it('a write answered 200 and not taken: NOT taken with the likely reason, exit 1', async () => {
    sim.ignoreWrites(1)
    const r = await run('config', 'set', { file: await file('c.json', { ChargeCurrent: 10 }) }, { lang: 'pl' })
    expect(r.code).toBe(EXIT.fail)
    expect(r.text).toContain('NIE przyjęte')
  })

  it('bad files are refused with a reason before anything is sent: exit 2', async () => {
    const cases: [EvseOptions, string][] = [
      [{}, 'Give the configuration file'],
      [{ file: join(dir, 'missing.json') }, 'Cannot read'],
      [{ file: await file('a.json', '{"ChargeCurrent": ') }, 'is not a JSON object'],
      [{ file: await file('b.json', { Current: 10 }) }, 'Current is not a configuration field'],
      [{ file: await file('c.json', { ChargeCurrent: 80 }) }, 'ChargeCurrent = 80 is not taken by the charger (expects a whole number 6–32)'],
      [{ file: await file('d.json', { Meter1Ip: '300.1.1.1' }) }, 'expects an IPv4 address, or empty'],
    ]
    for (const [options, message] of cases) {
      const r = await run('config', 'set', options)
      expect([r.code, r.text], message).toEqual([EXIT.usage, expect.stringContaining(message)])
    }
    expect(posts('SystemConfig')).toBe(0)
  })

  it('backup to a file, a change, restore from it: the configuration as it was', async () => {
    const saved = join(dir, 'backup.json')
    expect((await run('backup', undefined, { file: saved })).code).toBe(EXIT.ok)
    expect(JSON.parse(await readFile(saved, 'utf8'))).toMatchObject({ host: host(), config: { ChargeCurrent: 16 } })
    sim.charger.write({ ChargeCurrent: 12, PhaseCurrentLimit: 20 })
    const r = await run('restore', undefined, { file: saved })
    expect(r.code).toBe(EXIT.ok)
    expect(sim.charger.config).toMatchObject({ ChargeCurrent: 16, PhaseCurrentLimit: 25 })
    // without a file the backup is printed as JSON
    expect(JSON.parse((await run('backup', undefined)).text).config.ChargeCurrent).toBe(16)
  })
})

describe('start, stop, boost, limit', () => {
  it('start and stop are sent once and confirmed from Status; a start with no EV is refused by the charger: exit 1', async () => {
    expect((await run('start', undefined)).code).toBe(EXIT.fail)
    expect(posts('EvseCtrl')).toBe(0)
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    const started = await run('start', undefined)
    expect(started.code).toBe(EXIT.ok)
    expect(started.text).toContain('Start: sent once and confirmed')
    expect((await run('start', undefined)).text).toContain('already there')
    expect((await run('stop', undefined, {}, { json: true })).text).toContain('"outcome": "confirmed"')
    expect(posts('EvseCtrl')).toBe(2)
  })

  it('boost on and off; anything else is refused: exit 2', async () => {
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    sim.charger.setStarted(true)
    expect((await run('boost', undefined)).code).toBe(EXIT.ok)
    expect(sim.charger.boosted).toBe(true)
    expect((await run('boost', 'off')).code).toBe(EXIT.ok)
    expect(sim.charger.boosted).toBe(false)
    expect((await run('boost', 'max')).code).toBe(EXIT.usage)
  })

  it('limit W: written once and seen in Status under the limiting strategy; not seen without it: exit 1', async () => {
    sim.charger.config.ControlStrategy = 1
    const r = await run('limit', '6900')
    expect(r.code).toBe(EXIT.ok)
    expect(r.text).toContain('Status shows 6900 W')
    sim.charger.config.ControlStrategy = 0
    expect((await run('limit', '5000')).code).toBe(EXIT.fail)
    expect(posts('EvseCtrl')).toBe(2)
    for (const bad of [undefined, '-1', '6.5', 'lots', '100001']) expect((await run('limit', bad)).code, String(bad)).toBe(EXIT.usage)
    expect(posts('EvseCtrl')).toBe(2)
  })
})

describe('service codes', () => {
  it('reset with --yes: recorded, the restart proven: exit 0; without --yes, or an unknown code: exit 2, nothing sent', async () => {
    await clock.sleep(60_000)
    expect((await run('service', 'reset')).code).toBe(EXIT.usage)
    expect((await run('service', 'reboot', { yes: true })).code).toBe(EXIT.usage)
    expect(posts('SystemInfo')).toBe(0)
    const r = await run('service', 'reset', { yes: true }, { lang: 'zh' })
    expect(r.code).toBe(EXIT.ok)
    expect(r.text).toContain('从运行时间确认重启')
    expect(posts('SystemInfo')).toBe(1)
    expect(sim.charger.uptimeMs).toBeLessThan(60_000)
  })

  it('update-run while the charger does not allow it: nothing sent, exit 1', async () => {
    const r = await run('service', 'update-run', { yes: true })
    expect(r.code).toBe(EXIT.fail)
    expect(r.text).toContain('does not allow this now')
    expect(posts('SystemInfo')).toBe(0)
  })
})

describe('the address', () => {
  it('--port joins the host; a port given twice is refused', async () => {
    expect((await run('status', undefined, { host: '127.0.0.2', port: port() })).code).toBe(EXIT.ok)
    expect((await run('status', undefined, { host: host(), port: port() })).code).toBe(EXIT.usage)
  })

  it('a charger that does not answer: exit 3 with a localized message, for a write and a service code alike', async () => {
    await sim.unplug()
    const start = await run('start', undefined)
    expect([start.code, start.text]).toEqual([EXIT.error, expect.stringContaining('No charger answers at')])
    const reset = await run('service', 'reset', { yes: true }, { json: true })
    expect(reset.code).toBe(EXIT.error)
  })
})
