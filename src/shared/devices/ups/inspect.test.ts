import { describe, expect, it } from 'vitest'
import { changedBytes, changedFields, commandsOf, type FrameShape, OVERLAPS_LISTED, overlay, parseHexDump, readRaw } from './inspect'
import { loadProtocol } from './lint'

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)))
const asciiHex: FrameShape = { prefixLength: 1, terminator: new Uint8Array([0x0d]), data: 'ascii-hex', byteOrder: 'big' }

/** values 1 and 2 are words at 0 and 4; 3 and 4 are bits of the word at 8; 5 overlaps 2; 6 reads past the reply; 7 is another command's */
const { protocol } = loadProtocol(
  [
    '[CMD]',
    'cmd-count=7',
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => `cmd-${n}=v${n}`),
    ...[
      [1, '01', 0, ''],
      [2, '01', 4, ''],
      [3, '01', 8, 'Sbit=0\nEbit=0\n'],
      [4, '01', 8, 'Sbit=1\nEbit=2\n'],
      [5, '01', 6, ''],
      [6, '01', 14, ''],
      [7, '02', 0, ''],
    ].map(([n, cmd, index, bits]) => `[cmd-${n}]\nSendCmd=${cmd}\nIndex=${index}\nLen=4\n${bits}type=WORD`),
  ].join('\n'),
)
// ~ 08FC 0000 0005 0000 + CR: value 1 = 0x08FC (230.0 V as tenths), the status word 0x0005
const before = ascii('~08FC000000050000\r')
const after = ascii('~0000000000070000\r')

describe('UPS answer inspector: the overlay', () => {
  it('says which bytes each value reads, with prefix and terminator apart, and reads the raw counts', () => {
    const view = overlay(protocol.values, { command: 1, bytes: before }, asciiHex)
    expect(view.cells.map((c) => c.role[0]).join('')).toBe('p' + 'd'.repeat(16) + 't')
    expect(view.fields.map((f) => [f.n, f.start, f.end, f.pastEnd, f.raw])).toEqual([
      [1, 1, 5, false, 0x08fc],
      [2, 5, 9, false, 0],
      [3, 9, 13, false, 1],
      [4, 9, 13, false, 2],
      [5, 7, 11, false, 0],
      [6, 15, 19, true, undefined],
    ])
    expect(view.cells.slice(1, 5).map((c) => c.fields)).toEqual([[1], [1], [1], [1]])
    expect(view.cells[9]!.fields).toEqual([3, 4, 5])
    expect(view.cells[17]!.fields).toEqual([])
  })

  it('marks overlaps, but not status bits that share a word without sharing bits', () => {
    const view = overlay(protocol.values, { command: 1, bytes: before }, asciiHex)
    expect(view.cells.filter((c) => c.overlap).map((c) => c.at)).toEqual([7, 8, 9, 10])
    expect(Object.fromEntries(view.fields.map((f) => [f.n, f.overlaps]))).toEqual({ 1: [], 2: [5], 3: [5], 4: [5], 5: [2, 3, 4], 6: [] })
  })

  it('lists the data bytes no value reads as runs', () => {
    const view = overlay(protocol.values, { command: 1, bytes: before }, asciiHex)
    expect(view.unread).toEqual([[13, 15]])
    expect(overlay(protocol.values, { command: 2, bytes: before }, asciiHex).unread).toEqual([[5, 17]])
  })

  it('takes a frame without its terminator as all data, and a binary little-endian reply', () => {
    const cut = overlay(protocol.values, { command: 1, bytes: before.subarray(0, 12) }, asciiHex)
    expect(cut.cells.at(-1)!.role).toBe('data')
    expect(cut.fields.find((f) => f.n === 3)!.pastEnd).toBe(true)
    const shape: FrameShape = { prefixLength: 0, terminator: new Uint8Array(), data: 'binary', byteOrder: 'little' }
    expect(readRaw(new Uint8Array([0xfc, 0x08]), {}, shape)).toBe(0x08fc)
    expect(readRaw(new Uint8Array([0x06, 0x00]), { bits: { start: 1, end: 2 } }, shape)).toBe(3)
    expect(readRaw(ascii('0G'), {}, asciiHex)).toBeUndefined()
    expect(readRaw(ascii('0001'), { bits: { start: 16, end: 16 } }, asciiHex)).toBeUndefined()
  })

  it('lays the seed’s placeholder over a reply: every value at Index 13 reads the same bytes', () => {
    const seedLike = loadProtocol(['[CMD]', 'cmd-count=4', ...[1, 2, 3, 4].map((n) => `cmd-${n}=v${n}`), ...[1, 2, 3, 4].map((n) => `[cmd-${n}]\nSendCmd=01\nIndex=${n === 1 ? 0 : 13}\nLen=4\ntype=WORD`)].join('\n'))
    const view = overlay(seedLike.protocol.values, { command: 1, bytes: ascii(`~${'0'.repeat(20)}\r`) }, asciiHex)
    expect(view.fields.map((f) => f.overlaps)).toEqual([[], [3, 4], [2, 4], [2, 3]])
    expect(view.unread).toEqual([[5, 14], [18, 21]])
  })

  it('lists only the first few overlaps of each field, so a placeholder of 10,000 values costs linear work', () => {
    const count = 10_000
    const values = Array.from({ length: count }, (_, i) => ({ n: i + 1, name: `v${i + 1}`, command: 1, index: 13, len: 4, type: 'WORD', measurable: false }))
    const view = overlay(values, { command: 1, bytes: ascii(`~${'0'.repeat(20)}\r`) }, asciiHex)
    expect(view.fields).toHaveLength(count)
    expect(view.fields.every((f) => f.overlaps.length === OVERLAPS_LISTED)).toBe(true)
    expect(view.fields[0]!.overlaps).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
    expect(view.cells.filter((c) => c.overlap).map((c) => c.at)).toEqual([14, 15, 16, 17])
  })
})

describe('UPS answer inspector: two replies', () => {
  it('finds the bytes and the values that changed, a longer reply’s extra bytes included', () => {
    const changed = changedBytes(before, after)
    expect(changed).toEqual([2, 3, 4, 12])
    expect(changedFields(overlay(protocol.values, { command: 1, bytes: before }, asciiHex), changed)).toEqual([1, 3, 4])
    expect(changedBytes(before, before)).toEqual([])
    expect(changedBytes(before.subarray(0, 10), before)).toEqual([10, 11, 12, 13, 14, 15, 16, 17])
  })

  it('offers the file’s commands for a pasted reply', () => {
    expect(commandsOf(protocol.values)).toEqual([1, 2])
  })
})

describe('UPS answer inspector: pasted hex', () => {
  it('reads spaced, packed, 0x-prefixed and multi-line dumps', () => {
    expect(parseHexDump('7E 30 31 0D')).toEqual({ ok: true, bytes: new Uint8Array([0x7e, 0x30, 0x31, 0x0d]) })
    expect(parseHexDump('7e30\n310d')).toEqual({ ok: true, bytes: new Uint8Array([0x7e, 0x30, 0x31, 0x0d]) })
    expect(parseHexDump('0x7E, 0x30')).toEqual({ ok: true, bytes: new Uint8Array([0x7e, 0x30]) })
  })

  it('says what is wrong with a dump that is not hex', () => {
    expect(parseHexDump('  ')).toEqual({ ok: false, problem: 'empty' })
    expect(parseHexDump('7E 3G')).toEqual({ ok: false, problem: 'notHex', at: 4, character: 'G' })
    expect(parseHexDump('7E 3')).toEqual({ ok: false, problem: 'oddDigits', digits: 3 })
  })
})
