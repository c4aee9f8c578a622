import { describe, expect, it } from 'vitest'
import { bandPath, type DrawnPoint, linear, linePath } from './paths'

const identity = linear((v) => v, 0, 1)
const point = (x: number, y: number | null, lo = y, hi = y): DrawnPoint => ({ x, y, lo, hi })

describe('series paths', () => {
  it('breaks the line at a gap, and a lone point gets a stub to show as a dot', () => {
    expect(linePath([point(0, 1), point(1, 2), point(2, null), point(3, 4)], identity, identity)).toBe('M0,1L1,2M3,4h0.01')
    expect(linePath([point(0, null), point(1, 2)], identity, identity)).toBe('M1,2h0.01')
  })

  it('draws the band along the highs and back along the lows, only where min and max differ, across breaks', () => {
    expect(bandPath([point(0, null), point(1, 2, 1, 3), point(2, 2, 0, 4), point(3, null), point(4, 1)], identity, identity)).toBe('M1,3L2,4L2,0L1,1Z')
    expect(bandPath([point(0, 1), point(1, 1)], identity, identity)).toBe('')
  })

  it('maps data to pixels as the scale does, to a tenth of a pixel', () => {
    const x = linear((v) => 64 + (v - 1000) / 10, 1000, 2000)
    expect(linePath([point(1000, 0), point(1505, 0)], x, identity)).toBe('M64,0L114.5,0')
  })
})
