import { describe, expect, it } from 'vitest'
import { cleanSerial, ScanDetector } from './scan'

const feed = (detector: ScanDetector, keys: string[], start: number, gap: number) => keys.map((key, i) => detector.key(key, start + i * gap))

describe('the barcode reader detector', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    const detector = new ScanDetector()
    const results = feed(detector, [...'CAB-2026-0042', 'Enter'], 1000, 8)
    expect(results.at(-1)).toBe('CAB-2026-0042')
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true)
  })

  it('ignores Shift between characters of a scan', () => {
    const detector = new ScanDetector()
    expect(feed(detector, ['Shift', 'C', 'Shift', 'A', 'B', '1', '2', 'Enter'], 0, 5).at(-1)).toBe('CAB12')
  })

  it('does not take a person typing as a scan', () => {
    const detector = new ScanDetector()
    expect(feed(detector, [...'CAB-1', 'Enter'], 0, 180).at(-1)).toBeNull()
  })

  it('keeps only the burst when a slow key came before it', () => {
    const detector = new ScanDetector()
    detector.key('x', 0)
    expect(feed(detector, [...'SN0099', 'Enter'], 1000, 10).at(-1)).toBe('SN0099')
  })

  it('needs a few characters, and a pause before Enter ends it', () => {
    const detector = new ScanDetector()
    expect(feed(detector, ['A', 'B', 'Enter'], 0, 5).at(-1)).toBeNull()
    feed(detector, [...'ABCDEF'], 100, 5)
    expect(detector.key('Enter', 1000)).toBeNull()
  })

  it('cleans what a reader adds around a serial', () => {
    expect(cleanSerial('\u0002 CAB-7\r\n')).toBe('CAB-7')
  })
})
