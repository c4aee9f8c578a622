import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FaultClasses, type FoxessTablesMeta } from '../src/shared/devices/foxess/tables'
import { LANGS, loadFlat, ROOT } from './locales'

const meta = JSON.parse(readFileSync(join(ROOT, 'locales/foxess-tables.json'), 'utf8')) as FoxessTablesMeta

/** Units keep their case (30 mA, kWh): they are words, not identifiers. */
const UNIT = /^\d*(mA|kW|kWh|kVar|mΩ|MΩ)$/

/** A firmware or API identifier rather than words: camel case, an underscore, or one token of mixed case. */
export function identifierLike(name: string): boolean {
  if (name.includes('_')) return true
  const tokens = name.split(/[\s()/,:;–-]+/).filter(Boolean)
  if (tokens.length === 1 && /[a-z]/.test(name) && /[A-Z]/.test(name.slice(1))) return true
  return tokens.some((token) => /[a-z][A-Z]/.test(token) && !UNIT.test(token))
}

const CJK = /[\u4e00-\u9fff]/

describe('device table names a person can read', () => {
  it('tells an identifier from words', () => {
    for (const id of ['cGridOverVoltFault', 'IsLandFault', 'LightingAlarm', 'InvTemperation', 'PV1Volt', 'RVolt', 'Relay_Fault', 'BMS CellImblance', 'GridConsumption Power', 'SoC'])
      expect(identifierLike(id), id).toBe(true)
    for (const words of ['Grid overvoltage', 'PV1 voltage', 'Residual current over 30 mA', 'Battery SOC', 'Overload', 'GFDI', 'Inverter power switch (IGBT) over temperature'])
      expect(identifierLike(words), words).toBe(false)
  })

  it('has no English name that is an identifier', () => {
    for (const ns of ['foxessFaults', 'foxessVariables', 'foxessStates']) {
      const names = loadFlat('en', ns)
      expect(Object.entries(names).filter(([, name]) => identifierLike(name)).map(([key, name]) => `${ns}:${key} ${name}`)).toEqual([])
    }
  })

  it('has no Chinese name that is English', () => {
    for (const ns of ['foxessFaults', 'foxessVariables', 'foxessStates']) {
      const names = loadFlat('zh', ns)
      expect(Object.entries(names).filter(([, name]) => !CJK.test(name)).map(([key, name]) => `${ns}:${key} ${name}`)).toEqual([])
    }
  })

  it('says in Polish what the rest of the app says: bateria, praca wyspowa, szyna DC, usterka', () => {
    const names = Object.values({ ...loadFlat('pl', 'foxessFaults'), ...loadFlat('pl', 'foxessVariables') })
    expect(names.filter((name) => /akumulat|off-grid|\bBUS\b|magistral|nietoperz|autobus/i.test(name))).toEqual([])
    expect(loadFlat('pl', 'foxessVariables').currentFault).toMatch(/usterk/)
  })

  it('keeps the vendor text it replaced, so the vendor name stays visible and searchable', () => {
    const fault = (code: number) => meta.faults.find((f) => f.code === code)!
    expect(fault(1025)).toMatchObject({ vendorEn: 'cGridOverVoltFault' })
    expect(fault(233)).toMatchObject({ vendorEn: 'LightingAlarm' })
    expect(fault(1251)).toMatchObject({ vendorZh: 'Over Voltage Protect' })
    expect(fault(13)).toMatchObject({ vendorPl: 'Błąd komunikacji autobusowej', plSource: 'fieldbench' })
    expect(meta.variables.find((v) => v.key === 'invTemperation')).toMatchObject({ vendorEn: 'InvTemperation' })
    expect(meta.variables.find((v) => v.key === 'gridConsumptionPower')).toMatchObject({ vendorZh: '电网损耗功率' })
    // every identifier the vendor used is kept where ours replaced it
    const en = loadFlat('en', 'foxessFaults')
    for (const f of meta.faults) if (f.vendorEn) expect(en[`f${f.code}`]).not.toBe(f.vendorEn)
  })

  it('puts every known fault in one class, and no placeholder in any', () => {
    const known = meta.faults.filter((f) => !f.placeholder)
    expect(known.filter((f) => !f.class || !(FaultClasses as readonly string[]).includes(f.class)).map((f) => f.code)).toEqual([])
    expect(meta.faults.filter((f) => f.placeholder && f.class).map((f) => f.code)).toEqual([])
    expect(new Set(known.map((f) => f.class))).toEqual(new Set(FaultClasses))
  })

  it('has a name and a likely cause for every class in every language', () => {
    for (const lang of LANGS) {
      const tables = loadFlat(lang, 'tables')
      for (const cls of FaultClasses) {
        expect(tables[`faultClass.${cls}`], `${lang} faultClass.${cls}`).toBeTruthy()
        expect(tables[`faultAdvice.${cls}`], `${lang} faultAdvice.${cls}`).toBeTruthy()
      }
    }
  })
})
