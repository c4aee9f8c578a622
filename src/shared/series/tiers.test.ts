import { describe, expect, it } from 'vitest'
import { BucketRing, RawRing, type TierEntry } from './tiers'

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0)

function collected(ring: RawRing | BucketRing, from: number, until: number): TierEntry[] {
  const out: TierEntry[] = []
  ring.collect(from, until, out)
  return out
}

describe('tier rings', () => {
  it('collect finds exactly the entries of a range in a wrapped ring, whatever the range', () => {
    const raw = new RawRing(50)
    const buckets = new BucketRing(10_000, 12)
    for (let s = 0; s < 137; s += s % 7 === 0 ? 3 : 1) {
      raw.push(T0 + s * 1000, s)
      buckets.push(T0 + s * 1000, s)
    }
    const allRaw = collected(raw, -Infinity, Infinity)
    const allBuckets = collected(buckets, -Infinity, Infinity)
    expect(allRaw).toHaveLength(50)
    expect(allBuckets).toHaveLength(12)
    for (let from = T0 + 60_000; from < T0 + 140_000; from += 777) {
      for (const until of [from + 1, from + 4321, from + 30_000, Infinity]) {
        expect(collected(raw, from, until)).toEqual(allRaw.filter((e) => e.t >= from && e.t < until))
        expect(collected(buckets, from, until)).toEqual(allBuckets.filter((e) => e.t + 10_000 > from && e.t < until))
      }
    }
  })
})
