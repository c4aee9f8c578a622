import { describe, expect, it } from 'vitest'
import { byteHex, fromHex, hexField, isPrintableAscii, spacedHex, toAscii, toHex } from './hex'

describe('hex and ASCII views of bytes', () => {
  it('writes bytes as lowercase hex without separators', () => {
    expect(toHex(new Uint8Array([0x00, 0x0a, 0x7e, 0xff]))).toBe('000a7eff')
    expect(toHex(new Uint8Array())).toBe('')
    expect(byteHex(0x0d)).toBe('0d')
    expect(byteHex(0xab)).toBe('ab')
  })

  it('reads hex as typed, and refuses what is not hex', () => {
    expect(toHex(fromHex('01 10 33:ac-FF'))).toBe('011033acff')
    expect(toHex(fromHex('0A,0b'))).toBe('0a0b')
    expect(fromHex('')).toEqual(new Uint8Array())
    expect(() => fromHex('0g')).toThrow(RangeError)
    expect(() => fromHex('abc')).toThrow(RangeError)
    expect(() => fromHex('0x01')).toThrow(RangeError)
  })

  it('spaces hex byte by byte', () => {
    expect(spacedHex('636f6d6d')).toBe('63 6f 6d 6d')
    expect(spacedHex('0d')).toBe('0d')
    expect(spacedHex('')).toBe('')
  })

  it('writes fields as uppercase hex of a fixed width, unsigned', () => {
    // the seed frame comm,01,011036000000007E: node 01, mode 1036, data 00000000, CRC 7E
    expect(hexField(0x01, 2)).toBe('01')
    expect(hexField(0x1036, 4)).toBe('1036')
    expect(hexField(0, 8)).toBe('00000000')
    expect(hexField(0x7e, 2)).toBe('7E')
    expect(hexField(-1, 8)).toBe('FFFFFFFF')
  })

  it('shows printable ASCII as itself and everything else as a dot', () => {
    expect(toAscii(new Uint8Array([0x0d, 0x0a, 0x48]))).toBe('..H')
    expect(toAscii(new Uint8Array([0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff]))).toBe('. ~...')
    expect(isPrintableAscii(0x20)).toBe(true)
    expect(isPrintableAscii(0x7e)).toBe(true)
    expect(isPrintableAscii(0x7f)).toBe(false)
    expect(isPrintableAscii(0x1f)).toBe(false)
  })
})
