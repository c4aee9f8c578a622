import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeIni } from '@shared/devices/ups/encoding'
import { loadProtocol } from '@shared/devices/ups/lint'
import { groupNameKey, valueNameKey } from '@shared/devices/ups/names'
import { seedBytes } from './test-files'
import { defaultUnit } from '@shared/devices/ups/units'

const LOCALES = resolve(import.meta.dirname, '../../../../locales')
const table = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'upsNames.json'), 'utf8')) as { values: Record<string, string>; groups: Record<string, string> }
const lookup = (lang: string, key: string) => {
  const [, path] = key.split(':')
  const [part, id] = path!.split('.') as ['values' | 'groups', string]
  return table(lang)[part][id]
}

const { protocol } = loadProtocol(decodeIni(seedBytes()).text)

describe('UPS value and group names', () => {
  it('name every value and group of the seed in zh (as the file has it), en and pl, and nothing else', () => {
    for (const lang of ['zh', 'en', 'pl']) {
      expect(Object.keys(table(lang).values)).toHaveLength(121)
      expect(Object.keys(table(lang).groups)).toHaveLength(protocol.groups.length)
      for (const v of protocol.values) expect(lookup(lang, valueNameKey(v.n)), `${lang} cmd-${v.n}`).toMatch(/\S/)
      for (const g of protocol.groups) expect(lookup(lang, groupNameKey(g.id)), `${lang} group ${g.id}`).toMatch(/\S/)
    }
    for (const v of protocol.values) expect(lookup('zh', valueNameKey(v.n))).toBe(v.name)
    for (const g of protocol.groups) expect(lookup('zh', groupNameKey(g.id))).toBe(g.name)
  })

  it('translate each of the file’s names one way: values the file names alike read alike in en and pl, the others apart, none left in Chinese', () => {
    for (const lang of ['en', 'pl']) {
      const byZh = new Map<string, Set<string>>()
      const byText = new Map<string, Set<string>>()
      for (const v of protocol.values) {
        const text = lookup(lang, valueNameKey(v.n))!
        expect(text, `${lang} cmd-${v.n}`).not.toMatch(/\p{Script=Han}/u)
        byZh.set(v.name, (byZh.get(v.name) ?? new Set()).add(text))
        byText.set(text, (byText.get(text) ?? new Set()).add(v.name))
      }
      for (const [zh, texts] of byZh) expect([...texts], `${lang}: ${zh}`).toHaveLength(1)
      for (const [text, zhs] of byText) expect([...zhs], `${lang}: ${text}`).toHaveLength(1)
      for (const g of protocol.groups) expect(lookup(lang, groupNameKey(g.id)), `${lang} group ${g.id}`).not.toMatch(/\p{Script=Han}/u)
    }
  })
})

describe('UPS default units from the names', () => {
  const unitOf = (name: string, bits?: { start: number; end: number }) => defaultUnit({ name, bits })
  it('reads voltages, currents, frequency, power factor, power, load, capacity and temperature', () => {
    expect(unitOf('市电输入R相电压')).toEqual({ scale: 0.1, unit: 'V' })
    expect(unitOf('系统R相输出电流')).toEqual({ scale: 0.1, unit: 'A' })
    expect(unitOf('逆变输出频率')).toEqual({ scale: 0.01, unit: 'Hz' })
    expect(unitOf('R相输出功率因数')).toEqual({ scale: 0.01, unit: '' })
    expect(unitOf('系统输出R相视在功率')).toEqual({ scale: 1, unit: 'VA' })
    expect(unitOf('R相有功功率')).toEqual({ scale: 1, unit: 'W' })
    expect(unitOf('R相负载百分比')).toEqual({ scale: 1, unit: '%' })
    expect(unitOf('电池剩余容量')).toEqual({ scale: 1, unit: '%' })
    expect(unitOf('模块机内温度')).toEqual({ scale: 0.1, unit: '°C' })
    expect(unitOf('当前在线模块数量')).toEqual({ scale: 1, unit: '' })
    expect(unitOf('A相欠压', { start: 0, end: 0 })).toEqual({ scale: 1, unit: '' })
  })

  it('gives every one of the 121 seed values a unit, none by accident', () => {
    const units = protocol.values.map((v) => defaultUnit(v).unit)
    expect(units.filter((u) => u === 'V')).toHaveLength(9 + 2 + 3 + 3 + 2)
    expect(units.filter((u) => u === 'A')).toHaveLength(3 + 2 + 9 + 2)
  })
})
