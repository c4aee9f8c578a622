import { describe, expect, it } from 'vitest'
import { loadProtocol } from './lint'

/** A small multi-line file: `names` for [CMD], then the sections as given. */
function file(names: string[], sections: string, count = names.length): string {
  return ['[CMD]', `cmd-count=${count}`, ';测试组', ...names.map((n, i) => `cmd-${i + 1}=${n}`), sections].join('\n')
}
const word = (n: number, index: number, extra = '') => `[cmd-${n}]\nSendCmd=01\nIndex=${index}\nLen=4\n${extra}type=WORD`
const codes = (text: string, unitsPerByte?: 1 | 2) => loadProtocol(text, { unitsPerByte }).findings.map((f) => f.code)

describe('UPS protocol lint', () => {
  it('is clean for distinct words and for status bits that share one word', () => {
    const text = file(['电压', '告警A', '告警B'], [word(1, 0), word(2, 4, 'Sbit=0\nEbit=0\n'), word(3, 4, 'Sbit=1\nEbit=3\n')].join('\n'))
    const { protocol, findings } = loadProtocol(text)
    expect(findings).toEqual([])
    expect(protocol.values.map((v) => v.measurable)).toEqual([true, true, true])
    expect(protocol.groups).toEqual([expect.objectContaining({ id: 1, name: '测试组', values: [1, 2, 3] })])
  })

  it('finds count mismatches, missing and orphan sections, duplicates', () => {
    expect(codes(file(['a', 'b'], word(1, 0), 3))).toEqual(['countMismatch', 'missingSection'])
    expect(codes(file(['a'], [word(1, 0), word(2, 4)].join('\n')))).toEqual(['orphanSection'])
    expect(codes(file(['a'], [word(1, 0), word(1, 4)].join('\n')))).toEqual(['duplicateSection'])
    expect(codes(file(['a'], `${word(1, 0)}\nIndex=8`))).toEqual(['duplicateKey'])
    expect(codes('[OTHER]\nx=1')).toEqual(['noNamesSection'])
    expect(codes('[CMD]\ncmd-1=a\n' + word(1, 0))).toEqual(['noCount'])
  })

  it('finds missing keys, bad numbers, unknown types, Len against type and bits outside the field', () => {
    expect(codes(file(['a'], '[cmd-1]\nSendCmd=01\nLen=4\ntype=WORD'))).toEqual(['missingKey'])
    expect(codes(file(['a'], '[cmd-1]\nSendCmd=0x1G\nIndex=x\nLen=4\ntype=WORD'))).toEqual(['badNumber', 'badNumber'])
    expect(codes(file(['a'], '[cmd-1]\nSendCmd=01\nIndex=0\nLen=4\ntype=QWORD'))).toEqual(['unknownType'])
    expect(codes(file(['a'], '[cmd-1]\nSendCmd=01\nIndex=0\nLen=3\ntype=WORD'))).toEqual(['lenType'])
    expect(codes(file(['a'], word(1, 0)), 1)).toEqual(['lenType'])
    expect(codes(file(['a'], word(1, 0, 'Sbit=12\nEbit=16\n')))).toEqual(['badBits'])
    expect(codes(file(['a'], word(1, 0, 'Sbit=3\nEbit=2\n')))).toEqual(['badBits'])
    expect(codes(file(['a'], word(1, 0, 'Sbit=3\n')))).toEqual(['missingKey'])
    const { protocol } = loadProtocol(file(['a'], '[cmd-1]\nSendCmd=01\nIndex=0\nLen=3\ntype=WORD'))
    expect(protocol.values[0]!.measurable).toBe(false)
  })

  it('finds fields whose bytes overlap, once per field, and refuses to read either', () => {
    const text = file(['a', 'b', 'c', 'd'], [word(1, 0), word(2, 2), word(3, 8, 'Sbit=0\nEbit=1\n'), word(4, 8, 'Sbit=1\nEbit=2\n')].join('\n'))
    const { protocol, findings } = loadProtocol(text)
    expect(findings.map((f) => [f.code, f.params.section, f.params.other, f.line])).toEqual([
      ['overlap', 'cmd-2', 'cmd-1', 15],
      ['overlap', 'cmd-4', 'cmd-3', 27],
    ])
    expect(protocol.values.map((v) => v.measurable)).toEqual([false, false, false, false])
  })

  it('says a run of values at one identical place is a placeholder, in one finding', () => {
    const sections = Array.from({ length: 40 }, (_, i) => word(i + 2, 13, 'Sbit=0\nEbit=0\n'))
    const { protocol, findings } = loadProtocol(file(Array.from({ length: 41 }, (_, i) => `v${i}`), [word(1, 0), ...sections].join('\n')))
    expect(findings.map((f) => f.code)).toEqual(['placeholder'])
    expect(findings[0]!.params).toMatchObject({ count: 40, bitCount: 40, first: 'cmd-2', last: 'cmd-41' })
    expect(protocol.values.filter((v) => v.measurable).map((v) => v.n)).toEqual([1])
  })

  it('flags a line that is not INI', () => {
    expect(codes(file(['a'], `${word(1, 0)}\nthis is not ini`))).toEqual(['unreadableLine'])
  })
})
