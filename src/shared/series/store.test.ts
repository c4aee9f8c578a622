import { describe, expect, it } from 'vitest'
import { DEFAULT_TIERS, SeriesStore } from './store'

const T0 = Date.UTC(2026, 10, 21, 0, 0, 0)
const HOUR = 3600_000

/** 10 series at 1 Hz for `hours`, a slow sine each; the spike goes into series 0 at `spikeAt`. */
function day(store: SeriesStore, hours: number, spikeAt = -1, fromHour = 0) {
  for (let s = fromHour * 3600; s < (fromHour + hours) * 3600; s++) {
    const t = T0 + s * 1000
    for (let k = 0; k < 10; k++) store.append(`v${k}`, t, t === spikeAt && k === 0 ? 500 : Math.sin(s / 600 + k) * 10)
  }
}

describe('series store', () => {
  it('holds 24 h at 1 Hz for 10 series in a fixed number of entries', () => {
    const store = new SeriesStore()
    day(store, 1)
    const afterHour = store.storedPoints()
    day(store, 23, -1, 1)
    // each ring's capacity: 900 raw samples, 3 h of 10 s buckets, 24 h of 1 min buckets (+1 for the bucket being filled)
    const capacity = DEFAULT_TIERS.rawPoints + 3 * 360 + 1 + 24 * 60 + 1
    const afterDay = store.storedPoints()
    expect(afterDay).toBe(10 * (capacity - 1))
    expect(afterHour).toBeLessThan(afterDay)
    day(store, 26, -1, 24)
    expect(store.storedPoints()).toBe(10 * capacity)
  })

  it('a single-sample spike survives into the coarsest tier', () => {
    const store = new SeriesStore()
    const spikeAt = T0 + 2 * HOUR + 17_000
    day(store, 24, spikeAt)
    // two hours in is long past the raw ring and the 10 s tier: only the 1 min buckets still cover it
    const coarse = store.entries('v0', T0, T0 + 3 * HOUR).filter((e) => e.t <= spikeAt && spikeAt < e.t + e.resolution)
    expect(coarse).toHaveLength(1)
    expect(coarse[0]!.resolution).toBe(60_000)
    expect(coarse[0]!.hi).toBe(500)
    // the day at 300 columns: the mean hides it, the band keeps it
    const drawn = store.query('v0', { from: T0, to: T0 + 24 * HOUR, points: 300 })
    expect(Math.max(...drawn.map((p) => p.hi ?? -Infinity))).toBe(500)
    expect(Math.max(...drawn.map((p) => p.y ?? -Infinity))).toBeLessThan(50)
  })

  it('queries a window at about one point per pixel, finest tier where it reaches', () => {
    const store = new SeriesStore()
    day(store, 24)
    const end = T0 + 24 * HOUR - 1000
    const day1 = store.query('v3', { from: end - 24 * HOUR, to: end, points: 1200 })
    expect(day1.length).toBeGreaterThan(1000)
    expect(day1.length).toBeLessThanOrEqual(1200)
    // the last 10 minutes are still raw: one point per sample when there are fewer samples than pixels
    const recent = store.query('v3', { from: end - 600_000, to: end, points: 1200 })
    expect(recent).toHaveLength(601)
    expect(recent.at(-1)!.x).toBe(end)
    expect(recent.every((p) => p.lo === p.y && p.hi === p.y)).toBe(true)
    // the last 2 h come from the 10 s tier past the raw ring
    const twoHours = store.query('v3', { from: end - 2 * HOUR, to: end, points: 100 })
    expect(twoHours).toHaveLength(100)
    expect(twoHours.every((p, i) => i === 0 || p.x > twoHours[i - 1]!.x)).toBe(true)
    expect(store.query('nope', { from: T0, to: end, points: 10 })).toEqual([])
  })

  it('breaks the line where samples stopped, and refuses late, non-finite and excess input', () => {
    const store = new SeriesStore(DEFAULT_TIERS, 2)
    for (let s = 0; s < 60; s++) store.append('a', T0 + s * 1000, 1)
    for (let s = 300; s < 360; s++) store.append('a', T0 + s * 1000, 2)
    const points = store.query('a', { from: T0, to: T0 + 360_000, points: 360, gapMs: 3000 })
    // without a gap given, sparse data (a cloud's 5-minute history) stays one line
    expect(store.query('a', { from: T0, to: T0 + 360_000, points: 360 }).some((p) => p.y === null)).toBe(false)
    const breaks = points.filter((p) => p.y === null)
    expect(breaks).toHaveLength(1)
    expect(breaks[0]!.x).toBeGreaterThan(T0 + 59_000)
    expect(breaks[0]!.x).toBeLessThan(T0 + 300_000)
    expect(store.append('a', T0, 5)).toBe(false)
    expect(store.append('a', T0 + 400_000, NaN)).toBe(false)
    expect(store.append('b', T0, 1)).toBe(true)
    expect(store.append('c', T0, 1)).toBe(false)
    expect(store.keys()).toEqual(['a', 'b'])
    expect(store.latest()).toBe(T0 + 359_000)
  })
})
