import { describe, expect, it } from 'vitest'
import { applyEdits, EditError, saveEdited } from '@shared/devices/ups/edit'
import { decodeIni, UnencodableCharacter } from '@shared/devices/ups/encoding'
import { loadProtocol } from '@shared/devices/ups/lint'
import { gbkBytes, multiLine, seedBytes } from './test-files'

const seed = decodeIni(seedBytes()).text
const utf8 = (text: string) => new TextEncoder().encode(text)
const shapes: [string, Uint8Array][] = [
  ['flattened seed, UTF-8', seedBytes()],
  ['LF, UTF-8', utf8(multiLine(seed, '\n'))],
  ['CR LF, UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(multiLine(seed, '\r\n'))])],
  ['CR LF, GBK', gbkBytes(multiLine(seed, '\r\n'))],
  ['flattened, GBK', gbkBytes(seed)],
]

describe('UPS protocol file: saving corrections', () => {
  for (const [label, bytes] of shapes) {
    it(`${label}: unchanged is byte for byte, and an edit changes only the value's bytes`, () => {
      expect(saveEdited(bytes, []).bytes).toEqual(bytes)
      const saved = saveEdited(bytes, [
        { section: 'cmd-2', key: 'Index', value: '14' },
        { section: 'cmd-23', key: 'Sbit', value: '9' },
      ])
      expect(saved.encoding).toBe(decodeIni(bytes).encoding)
      const before = decodeIni(bytes).text
      const after = decodeIni(saved.bytes).text
      expect(after.length).toBe(before.length)
      const changed = [...after].flatMap((ch, i) => (ch === before[i] ? [] : [i]))
      expect(changed).toHaveLength(2)
      const { protocol } = loadProtocol(after)
      expect(protocol.values[1]).toMatchObject({ index: 14, name: '市电输入S相电压' })
      expect(protocol.values[22]!.bits).toEqual({ start: 9, end: 0 })
      expect(saveEdited(saved.bytes, [{ section: 'cmd-2', key: 'Index', value: '13' }, { section: 'cmd-23', key: 'Sbit', value: '0' }]).bytes).toEqual(bytes)
    })
  }

  it('refuses an edit to a missing key, or one that would not read back, and changes nothing', () => {
    expect(() => applyEdits(seed, [{ section: 'cmd-1', key: 'Sbit', value: '1' }])).toThrow(EditError)
    expect(() => applyEdits(seed, [{ section: 'cmd-1', key: 'Index', value: '4 [cmd-9]' }])).toThrow(EditError)
    expect(() => applyEdits(multiLine(seed, '\n'), [{ section: 'cmd-1', key: 'Index', value: '4\nLen=2' }])).toThrow(EditError)
  })

  it('refuses a character GBK cannot hold in a GBK file', () => {
    const bytes = gbkBytes(multiLine(seed, '\n'))
    expect(() => saveEdited(bytes, [{ section: 'CMD', key: 'cmd-1', value: '市电😀' }])).toThrow(UnencodableCharacter)
    expect(decodeIni(saveEdited(bytes, [{ section: 'CMD', key: 'cmd-1', value: '市电输入甲相电压' }]).bytes).text).toContain('cmd-1=市电输入甲相电压\n')
  })
})
