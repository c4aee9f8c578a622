import { describe, expect, it } from 'vitest'
import { timeTickCount, timeTicks } from './axis'

describe('time ticks by plot width', () => {
  it('puts fewer ticks under a narrow plot, so their labels do not run together', () => {
    expect(timeTickCount(210)).toBe(3)
    expect(timeTickCount(900)).toBe(6)
    expect(timeTickCount(40)).toBe(2)
    // a minute under a 210 px plot: 30 s apart, not every 10 s
    const ticks = timeTicks(0, 60_000, 0, timeTickCount(210))
    expect(ticks).toEqual([0, 30_000, 60_000])
  })
})
