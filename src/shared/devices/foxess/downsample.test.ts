import { describe, expect, it } from 'vitest'
import { lttb, minMax, windowed } from './downsample'

const day = Array.from({ length: 1440 }, (_, i) => ({ x: i * 60_000, y: Math.sin(i / 200) * 5 + (i === 700 ? 40 : 0) }))

describe('downsampling', () => {
  it('LTTB keeps the first and last point and the requested count', () => {
    const out = lttb(day, 300)
    expect(out).toHaveLength(300)
    expect(out[0]).toBe(day[0])
    expect(out[299]).toBe(day[1439])
    expect(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x)).toBe(true)
    expect(lttb(day.slice(0, 10), 300)).toHaveLength(10)
  })

  it('min/max keeps a one-sample spike at any width', () => {
    for (const buckets of [10, 50, 400]) {
      const out = minMax(day, buckets)
      expect(out.length).toBeLessThanOrEqual(buckets * 2)
      expect(Math.max(...out.map((p) => p.y))).toBe(Math.max(...day.map((p) => p.y)))
      expect(Math.min(...out.map((p) => p.y))).toBe(Math.min(...day.map((p) => p.y)))
      expect(out.every((p, i) => i === 0 || p.x >= out[i - 1]!.x)).toBe(true)
    }
  })

  it('drops values that are not numbers and keeps a fixed window', () => {
    expect(minMax([{ x: 0, y: 1 }, { x: 1, y: Number.NaN }], 10)).toEqual([{ x: 0, y: 1 }])
    expect(lttb([{ x: 0, y: 1 }, { x: 1, y: Number.NaN }, { x: 2, y: 3 }], 5)).toHaveLength(2)
    expect(windowed(day, 1439 * 60_000, 10 * 60_000)).toHaveLength(11)
  })
})
