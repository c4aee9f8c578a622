import { describe, expect, it } from 'vitest'
import { defaultFoxConfig } from '../../contract/foxess/foxess'
import { budgetLeft, LIVE_REFRESH_CHOICES, msUntilLocalMidnight, refreshCost } from './budget'

const HOUR = 3_600_000
const fresh = { total: 1440, left: 1440, fromCloud: false }

describe('what is left of the daily budget', () => {
  it('takes the calls made since the cloud was read off its count: 18 calls today never sits beside 1437 left', () => {
    // read after the app's third call: the cloud said 1437 left; fifteen more calls since
    expect(budgetLeft(18, '2026-11-30', { total: 1440, remaining: 1437, day: '2026-11-30', callsAtReading: 3 })).toEqual({ total: 1440, left: 1422, fromCloud: true })
  })

  it('never shows more left than the budget less the calls this app made today', () => {
    // a cloud that counts late (or a reading taken before the app's calls were counted)
    expect(budgetLeft(18, '2026-11-30', { total: 1440, remaining: 1440, day: '2026-11-30', callsAtReading: 18 }).left).toBe(1422)
  })

  it('keeps what other users of the key spent, as the cloud counted it', () => {
    expect(budgetLeft(10, '2026-11-30', { total: 1440, remaining: 400, day: '2026-11-30', callsAtReading: 10 }).left).toBe(400)
  })

  it('a reading from another day, or none, leaves only the app’s own count', () => {
    expect(budgetLeft(5, '2026-12-01', { total: 2000, remaining: 12, day: '2026-11-30', callsAtReading: 900 })).toEqual({ total: 2000, left: 1995, fromCloud: false })
    expect(budgetLeft(5, '2026-12-01', null)).toEqual({ total: 1440, left: 1435, fromCloud: false })
  })

  it('leaves nothing once the cloud refused a call for the spent budget, whatever the counts say', () => {
    expect(budgetLeft(120, '2026-11-30', null, true)).toEqual({ total: 1440, left: 0, fromCloud: true })
    expect(budgetLeft(120, '2026-11-30', { total: 1440, remaining: 900, day: '2026-11-30', callsAtReading: 100 }, true).left).toBe(0)
  })

  it('is never below zero', () => {
    expect(budgetLeft(1500, '2026-11-30', null).left).toBe(0)
    expect(budgetLeft(30, '2026-11-30', { total: 1440, remaining: 2, day: '2026-11-30', callsAtReading: 10 }).left).toBe(0)
  })
})

describe('what a live refresh costs', () => {
  it('the default refresh spends a fifth of the default budget, comfortably', () => {
    const cost = refreshCost(1, defaultFoxConfig.livePollSeconds, fresh, 12 * HOUR)
    expect(cost).toMatchObject({ perHour: 12, perDay: 288, level: 'comfortable' })
    expect(cost.perDay / fresh.total).toBeLessThanOrEqual(0.25)
  })

  it('a refresh that spends the whole daily budget exhausts it, whatever the hour', () => {
    expect(refreshCost(1, 60, fresh, 10 * 60_000).level).toBe('exhausts')
    expect(refreshCost(1, 10, fresh, 10 * 60_000)).toMatchObject({ perDay: 8640, level: 'exhausts' })
  })

  it('half the budget or more is heavy', () => {
    expect(refreshCost(1, 120, fresh, 12 * HOUR)).toMatchObject({ perDay: 720, level: 'heavy' })
  })

  it('a slow refresh still exhausts what little is left before the day ends', () => {
    const cost = refreshCost(1, 300, { total: 1440, left: 100, fromCloud: true }, 12 * HOUR)
    expect(cost.untilDayEnd).toBe(145)
    expect(cost.level).toBe('exhausts')
    expect(refreshCost(1, 300, { total: 1440, left: 100, fromCloud: true }, HOUR).level).toBe('comfortable')
  })

  it('counts one call per 50 inverters per refresh', () => {
    expect(refreshCost(51, 300, fresh, 0)).toMatchObject({ perDay: 576, untilDayEnd: 2 })
  })

  it('offers the default among the choices, and no choice under 30 s', () => {
    expect(LIVE_REFRESH_CHOICES).toContain(defaultFoxConfig.livePollSeconds)
    expect(Math.min(...LIVE_REFRESH_CHOICES)).toBe(30)
  })

  it('the day ends at the next local midnight', () => {
    const noon = new Date(2026, 10, 30, 12, 0, 0).getTime()
    expect(msUntilLocalMidnight(noon)).toBe(12 * HOUR)
  })
})
