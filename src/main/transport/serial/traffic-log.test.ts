import { describe, expect, it } from 'vitest'
import { TrafficLog } from './traffic-log'

describe('TrafficLog', () => {
  it('keeps every chunk both ways with time and direction, and exports text and CSV', () => {
    let t = Date.UTC(2026, 10, 21, 8, 0, 0)
    const log = new TrafficLog(100, 1000, () => t++)
    log.event('open')
    log.append('tx', new TextEncoder().encode('comm,01,'))
    log.append('rx', new Uint8Array([0x00, 0x41, 0x7f, 0xff]))
    expect(log.since(-1, 10).map((e) => [e.seq, e.dir, e.hex])).toEqual([
      [0, 'event', 'open'],
      [1, 'tx', '636f6d6d2c30312c'],
      [2, 'rx', '00417fff'],
    ])
    expect(log.since(1, 10).map((e) => e.seq)).toEqual([2])
    const txt = log.export('txt', '/dev/ttyUSB0')
    expect(txt).toContain('TX    63 6f 6d 6d 2c 30 31 2c')
    expect(txt).toContain('comm,01,')
    expect(txt).toContain('.A..')
    const csv = log.export('csv', 'x').split('\r\n')
    expect(csv[0]).toBe('seq,timestamp,direction,hex,ascii')
    expect(csv[3]).toBe('2,2026-11-21T08:00:00.002Z,rx,00 41 7f ff,.A..')
  })

  it('is bounded in entries and bytes, oldest first, and counts what it dropped', () => {
    const log = new TrafficLog(3, 10)
    for (let i = 0; i < 5; i++) log.append('rx', new Uint8Array([i]))
    expect(log.size).toBe(3)
    expect(log.dropped).toBe(2)
    expect(log.since(-1, 10).map((e) => e.hex)).toEqual(['02', '03', '04'])
    log.append('rx', new Uint8Array(9))
    expect(log.size).toBe(2)
    expect(log.dropped).toBe(4)
  })
})
