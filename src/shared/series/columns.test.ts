import { describe, expect, it } from 'vitest'
import type { SeriesPoint } from './columns'
import { type SeriesTiers, SeriesStore } from './store'
import type { TierEntry } from './tiers'

/** Small rings, so a few hundred samples wrap every tier many times. */
const SMALL: SeriesTiers = {
  rawPoints: 20,
  buckets: [
    { bucketMs: 10_000, spanMs: 120_000 },
    { bucketMs: 60_000, spanMs: 900_000 },
  ],
}
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0)

/** The window's points summed from scratch, entry by entry, as the store did before it kept its columns. */
function fullPass(entries: TierEntry[], from: number, to: number, points: number, gapMs = Infinity): SeriesPoint[] {
  if (!entries.length || !(to > from)) return []
  const columnMs = (to - from) / points
  const out: SeriesPoint[] = []
  let column = -1
  let [sum, count, lo, hi, x, single, prevEnd, resolution] = [0, 0, Infinity, -Infinity, 0, true, -Infinity, 0]
  const flush = () => {
    if (!count) return
    const allowed = Math.max(gapMs, 2 * columnMs, 2 * resolution)
    if (out.length && x - prevEnd > allowed) out.push({ x: (prevEnd + x) / 2, y: null, lo: null, hi: null })
    const at = single ? x : from + (column + 0.5) * columnMs
    out.push({ x: at, y: sum / count, lo, hi })
    prevEnd = at
  }
  for (const e of entries) {
    const c = Math.min(points - 1, Math.max(0, Math.floor((e.t - from) / columnMs)))
    if (c !== column) {
      flush()
      ;[column, sum, count, lo, hi, x, single] = [c, 0, 0, Infinity, -Infinity, e.t, true]
    } else single = false
    sum += e.value * e.count
    count += e.count
    lo = Math.min(lo, e.lo)
    hi = Math.max(hi, e.hi)
    resolution = e.resolution
  }
  flush()
  return out
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

describe('window columns kept between queries', () => {
  it('give exactly the points of a full pass after every sample, through wrapping tiers, gaps, spikes and a moving window', () => {
    const rand = random(7)
    const store = new SeriesStore(SMALL)
    const span = 15 * 60_000
    let t = T0
    for (let i = 0; i < 1500; i++) {
      // mostly 1 Hz, sometimes a silence of up to four minutes
      t += rand() < 0.02 ? Math.floor(rand() * 240_000) : 1000
      store.append('p', t, rand() < 0.01 ? 1000 : Math.sin(i / 50) * 10 + rand())
      // the live window moves in steps of a sixtieth of its span, as the chart's does
      const step = span / 60
      const to = Math.ceil(t / step) * step
      for (const [points, gapMs] of [[90, 3000], [90, undefined]] as const) {
        const got = store.query('p', { from: to - span, to, points, gapMs })
        expect(got).toEqual(fullPass(store.entries('p', to - span, to), to - span, to, points, gapMs))
      }
    }
  })

  it('a series with no new sample keeps its points, and another window starts afresh', () => {
    const store = new SeriesStore(SMALL)
    for (let s = 0; s < 600; s++) {
      store.append('a', T0 + s * 1000, s % 97)
      if (s % 3 === 0) store.append('b', T0 + s * 1000, -s)
    }
    const window = { from: T0, to: T0 + 600_000, points: 40 }
    const before = store.query('b', window)
    for (let s = 600; s < 700; s++) store.append('a', T0 + s * 1000, s % 97)
    expect(store.query('b', window)).toEqual(before)
    expect(store.query('a', window)).toEqual(fullPass(store.entries('a', window.from, window.to), window.from, window.to, 40))
    const other = { from: T0 + 300_000, to: T0 + 700_000, points: 25 }
    expect(store.query('a', other)).toEqual(fullPass(store.entries('a', other.from, other.to), other.from, other.to, 25))
  })
})
