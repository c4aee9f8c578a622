import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeIni } from '@shared/devices/ups/encoding'
import { loadProtocol } from '@shared/devices/ups/lint'
import { CORRECTED_PATH, gbkBytes, multiLine, seedBytes } from './test-files'

const seed = decodeIni(seedBytes()).text
const shape = (text: string) => {
  const { protocol } = loadProtocol(text)
  return {
    values: protocol.values.map((v) => [v.n, v.name, v.group, v.command, v.index, v.len, v.type, v.bits]),
    groups: protocol.groups.map((g) => [g.id, g.name, g.values]),
  }
}

describe('UPS protocol file: loading', () => {
  it('reads the flattened seed as the maker wrote it: 121 values, their names and 15 groups', () => {
    const { protocol } = loadProtocol(seed)
    expect(protocol.ini.flattened).toBe(true)
    expect(protocol.values).toHaveLength(121)
    expect(protocol.values.map((v) => v.n)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1))
    expect(protocol.values[0]).toMatchObject({ name: '市电输入R相电压', command: 1, index: 0, len: 4, type: 'WORD', group: 1 })
    expect(protocol.values[22]).toMatchObject({ n: 23, name: 'A相欠压', group: 23, bits: { start: 0, end: 0 } })
    expect(protocol.values[120]).toMatchObject({ n: 121, name: '电池剩余容量', command: 2, group: 115 })
    expect(protocol.groups.map((g) => [g.id, g.name, g.values.length])).toEqual([
      [1, '0x1', 22],
      [23, '市电输入异常报警状态', 6],
      [29, '旁路输入异常报警状态', 2],
      [31, '直流异常报警状态', 8],
      [39, '负载异常报警状态', 3],
      [42, '系统切换状态', 7],
      [49, '系统开关机状态', 8],
      [57, '其他状态1', 6],
      [63, '0x02', 21],
      [84, '交流输入异常报警状态', 6],
      [90, '直流异常报警状态', 7],
      [97, '逆变异常报警状态1', 6],
      [103, '逆变异常报警状态2', 6],
      [109, '负载异常报警状态', 6],
      [115, '0x06', 7],
    ])
  })

  it('ends a flattened comment at the next token, not at the next space', () => {
    const { protocol } = loadProtocol(seed)
    const comments = protocol.ini.items.filter((i) => i.kind === 'comment').map((i) => (i.kind === 'comment' ? i.text : ''))
    expect(comments.slice(0, 3)).toEqual(['创建者:王剑锋', '创建时间:2011.11.21 A.M.', '协议名称:'])
  })

  it('gives the same values, names and groups multi-line with LF or CR LF, with a BOM, and in GBK', () => {
    const want = shape(seed)
    const lf = multiLine(seed, '\n')
    const crlf = multiLine(seed, '\r\n')
    expect(lf.split('\n').length).toBeGreaterThan(1000)
    expect(loadProtocol(lf).protocol.ini.flattened).toBe(false)
    expect(shape(lf)).toEqual(want)
    expect(shape(crlf)).toEqual(want)
    const bom = decodeIni(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(crlf)]))
    expect(bom.encoding).toBe('utf-8-bom')
    expect(shape(bom.text)).toEqual(want)
    for (const text of [seed, crlf]) {
      const gbk = decodeIni(gbkBytes(text))
      expect(gbk.encoding).toBe('gbk')
      expect(gbk.text).toBe(text)
      expect(shape(gbk.text)).toEqual(want)
    }
  })
})

describe('UPS protocol file: lint of the seed', () => {
  it('says once that 120 values sit on a placeholder, and marks them not measurable', () => {
    const { protocol, findings } = loadProtocol(seed)
    const placeholder = findings.filter((f) => f.code === 'placeholder')
    expect(placeholder).toHaveLength(1)
    expect(placeholder[0]!.params).toMatchObject({ count: 120, index: '13', bitCount: 69, bit: '0', first: 'cmd-2', last: 'cmd-121' })
    expect(findings.filter((f) => f.code === 'overlap')).toEqual([])
    expect(protocol.values.filter((v) => v.measurable).map((v) => v.n)).toEqual([1])
  })

  it('points at offsets in the flattened file and at lines and columns in a multi-line one', () => {
    const flat = loadProtocol(seed).findings
    expect(flat.map((f) => f.code)).toEqual(['groupCommand', 'placeholder', 'countMismatch'])
    for (const f of flat) expect(f.line).toBeUndefined()
    expect(seed.slice(flat[1]!.at, flat[1]!.at + 2)).toBe('13')
    expect(seed.slice(flat[1]!.at - 6, flat[1]!.at)).toBe('Index=')
    expect(seed.slice(flat[2]!.at - 11, flat[2]!.at + 3)).toBe('type-count=121')
    expect(flat[2]!.params).toMatchObject({ section: 'TYPE', declared: '121', found: 1 })
    expect(flat[0]!.params).toMatchObject({ group: '0x06', count: 7, command: '0x02' })

    const crlf = multiLine(seed, '\r\n')
    const lines = crlf.split('\r\n')
    const [group, placeholder, count] = loadProtocol(crlf).findings
    expect(lines[group!.line! - 1]).toBe(';0x06')
    expect(group!.column).toBe(1)
    expect(lines[placeholder!.line! - 1]).toBe('Index=13')
    expect(placeholder!.column).toBe(7)
    expect(lines[count!.line! - 1]!.slice(count!.column! - 1)).toBe('121')
  })
})

describe('UPS protocol file: the corrected file shipped in resources/ups', () => {
  it('lints clean, with all 121 values measurable at distinct places and bits', () => {
    const decoded = decodeIni(readFileSync(CORRECTED_PATH))
    const { protocol, findings } = loadProtocol(decoded.text)
    expect(findings).toEqual([])
    expect(protocol.values.filter((v) => v.measurable)).toHaveLength(121)
    const places = protocol.values.map((v) => `${v.command}|${v.index}|${v.bits ? v.bits.start : '-'}`)
    expect(new Set(places).size).toBe(121)
    expect(shape(decoded.text).values.map((v) => v[1])).toEqual(shape(seed).values.map((v) => v[1]))
    expect(shape(decoded.text).groups).toEqual(shape(seed).groups)
  })
})
