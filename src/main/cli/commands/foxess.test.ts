/**
 * `fieldbench foxess …` against the built-in simulator (--demo), through the
 * same output layer the command line uses.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { RecordStore } from '../../store/records'
import { Redactor } from '../../log/redact'
import { createOut } from '../output'
import { foxessCommand, type FoxessOptions } from './foxess'

const KRAKOW = '60H3103A12345601'
const BMS = '60H3060E52345605'
let dataDir: string

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-'))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function run(sub: string, arg: string | undefined, options: Partial<FoxessOptions>, { lang = 'en', json = false } = {}) {
  const written: string[] = []
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  try {
    const out = await createOut(json, lang)
    let code: number
    try {
      code = await foxessCommand(out, sub, arg, { demo: true, dataDir, ...options })
    } catch (err) {
      code = out.error(err)
    }
    return { code, text: written.join('') }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

describe('fieldbench foxess (demo)', () => {
  it('devices --json lists the account', async () => {
    const { code, text } = await run('devices', undefined, {}, { json: true })
    expect(code).toBe(0)
    const devices = JSON.parse(text) as { deviceSN: string }[]
    expect(devices).toHaveLength(13)
    expect(devices.map((d) => d.deviceSN)).toContain(KRAKOW)
  })

  it('real shows localized names, the running state and decoded faults', async () => {
    const en = await run('real', undefined, { sn: BMS, vars: ['pvPower', 'runningState', 'currentFault'] })
    expect(en.code).toBe(0)
    expect(en.text).toContain('PV power')
    expect(en.text).toContain('Fault (165)')
    expect(en.text).toMatch(/14 Communication fault between battery and inverter; 207 BMS external fault/)
    const pl = await run('real', undefined, { sn: KRAKOW, vars: ['pvPower', 'runningState'] }, { lang: 'pl' })
    expect(pl.text).toContain('Moc PV')
    expect(pl.text).toContain('ZMIENNA')
  })

  it('history over 30 hours as CSV, merged from two requests', async () => {
    const to = new Date()
    const from = new Date(to.getTime() - 30 * 3600_000)
    const { code, text } = await run('history', undefined, { sn: KRAKOW, vars: ['pvPower', 'SoC'], from: from.getTime(), to: to.getTime() })
    expect(code).toBe(0)
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toBe('Time,PV power (kW),Battery SOC (%)')
    expect(lines.length).toBeGreaterThan(300)
    const json = await run('history', undefined, { sn: KRAKOW, vars: ['pvPower'], from: from.getTime(), to: to.getTime() }, { json: true })
    expect((JSON.parse(json.text) as { requests: number }).requests).toBe(2)
  })

  it('settings get and set: out-of-range refused before sending, a valid change written and verified', async () => {
    const get = await run('settings', 'get', { sn: KRAKOW })
    expect(get.code).toBe(0)
    expect(get.text).toContain('Minimum SOC')
    expect(get.text).toContain('PL-EN50549')
    // a value the inverter does not allow is the person's input to correct: exit 2, with the app's reason
    const bad = await run('settings', 'set', { sn: KRAKOW, minSoc: 5 })
    expect(bad.code).toBe(2)
    expect(bad.text).toContain('Must be between 10 and 100')
    const good = await run('settings', 'set', { sn: KRAKOW, exportLimit: 5000, minSoc: 20 }, { json: true })
    expect(good.code).toBe(0)
    const result = JSON.parse(good.text) as { results: { item: string; status: string }[] }
    expect(result.results.map((r) => `${r.item}:${r.status}`)).toEqual(['minSoc:verified', 'exportLimit:verified'])
  })

  it('ct-check stops at failed conditions with the reason and exits 1; the record says so', async () => {
    const { code, text } = await run('ct-check', undefined, { sn: BMS })
    expect(code).toBe(1)
    expect(text).toContain('System: Three-phase, single inverter')
    expect(text).toMatch(/✗ Battery \(BMS\) communication: Alarm: BMS communication fault — Check the battery's communication cable/)
    const records = new RecordStore(join(dataDir, 'records.sqlite'), new Redactor())
    try {
      const found = records.search({ deviceSerial: BMS })
      expect(found.records[0]).toMatchObject({ jobType: 'ctDetection', verdict: 'fail', status: 'completed' })
    } finally {
      records.close()
    }
  })

  it('usage errors: no serial, --to not after --from', async () => {
    expect((await run('real', undefined, {})).code).toBe(2)
    const now = Date.now()
    const bad = await run('history', undefined, { sn: KRAKOW, from: now, to: now - 1 })
    expect(bad.code).toBe(2)
    expect(bad.text).toContain('--to must be later than --from')
  })
})
