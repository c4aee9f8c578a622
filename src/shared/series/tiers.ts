/**
 * Fixed-size rings of samples and of time buckets: the memory of one series
 * is allocated once, so a day-long session costs what its first minute did.
 */

/** One stored entry as a query sees it: a raw sample has lo = hi = value and count 1. */
export interface TierEntry {
  t: number
  value: number
  lo: number
  hi: number
  count: number
  /** the entry's time resolution: 0 for a raw sample, the bucket length otherwise */
  resolution: number
}

/**
 * The first of a ring's `size` times (oldest first, ending before `head`) at
 * or after `t`, by halving: a query for the newest minutes of a day reads
 * those minutes, not the whole ring.
 */
function firstAtOrAfter(times: Float64Array, head: number, size: number, t: number): number {
  const capacity = times.length
  let lo = 0
  let hi = size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[(head - size + mid + capacity) % capacity]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The last `capacity` samples as they came. */
export class RawRing {
  private readonly times: Float64Array
  private readonly values: Float64Array
  private head = 0
  private size = 0

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity)
    this.values = new Float64Array(capacity)
  }

  push(t: number, value: number): void {
    this.times[this.head] = t
    this.values[this.head] = value
    this.head = (this.head + 1) % this.capacity
    this.size = Math.min(this.size + 1, this.capacity)
  }

  get length(): number {
    return this.size
  }

  /** Time of the oldest sample kept, or Infinity when empty. */
  get oldest(): number {
    return this.size ? this.times[(this.head - this.size + this.capacity) % this.capacity]! : Infinity
  }

  /** Entries with from ≤ t < until, oldest first. */
  collect(from: number, until: number, out: TierEntry[]): void {
    for (let i = firstAtOrAfter(this.times, this.head, this.size, from); i < this.size; i++) {
      const at = (this.head - this.size + i + this.capacity) % this.capacity
      const t = this.times[at]!
      if (t < from) continue
      if (t >= until) break
      const value = this.values[at]!
      out.push({ t, value, lo: value, hi: value, count: 1, resolution: 0 })
    }
  }
}

/**
 * Buckets of `bucketMs` aligned on the epoch, each with min, max, sum and
 * count of the samples that fell in it: the min and max keep a one-sample
 * spike however coarse the bucket.
 */
export class BucketRing {
  private readonly starts: Float64Array
  private readonly mins: Float64Array
  private readonly maxs: Float64Array
  private readonly sums: Float64Array
  private readonly counts: Uint32Array
  private head = 0
  private size = 0

  constructor(
    readonly bucketMs: number,
    readonly capacity: number,
  ) {
    this.starts = new Float64Array(capacity)
    this.mins = new Float64Array(capacity)
    this.maxs = new Float64Array(capacity)
    this.sums = new Float64Array(capacity)
    this.counts = new Uint32Array(capacity)
  }

  push(t: number, value: number): void {
    const start = Math.floor(t / this.bucketMs) * this.bucketMs
    const last = (this.head - 1 + this.capacity) % this.capacity
    if (this.size && this.starts[last] === start) {
      this.mins[last] = Math.min(this.mins[last]!, value)
      this.maxs[last] = Math.max(this.maxs[last]!, value)
      this.sums[last] = this.sums[last]! + value
      this.counts[last] = this.counts[last]! + 1
      return
    }
    this.starts[this.head] = start
    this.mins[this.head] = value
    this.maxs[this.head] = value
    this.sums[this.head] = value
    this.counts[this.head] = 1
    this.head = (this.head + 1) % this.capacity
    this.size = Math.min(this.size + 1, this.capacity)
  }

  get length(): number {
    return this.size
  }

  get oldest(): number {
    return this.size ? this.starts[(this.head - this.size + this.capacity) % this.capacity]! : Infinity
  }

  /** Buckets reaching past `from` and starting before `until`, oldest first. */
  collect(from: number, until: number, out: TierEntry[]): void {
    for (let i = firstAtOrAfter(this.starts, this.head, this.size, from - this.bucketMs); i < this.size; i++) {
      const at = (this.head - this.size + i + this.capacity) % this.capacity
      const t = this.starts[at]!
      if (t + this.bucketMs <= from) continue
      if (t >= until) break
      const count = this.counts[at]!
      out.push({ t, value: this.sums[at]! / count, lo: this.mins[at]!, hi: this.maxs[at]!, count, resolution: this.bucketMs })
    }
  }
}
