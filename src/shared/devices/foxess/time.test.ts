import { describe, expect, it } from 'vitest'
import { dayOf, dayRange, formatFoxTime, instantOf, mergeSeries, parseFoxTime, splitSpan, wallClock, zoneOffsetMinutes } from './time'

const H = 3600_000

describe('cloud times', () => {
  it('reads the formats a service sends, UTC unless an offset says otherwise', () => {
    const utc = Date.UTC(2024, 0, 17, 12, 47, 52)
    expect(parseFoxTime('2024-01-17 12:47:52')).toBe(utc)
    expect(parseFoxTime('2024-01-17T12:47:52Z')).toBe(utc)
    expect(parseFoxTime('2024-01-17 13:47:52 CET+0100')).toBe(utc)
    expect(parseFoxTime('2024-01-17 20:47:52 GMT+0800')).toBe(utc)
    expect(parseFoxTime('2024-01-17T08:47:52-04:00')).toBe(utc)
    expect(parseFoxTime(utc)).toBe(utc)
    expect(parseFoxTime(utc / 1000)).toBe(utc)
    expect(parseFoxTime(String(utc))).toBe(utc)
    expect(parseFoxTime('yesterday')).toBeNull()
    expect(parseFoxTime(null)).toBeNull()
    expect(parseFoxTime(formatFoxTime(utc))).toBe(utc)
  })

  it('reads zone names, fractions and spacing as before, and refuses what no service sends', () => {
    const utc = Date.UTC(2024, 0, 17, 12, 47, 52)
    expect(parseFoxTime('2024-01-17 12:47:52 CST')).toBe(utc)
    expect(parseFoxTime('2024-1-17T12:47:52.5Z')).toBe(utc + 500)
    expect(parseFoxTime('2024-01-17 20:47:52 GMT +08:00 CST')).toBe(utc)
    expect(parseFoxTime('2024-01-17 12:47')).toBe(utc - 52_000)
    expect(parseFoxTime('2024-01-17 12:47:52 ABCDEF+0800')).toBeNull()
    expect(parseFoxTime('2024-01-17 12:47:52 +080')).toBeNull()
    expect(parseFoxTime('2024-01-17 12:47:5')).toBeNull()
    expect(parseFoxTime('2024-01-17 12:47:52!')).toBeNull()
    expect(parseFoxTime(`2024-01-17 12:47:52${' '.repeat(100)}`)).toBeNull()
  })
})

describe('plant time zones', () => {
  it('a day is 24 h, 23 h or 25 h long depending on DST', () => {
    const normal = dayRange('2026-11-21', 'Europe/Warsaw')
    expect(normal.begin).toBe(Date.UTC(2026, 10, 20, 23))
    expect(normal.end - normal.begin).toBe(24 * H)
    const spring = dayRange('2026-03-29', 'Europe/Warsaw')
    expect(spring.end - spring.begin).toBe(23 * H)
    const autumn = dayRange('2026-10-25', 'Europe/Warsaw')
    expect(autumn.end - autumn.begin).toBe(25 * H)
    expect(dayRange('2026-11-21', 'Asia/Shanghai').begin).toBe(Date.UTC(2026, 10, 20, 16))
  })

  it('wall clocks and offsets', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 1), 'Europe/Warsaw')).toBe(120)
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Europe/London')).toBe(0)
    expect(wallClock(Date.UTC(2026, 10, 21, 10, 5, 9), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 21, hour: 18, minute: 5, second: 9 })
    expect(instantOf({ year: 2026, month: 11, day: 21, hour: 18, minute: 5 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 21, 10, 5))
    expect(dayOf(Date.UTC(2026, 10, 21, 23, 30), 'Europe/Warsaw')).toBe('2026-11-22')
  })
})

describe('history spans', () => {
  it('cut into ≤ 24 h pieces that share their boundaries', () => {
    expect(splitSpan(0, 24 * H)).toEqual([[0, 24 * H]])
    expect(splitSpan(0, 25 * H)).toEqual([
      [0, 24 * H],
      [24 * H, 25 * H],
    ])
    expect(splitSpan(0, 50 * H)).toHaveLength(3)
    expect(splitSpan(10, 10)).toEqual([])
    // a 25-hour DST day takes two requests
    const autumn = dayRange('2026-10-25', 'Europe/Warsaw')
    expect(splitSpan(autumn.begin, autumn.end)).toHaveLength(2)
  })

  it('merged per variable, in order, each instant once, within the span', () => {
    const a = [{ variable: 'pvPower', unit: 'kW', name: 'PV', data: [{ time: 2, value: 2 }, { time: 1, value: 1 }, { time: 3, value: 3 }] }]
    const b = [
      { variable: 'pvPower', unit: 'kW', name: 'PV', data: [{ time: 3, value: 3 }, { time: 4, value: 4 }, { time: 99, value: 9 }] },
      { variable: 'SoC', unit: '%', name: 'SoC', data: [{ time: 4, value: 50 }] },
    ]
    expect(mergeSeries([a, b], 1, 4)).toEqual([
      { variable: 'pvPower', unit: 'kW', name: 'PV', data: [1, 2, 3, 4].map((t) => ({ time: t, value: t })) },
      { variable: 'SoC', unit: '%', name: 'SoC', data: [{ time: 4, value: 50 }] },
    ])
  })
})
