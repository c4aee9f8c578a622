import { describe, expect, it } from 'vitest'
import { formatClock, formatDateTime, formatDay, formatTime, formatWallTime, parseClock, parseDay } from './time'

/** 2026-06-15 14:05:09 UTC */
const AT = Date.UTC(2026, 5, 15, 14, 5, 9)

describe('times in the UI language, not the runtime’s', () => {
  it('writes a 24-hour clock in Chinese and Polish, a 12-hour one in English', () => {
    expect(formatTime(AT, 'zh', { timeZone: 'UTC' })).toBe('14:05:09')
    expect(formatTime(AT, 'pl', { timeZone: 'UTC' })).toBe('14:05:09')
    expect(formatTime(AT, 'en', { timeZone: 'UTC' })).toBe('2:05:09 PM')
    expect(formatTime(AT, 'pl', { timeZone: 'UTC', seconds: false })).toBe('14:05')
    expect(formatTime(AT + 42, 'zh', { timeZone: 'UTC', milliseconds: true })).toBe('14:05:09.042')
  })

  it('writes the date the language’s way, in the zone asked for', () => {
    expect(formatDateTime(AT, 'pl', { timeZone: 'Europe/Warsaw' })).toBe('15 cze 2026, 16:05:09')
    expect(formatDateTime(AT, 'zh', { timeZone: 'Asia/Shanghai' })).toBe('2026年6月15日 22:05:09')
    expect(formatDateTime(AT, 'en', { timeZone: 'UTC' })).toBe('Jun 15, 2026, 2:05:09 PM')
  })

  it('writes a device’s wall clock as it is, in no zone', () => {
    expect(formatWallTime({ year: 2026, month: 1, day: 2, hour: 0, minute: 30, second: 5 }, 'pl')).toBe('2 sty 2026, 00:30:05')
    expect(formatWallTime({ year: 2026, month: 1, day: 2, hour: 0, minute: 30, second: 5 }, 'en')).toBe('Jan 2, 2026, 12:30:05 AM')
  })

  it('writes a schedule’s time of day', () => {
    expect(formatClock(7, 5, 'zh')).toBe('07:05')
    expect(formatClock(0, 0, 'pl')).toBe('00:00')
    expect(formatClock(23, 59, 'en')).toBe('11:59 PM')
    expect(formatClock(0, 0, 'en')).toBe('12:00 AM')
  })
})

describe('a time of day as typed', () => {
  it('reads 24-hour times in every language', () => {
    for (const language of ['en', 'zh', 'pl'] as const) {
      expect(parseClock('14:30', language)).toEqual({ hour: 14, minute: 30 })
      expect(parseClock(' 7:05 ', language)).toEqual({ hour: 7, minute: 5 })
      expect(parseClock('00:00', language)).toEqual({ hour: 0, minute: 0 })
    }
    expect(parseClock('14：30', 'zh')).toEqual({ hour: 14, minute: 30 })
    expect(parseClock('14.30', 'pl')).toEqual({ hour: 14, minute: 30 })
  })

  it('reads AM and PM in English, and only there', () => {
    expect(parseClock('2:30 PM', 'en')).toEqual({ hour: 14, minute: 30 })
    expect(parseClock('12:15 am', 'en')).toEqual({ hour: 0, minute: 15 })
    expect(parseClock('12 pm', 'en')).toEqual({ hour: 12, minute: 0 })
    expect(parseClock('11:59p.m.', 'en')).toEqual({ hour: 23, minute: 59 })
    expect(parseClock('2:30 PM', 'pl')).toBeNull()
    expect(parseClock('2:30 PM', 'zh')).toBeNull()
  })

  it('refuses what is no time of day', () => {
    for (const text of ['', '24:00', '12:60', '13:00 PM', '0:30 am', '7', 'noon', '1:2', '12:30:00']) expect(parseClock(text, 'en'), text).toBeNull()
  })

  it('gives back what it writes', () => {
    for (const language of ['en', 'zh', 'pl'] as const)
      for (const [h, m] of [[0, 0], [9, 5], [12, 0], [12, 30], [23, 59]] as const) expect(parseClock(formatClock(h, m, language), language)).toEqual({ hour: h, minute: m })
  })
})

describe('a calendar day as written and typed', () => {
  it('writes a day the language’s way and reads it back', () => {
    expect(formatDay('2026-06-15', 'en')).toBe('06/15/2026')
    expect(formatDay('2026-06-15', 'zh')).toBe('2026-06-15')
    expect(formatDay('2026-06-15', 'pl')).toBe('15.06.2026')
    for (const language of ['en', 'zh', 'pl'] as const) expect(parseDay(formatDay('2026-02-03', language), language)).toBe('2026-02-03')
  })

  it('reads ISO 8601 in every language and the local order in its own', () => {
    expect(parseDay('2026-6-5', 'pl')).toBe('2026-06-05')
    expect(parseDay('2026年6月5日', 'zh')).toBe('2026-06-05')
    expect(parseDay('5.6.2026', 'pl')).toBe('2026-06-05')
    expect(parseDay('6/5/2026', 'en')).toBe('2026-06-05')
    expect(parseDay('5.6.2026', 'zh')).toBeNull()
  })

  it('refuses what is no day of the calendar', () => {
    for (const text of ['', '2026-02-30', '2026-13-01', '31.04.2026', 'tomorrow', '2026-06']) expect(parseDay(text, 'pl'), text).toBeNull()
  })
})
