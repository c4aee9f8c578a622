import { describe, expect, it } from 'vitest'
import type { FramingProfile } from './framing'
import { loadProtocol } from './lint'
import { pollCommands, readCommand } from './readings'
import { checksumBytes, rawValue, replyBytes, replyData, requestBytes, UpsReplyReader, type WireItem, writeRaw } from './wire'

const ascii = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)

const q1: FramingProfile = {
  line: { baud: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  request: { prefix: '7E', command: 'ascii-hex', suffix: '0D', checksum: 'none' },
  reply: { prefix: '7E', terminator: '0D', length: { '01': 8 }, data: 'ascii-hex', byteOrder: 'big', checksum: 'none', timeoutMs: 500 },
}
const binary: FramingProfile = {
  ...q1,
  request: { prefix: 'AA', command: 'binary', suffix: '', checksum: 'sum8' },
  reply: { prefix: 'AA', terminator: '', length: { '02': 4 }, data: 'binary', byteOrder: 'little', checksum: 'xor8', timeoutMs: 500 },
}

describe('UPS wire codec: requests', () => {
  it.each([
    ['ASCII hex command between prefix and suffix', q1, 0x06, [0x7e, 0x30, 0x36, 0x0d]],
    ['a raw command byte with its sum', binary, 0x02, [0xaa, 0x02, 0x02]],
    ['an ASCII hex command with its sum in hex', { ...q1, request: { ...q1.request, checksum: 'sum8' } }, 0x1f, [0x7e, 0x31, 0x46, 0x31, 0x46, 0x0d]],
  ] as const)('%s', (_, profile, command, bytes) => {
    expect([...requestBytes(profile as FramingProfile, command)]).toEqual(bytes)
  })

  it('computes CRC-16/MODBUS low byte first', () => {
    // the textbook frame 01 03 00 00 00 0A has CRC C5 CD
    expect([...checksumBytes('crc16-modbus', Uint8Array.of(1, 3, 0, 0, 0, 0x0a))]).toEqual([0xc5, 0xcd])
  })
})

describe('UPS wire codec: cutting replies out of the stream', () => {
  const cut = (profile: FramingProfile, chunks: string[] | Uint8Array[], expect?: number): WireItem[] => {
    const reader = new UpsReplyReader(profile)
    if (expect !== undefined) reader.expect(expect)
    return chunks.flatMap((c) => reader.push(typeof c === 'string' ? ascii(c) : c))
  }

  it.each([
    ['one chunk', ['~0898ABCD\r']],
    ['byte by byte', [...'~0898ABCD\r']],
    ['split inside the terminator-free body', ['~08', '98A', 'BCD\r']],
  ])('a terminated reply in %s', (_, chunks) => {
    const items = cut(q1, chunks)
    expect(items).toHaveLength(1)
    expect(items[0]!.kind).toBe('reply')
    if (items[0]!.kind === 'reply') expect(text(items[0]!.body)).toBe('0898ABCD')
  })

  it('drops bytes before the prefix as junk and keeps the reply after them', () => {
    const items = cut(q1, ['xx\x00', 'z~12', '34\r'])
    expect(items.map((i) => i.kind)).toEqual(['junk', 'junk', 'reply'])
    expect(items.filter((i) => i.kind === 'junk').reduce((n, i) => n + (i.kind === 'junk' ? i.bytes.length : 0), 0)).toBe(4)
  })

  it('holds a reply still without its terminator, and ends one by length when the profile has no terminator', () => {
    expect(cut(q1, ['~1234'])).toEqual([])
    const items = cut(binary, [Uint8Array.of(0xaa, 1, 2), Uint8Array.of(3, 4, 4, 0xaa)], 0x02)
    expect(items).toHaveLength(1)
    if (items[0]!.kind === 'reply') expect([...items[0]!.body]).toEqual([1, 2, 3, 4, 4])
  })

  it('gives up on a reply that never ends: junk, not a growing buffer', () => {
    const items = cut(q1, ['~', 'A'.repeat(5000)])
    expect(items.some((i) => i.kind === 'junk')).toBe(true)
  })
})

describe('UPS wire codec: checking a reply', () => {
  it.each([
    ['the expected length', q1, '0898ABCD', { ok: true, units: 8 }],
    ['too short', q1, '0898AB', { ok: false, problem: 'wrongLength', units: 6, expected: 8 }],
    ['too long', q1, '0898ABCD00', { ok: false, problem: 'wrongLength', units: 10, expected: 8 }],
    ['not hex', q1, '0898ABCG', { ok: false, problem: 'notHex' }],
  ] as const)('%s', (_, profile, body, want) => {
    expect(replyData(profile, 1, ascii(body))).toMatchObject(want)
  })

  it('checks a binary reply checksum', () => {
    expect(replyData(binary, 2, Uint8Array.of(1, 2, 3, 4, 4))).toMatchObject({ ok: true, bytes: Uint8Array.of(1, 2, 3, 4) })
    expect(replyData(binary, 2, Uint8Array.of(1, 2, 3, 4, 5))).toMatchObject({ ok: false, problem: 'badChecksum' })
  })

  it('builds replies the reader and checker take back', () => {
    const withSum: FramingProfile = { ...q1, reply: { ...q1.reply, checksum: 'sum8' } }
    const wire = replyBytes(withSum, ascii('0898ABCD'))
    expect(text(wire)).toBe('~0898ABCD18\r')
    const [item] = new UpsReplyReader(withSum).push(wire)
    expect(item?.kind === 'reply' && replyData(withSum, 1, item.body)).toMatchObject({ ok: true, bytes: Uint8Array.of(0x08, 0x98, 0xab, 0xcd) })
  })
})

describe('UPS wire codec: values', () => {
  const data = Uint8Array.of(0x08, 0x98, 0xff, 0x38, 0x00, 0x05, 0x41, 0x20, 0x00, 0x00)
  it.each([
    ['WORD big-endian, Index in hex digits', q1, { index: 0, len: 4, type: 'WORD' }, 2200],
    ['SHORT is signed', q1, { index: 4, len: 4, type: 'SHORT' }, -200],
    ['BYTE', q1, { index: 2, len: 2, type: 'BYTE' }, 0x98],
    ['CHAR is signed', q1, { index: 4, len: 2, type: 'CHAR' }, -1],
    ['bit 0 of a status word', q1, { index: 8, len: 4, type: 'WORD', bits: { start: 0, end: 0 } }, 1],
    ['bits 1..2 of a status word', q1, { index: 8, len: 4, type: 'WORD', bits: { start: 1, end: 2 } }, 2],
    ['DWORD', q1, { index: 0, len: 8, type: 'DWORD' }, 0x0898ff38],
    ['FLOAT', q1, { index: 12, len: 8, type: 'FLOAT' }, 10],
    ['WORD little-endian, Index in bytes', binary, { index: 0, len: 2, type: 'WORD' }, 0x9808],
    ['past the end of the reply', q1, { index: 18, len: 4, type: 'WORD' }, undefined],
    ['Index not on a byte in ASCII hex', q1, { index: 1, len: 4, type: 'WORD' }, undefined],
  ] as const)('%s', (_, profile, value, want) => {
    expect(rawValue(value, data, profile)).toBe(want)
  })

  it('writes a value back into its place without touching the bits beside it', () => {
    const reply = new Uint8Array(4)
    writeRaw({ index: 0, len: 4, type: 'WORD', bits: { start: 3, end: 3 } }, reply, 1, q1)
    writeRaw({ index: 0, len: 4, type: 'WORD', bits: { start: 0, end: 0 } }, reply, 1, q1)
    writeRaw({ index: 4, len: 4, type: 'WORD' }, reply, 2301, q1)
    expect([...reply]).toEqual([0x00, 0x09, 0x08, 0xfd])
    writeRaw({ index: 0, len: 4, type: 'WORD', bits: { start: 3, end: 3 } }, reply, 0, q1)
    expect(reply[1]).toBe(0x01)
  })
})

describe('UPS wire codec: the file\'s values', () => {
  const corrected = `[CMD]\ncmd-count=3\n;0x1\ncmd-1=市电输入R相电压\ncmd-2=A相欠压\ncmd-3=A相过压\n[cmd-1]\nSendCmd=01\nIndex=0\nLen=4\ntype=WORD\n[cmd-2]\nSendCmd=01\nIndex=4\nLen=4\nSbit=0\nEbit=0\ntype=WORD\n[cmd-3]\nSendCmd=01\nIndex=4\nLen=4\nSbit=1\nEbit=1\ntype=WORD\n`
  it('reads each measurable value of a reply', () => {
    const { protocol } = loadProtocol(corrected)
    expect(pollCommands(protocol)).toEqual([1])
    expect([...readCommand(protocol, q1, 1, Uint8Array.of(0x08, 0x98, 0x00, 0x02))]).toEqual([
      [1, 2200],
      [2, 0],
      [3, 1],
    ])
  })

  it('never reads a placeholder: three values at one place give no readings', () => {
    const placeholder = corrected.replace(/Index=\d+/g, 'Index=0').replace(/Sbit=\d\nEbit=\d\n/g, '')
    const { protocol, findings } = loadProtocol(placeholder)
    expect(findings.map((f) => f.code)).toContain('placeholder')
    expect(pollCommands(protocol)).toEqual([])
    expect(readCommand(protocol, q1, 1, Uint8Array.of(0x08, 0x98, 0x00, 0x02)).size).toBe(0)
  })
})
