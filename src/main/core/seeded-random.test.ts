import { describe, expect, it } from 'vitest'
import { lcg32, seededUnit } from './seeded-random'

describe('seeded random', () => {
  it('follows the Numerical Recipes LCG from its seed', () => {
    const next = lcg32(0)
    // 0 → c; then a·c + c, all mod 2³²
    expect(next()).toBe(1013904223)
    expect(next()).toBe(1196435762)
    expect(next()).toBe(3519870697)
  })

  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = lcg32(42)
    const b = lcg32(42)
    const c = lcg32(43)
    const first = Array.from({ length: 8 }, () => a())
    expect(Array.from({ length: 8 }, () => b())).toEqual(first)
    expect(Array.from({ length: 8 }, () => c())).not.toEqual(first)
  })

  it('takes any number as a seed, as its unsigned 32 bits', () => {
    const negative = lcg32(-1)
    const unsigned = lcg32(0xffffffff)
    expect(negative()).toBe(unsigned())
  })

  it('scales to [0, 1) without leaving it', () => {
    const raw = lcg32(7)
    const unit = seededUnit(7)
    for (let i = 0; i < 1000; i++) {
      const u = unit()
      expect(u).toBe(raw() / 4294967296)
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
    }
  })
})
