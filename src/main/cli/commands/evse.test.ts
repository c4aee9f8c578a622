/**
 * `fieldbench evse status|meters|config get` against simulated chargers on
 * 127.0.0.2 and 127.0.0.3, through the output layer the command line uses,
 * and `fieldbench sim evse --host` refusing an address off loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EvseErrorStates, evseStateKey, EvseStateNames } from '@shared/devices/evse/states'
import { systemClock } from '../../core/clock'
import { evseSimulator, type EvseSimulator } from '../../devices/evse/simulator'
import { type Site, site } from '../../devices/evse/test/site'
import { MemoryLogger } from '../../log/logger'
import type { HttpSimulator } from '../../simulators/registry'
import { createOut, EXIT } from '../output'
import { evseCommand } from './evse'
import { simCommand } from './sim'
import { runCommand } from './test-support'

let chargers: Site
let first: EvseSimulator
let second: EvseSimulator
beforeAll(async () => {
  chargers = await site(['127.0.0.2', '127.0.0.3'], systemClock)
  ;[first, second] = chargers.sims as [EvseSimulator, EvseSimulator]
  second.charger.plug()
  second.setFault('LOCK_ERR_F')
})
afterAll(() => chargers.dispose())

const run = (sub: string, arg: string | undefined, host: string | undefined, format: { lang?: string; json?: boolean } = {}) =>
  runCommand((out) => evseCommand(out, sub, arg, { host }), format)

const hostOf = (sim: EvseSimulator) => new URL(sim.url).host

describe('fieldbench evse', () => {
  it('status: the state named and explained; an error state with what to check, in each language', async () => {
    const idle = await run('status', undefined, hostOf(first))
    expect(idle.code).toBe(EXIT.ok)
    expect(idle.text).toContain('State: Ready, no vehicle (A) (1).')
    expect(idle.text).toContain('Meter 1: communication OK')
    const pl = await run('status', undefined, hostOf(second), { lang: 'pl' })
    expect(pl.text).toContain('Błąd blokady wtyczki (F)')
    expect(pl.text).toContain('Do zrobienia: Sprawdź, czy wtyczka')
    const zh = await run('status', undefined, hostOf(second), { lang: 'zh' })
    expect(zh.text).toContain('插头锁故障')
  })

  it('status --json: the typed answer with the state name', async () => {
    const r = await run('status', undefined, hostOf(second), { json: true })
    expect(JSON.parse(r.text)).toMatchObject({ host: hostOf(second), state: 11, stateName: 'LOCK_ERR_F', started: false })
  })

  it('meters: both register maps with units and freshness; a failing meter shows its errors', async () => {
    first.meters[1].fail(true)
    const r = await run('meters', undefined, hostOf(first))
    first.meters[1].fail(false)
    expect(r.code).toBe(EXIT.ok)
    expect(r.text).toMatch(/0x04_0x0048\s+TotalImport\s+0\.331\s+kWh\s+0\s+current/)
    expect(r.text).toContain('Meter 2 (')
    expect(r.text).toMatch(/read errors?\)/)
    expect(r.text).toContain('not available')
  })

  it('config get: every field', async () => {
    const r = await run('config', 'get', hostOf(first), { json: true })
    expect(JSON.parse(r.text).config).toEqual(first.charger.config)
  })

  it('exits 3 with a localized message when the charger does not answer, 2 on usage errors', async () => {
    await first.server.unplug()
    try {
      const r = await run('status', undefined, hostOf(first))
      expect(r.code).toBe(EXIT.error)
      expect(r.text).toContain('No charger answers at')
    } finally {
      await first.server.plug()
    }
    expect((await run('status', undefined, undefined)).code).toBe(EXIT.usage)
    expect((await run('status', undefined, 'http://x/y')).code).toBe(EXIT.usage)
    expect((await run('config', 'set', hostOf(first))).code).toBe(EXIT.usage)
  }, 20_000)
})

describe('EvseState texts', () => {
  for (const lang of ['en', 'zh', 'pl'] as const) {
    it(`${lang}: every state has a name and an explanation, every error state what to check`, async () => {
      const { t } = await createOut(false, lang)
      for (const name of EvseStateNames) {
        const key = evseStateKey(name)
        const texts = [t(`evse:stateName.${key}`), t(`evse:stateExplain.${key}`)]
        if (EvseErrorStates.includes(name)) texts.push(t(`evse:stateCheck.${key}`))
        for (const text of texts) expect(text, `${lang} ${name}`).not.toMatch(/^(evse:)?state/)
      }
    })
  }
})

describe('fieldbench sim evse', () => {
  it('refuses a host outside 127.0.0.0/8 before listening', async () => {
    const out = await createOut(false, 'en')
    await expect(simCommand(out, { device: 'evse', host: '192.168.0.17', baud: 115200 })).rejects.toThrow('not a loopback address')
  })

  it('the catalog definition listens on the address it is given; several share a port', async () => {
    const a = (await evseSimulator.create({ log: new MemoryLogger(), host: '127.0.0.4' })) as HttpSimulator
    const port = Number(new URL(a.url).port)
    const b = (await evseSimulator.create({ log: new MemoryLogger(), host: '127.0.0.5', port })) as HttpSimulator
    try {
      expect([new URL(a.url).hostname, new URL(b.url).hostname]).toEqual(['127.0.0.4', '127.0.0.5'])
      const info = (await (await fetch(`${b.url}/webapi/v1/SystemInfo`)).json()) as { MAC: string }
      expect(info.MAC).toBe('E0:E2:E6:52:AA:05')
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })
})
