/**
 * The pixel columns of one series over one window, kept between queries: a
 * live chart asks for the same window once a second, and a new sample only
 * changes the newest columns and those where one tier hands over to the next
 * (a raw sample aging into a bucket, a bucket falling off its ring). Those
 * columns are summed again from the entries; the rest stay as they were, so
 * the points are exactly those of a full pass over the window.
 */
import type { TierEntry } from './tiers'

/** One drawn point; y is null where the line breaks (no sample for longer than the gap allows). */
export interface SeriesPoint {
  x: number
  y: number | null
  /** lowest and highest sample behind the point: the band a downsampled line hides */
  lo: number | null
  hi: number | null
}

/** What a series tells its columns: its entries, and the times whose change means its entries changed. */
export interface ColumnSource {
  entries(from: number, to: number): TierEntry[]
  /** time of the newest sample */
  readonly last: number
  /** the oldest entry of each tier and the times where the tiers are stitched */
  edges(): number[]
  /** the longest entry resolution the source holds */
  readonly coarsest: number
}

export class WindowColumns {
  readonly columnMs: number
  private readonly sums: Float64Array
  private readonly counts: Float64Array
  private readonly los: Float64Array
  private readonly his: Float64Array
  /** time of the column's first entry */
  private readonly firsts: Float64Array
  /** resolution of the column's last entry */
  private readonly resolutions: Float64Array
  /** 1 where one entry alone makes the column */
  private readonly singles: Uint8Array
  private last = -Infinity
  private edges: number[] = []

  constructor(
    readonly from: number,
    readonly to: number,
    readonly columns: number,
  ) {
    this.columnMs = (to - from) / columns
    this.sums = new Float64Array(columns)
    this.counts = new Float64Array(columns)
    this.los = new Float64Array(columns)
    this.his = new Float64Array(columns)
    this.firsts = new Float64Array(columns)
    this.resolutions = new Float64Array(columns)
    this.singles = new Uint8Array(columns)
  }

  fits(from: number, to: number, columns: number): boolean {
    return this.from === from && this.to === to && this.columns === columns
  }

  private column(t: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((t - this.from) / this.columnMs)))
  }

  /** Brings the columns up to the source's content: all of them the first time, only the changed ones after. */
  update(source: ColumnSource): void {
    const edges = source.edges()
    const ranges: [number, number][] = []
    const whole = !Number.isFinite(this.last) || edges.length !== this.edges.length || edges.some((e, i) => e !== this.edges[i] && !(Number.isFinite(e) && Number.isFinite(this.edges[i]!)))
    if (whole) ranges.push([0, this.columns - 1])
    else {
      // a new sample lands in a bucket that starts at most one bucket before the previous newest
      if (source.last !== this.last) ranges.push([this.column(this.last - source.coarsest), this.columns - 1])
      edges.forEach((e, i) => {
        const was = this.edges[i]!
        if (e !== was) ranges.push([this.column(Math.min(e, was) - source.coarsest), this.column(Math.max(e, was) + source.coarsest)])
      })
    }
    for (const [k0, k1] of ranges) this.refill(source, k0, k1)
    this.last = source.last
    this.edges = edges
  }

  /** Sums columns k0..k1 again from the entries that fall in them. */
  private refill(source: ColumnSource, k0: number, k1: number): void {
    this.counts.fill(0, k0, k1 + 1)
    // one column of margin each side: an entry's column is found by division, and the window's ends clamp
    const from = k0 === 0 ? this.from : Math.max(this.from, this.from + (k0 - 1) * this.columnMs)
    const to = k1 === this.columns - 1 ? this.to : Math.min(this.to, this.from + (k1 + 2) * this.columnMs)
    for (const entry of source.entries(from, to)) {
      const c = this.column(entry.t)
      if (c < k0 || c > k1) continue
      if (this.counts[c] === 0) {
        this.sums[c] = 0
        this.los[c] = Infinity
        this.his[c] = -Infinity
        this.firsts[c] = entry.t
        this.singles[c] = 1
      } else this.singles[c] = 0
      this.sums[c] += entry.value * entry.count
      this.counts[c] += entry.count
      this.los[c] = Math.min(this.los[c]!, entry.lo)
      this.his[c] = Math.max(this.his[c]!, entry.hi)
      this.resolutions[c] = entry.resolution
    }
  }

  /** Each column's count-weighted mean and min/max, with a break where the silence is longer than `gapMs`, two columns and two entry resolutions. */
  points(gapMs: number): SeriesPoint[] {
    const out: SeriesPoint[] = []
    let prevEnd = -Infinity
    for (let c = 0; c < this.columns; c++) {
      const count = this.counts[c]!
      if (!count) continue
      const x = this.firsts[c]!
      const allowed = Math.max(gapMs, 2 * this.columnMs, 2 * this.resolutions[c]!)
      if (out.length && x - prevEnd > allowed) out.push({ x: (prevEnd + x) / 2, y: null, lo: null, hi: null })
      const at = this.singles[c] ? x : this.from + (c + 0.5) * this.columnMs
      out.push({ x: at, y: this.sums[c]! / count, lo: this.los[c]!, hi: this.his[c]! })
      prevEnd = at
    }
    return out
  }
}
