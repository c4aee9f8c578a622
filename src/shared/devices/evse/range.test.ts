import { describe, expect, it } from 'vitest'
import { isLoopbackAddress, parseScanRange, SCAN_MAX_ADDRESSES } from './range'

const first = (text: string) => {
  const r = parseScanRange(text)
  return r.ok ? [r.addresses.length, r.addresses[0], r.addresses.at(-1)] : r
}

describe('a scan range as the installer types it', () => {
  it.each([
    ['192.168.1.17', [1, '192.168.1.17', '192.168.1.17']],
    ['192.168.1.10-60', [51, '192.168.1.10', '192.168.1.60']],
    ['  192.168.1.10 - 12 ', { ok: false, reason: 'badPart', part: '-' }],
    ['192.168.1.10-192.168.1.12', [3, '192.168.1.10', '192.168.1.12']],
    ['10.0.0.250-10.0.1.5', [12, '10.0.0.250', '10.0.1.5']],
    ['192.168.1.0/24', [254, '192.168.1.1', '192.168.1.254']],
    ['192.168.1.77/24', [254, '192.168.1.1', '192.168.1.254']],
    ['192.168.1.64/30', [2, '192.168.1.65', '192.168.1.66']],
    ['192.168.1.64/31', [2, '192.168.1.64', '192.168.1.65']],
    ['192.168.1.64/32', [1, '192.168.1.64', '192.168.1.64']],
    ['127.0.0.1-16', [16, '127.0.0.1', '127.0.0.16']],
    ['10.0.0.1, 10.0.0.3;10.0.0.2 10.0.0.1', [3, '10.0.0.1', '10.0.0.2']],
    ['10.0.0.0-255', [256, '10.0.0.0', '10.0.0.255']],
    ['10.0.0.1-10, 10.0.0.5-20', [20, '10.0.0.1', '10.0.0.20']],
    ['', { ok: false, reason: 'empty' }],
    [' , ', { ok: false, reason: 'empty' }],
    ['192.168.1.0/23', { ok: false, reason: 'prefixTooShort', part: '192.168.1.0/23' }],
    ['192.168.1.0/33', { ok: false, reason: 'badPart', part: '192.168.1.0/33' }],
    ['192.168.1.60-10', { ok: false, reason: 'backwards', part: '192.168.1.60-10' }],
    ['192.168.1.10-256', { ok: false, reason: 'badPart', part: '192.168.1.10-256' }],
    ['192.168.01.10', { ok: false, reason: 'badPart', part: '192.168.01.10' }],
    ['192.168.1.300', { ok: false, reason: 'badPart', part: '192.168.1.300' }],
    ['charger.local', { ok: false, reason: 'badPart', part: 'charger.local' }],
    ['http://192.168.1.10', { ok: false, reason: 'badPart', part: 'http://192.168.1.10' }],
    ['10.0.0.0-10.0.1.0', { ok: false, reason: 'tooMany', count: 257 }],
    ['10.0.0.1-10.255.255.255', { ok: false, reason: 'tooMany', count: 16_777_215 }],
    ['10.0.0.0/24 10.0.1.1-3', { ok: false, reason: 'tooMany', count: 257 }],
    ['10.0.0.0/24 10.0.1.1-2', [256, '10.0.0.1', '10.0.1.2']],
  ] as const)('%s', (text, expected) => {
    expect(first(text)).toEqual(expected)
  })

  it('the same addresses named twice are contacted once, and count once against the bound', () => {
    const r = parseScanRange('10.0.0.0-255 10.0.0.0/24')
    expect(r.ok && r.addresses.length).toBe(SCAN_MAX_ADDRESSES)
  })

  it('text far longer than any range is refused unread', () => {
    expect(parseScanRange('1'.repeat(5000))).toEqual({ ok: false, reason: 'tooLong' })
  })

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['128.0.0.1', false],
    ['192.168.1.1', false],
    ['localhost', false],
  ])('loopback %s: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback)
  })
})
