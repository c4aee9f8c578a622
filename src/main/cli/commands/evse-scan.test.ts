/**
 * `fieldbench evse scan` against simulated chargers on loopback addresses
 * sharing one port, through the output layer the command line uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Site, site } from '../../devices/evse/test/site'
import { systemClock } from '../../core/clock'
import { EXIT } from '../output'
import { evseScanCommand } from './evse-scan'
import { runCommand } from './test-support'

let chargers: Site
beforeAll(async () => {
  chargers = await site(['127.0.0.81', '127.0.0.83'], systemClock)
})
afterAll(async () => {
  await chargers.dispose()
})

const run = (range: string | undefined, { lang = 'en', json = false, port = chargers.port } = {}) =>
  runCommand((out) => evseScanCommand(out, range, { port }), { lang, json })

describe('fieldbench evse scan', () => {
  it('lists each charger in the range with what it is, and what the scan cost', async () => {
    const r = await run('127.0.0.80-84')
    expect(r.code).toBe(EXIT.ok)
    expect(r.text).toContain(`Charger found at 127.0.0.81:${chargers.port}`)
    expect(r.text).toMatch(new RegExp(`127\\.0\\.0\\.83:${chargers.port}\\s+01100200\\s+0\\.9\\.2\\s+E0:E2:E6:52:AA:53`))
    expect(r.text).toContain('5 of 5 addresses asked; chargers found: 2; requests sent: 7.')
  })

  it('--json: one line per charger found as it is found, then the whole result', async () => {
    const r = await run('127.0.0.83', { json: true })
    const lines = r.text.trim().split('\n')
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'scanning', total: 1 })
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: 'found', host: `127.0.0.83:${chargers.port}`, health: 'ok' })
    expect(JSON.parse(lines.slice(2).join('\n'))).toMatchObject({ phase: 'done', total: 1, scanned: 1, hits: [{ mac: 'E0:E2:E6:52:AA:53' }] })
  })

  it('a range it cannot take is refused in the reader\'s language, and nothing is asked', async () => {
    const calls = chargers.sims.map((s) => s.server.calls.length)
    const r = await run('127.0.0.0/16', { lang: 'pl' })
    expect(r.code).not.toBe(EXIT.ok)
    expect(r.text).toContain('„127.0.0.0/16” jest szersza niż sieć /24')
    expect((await run(undefined)).code).toBe(EXIT.usage)
    expect(chargers.sims.map((s) => s.server.calls.length)).toEqual(calls)
  })
})
