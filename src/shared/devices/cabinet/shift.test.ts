import { describe, expect, it } from 'vitest'
import { localDay, shiftRange, todayShift } from './shift'

const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime()

describe('a shift at the bench', () => {
  it('today by default: the whole local day, midnight to midnight', () => {
    const now = local(2026, 11, 30, 15, 42)
    expect(todayShift(now)).toEqual({ day: '2026-11-30', start: '00:00', end: '24:00' })
    expect(shiftRange(todayShift(now))).toEqual({ from: local(2026, 11, 30), to: local(2026, 12, 1) })
    expect(localDay(local(2027, 1, 5, 23, 59))).toBe('2027-01-05')
  })

  it('a day shift ends the same day; a night shift, whose end is at or before its start, ends the next', () => {
    expect(shiftRange({ day: '2026-11-30', start: '06:00', end: '14:00' })).toEqual({ from: local(2026, 11, 30, 6), to: local(2026, 11, 30, 14) })
    expect(shiftRange({ day: '2026-12-31', start: '22:00', end: '06:00' })).toEqual({ from: local(2026, 12, 31, 22), to: local(2027, 1, 1, 6) })
    expect(shiftRange({ day: '2026-11-30', start: '07:30', end: '07:30' })).toEqual({ from: local(2026, 11, 30, 7, 30), to: local(2026, 12, 1, 7, 30) })
  })

  it('names the part that is wrong: a day that does not exist, a time that is not HH:MM in 24-hour time', () => {
    expect(shiftRange({ day: '2026-02-30', start: '06:00', end: '14:00' })).toEqual({ problem: 'day' })
    expect(shiftRange({ day: '30.11.2026', start: '06:00', end: '14:00' })).toEqual({ problem: 'day' })
    expect(shiftRange({ day: '2026-11-30', start: '6:00', end: '14:00' })).toEqual({ problem: 'start' })
    // 24:00 is the end of a day, never the start of one
    expect(shiftRange({ day: '2026-11-30', start: '24:00', end: '06:00' })).toEqual({ problem: 'start' })
    expect(shiftRange({ day: '2026-11-30', start: '06:00', end: '2:00 PM' })).toEqual({ problem: 'end' })
    expect(shiftRange({ day: '2026-11-30', start: '06:00', end: '14:60' })).toEqual({ problem: 'end' })
  })
})
