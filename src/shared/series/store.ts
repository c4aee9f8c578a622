/**
 * Live series for day-long sessions in bounded memory: every sample goes into
 * a raw ring (the last minutes as measured) and into each bucket tier (10 s,
 * then 1 min) with min and max, so the long view is cheap and a one-sample
 * fault spike is still there at the coarsest zoom. Queries stitch the tiers
 * (finest where it reaches) and come back at about one point per pixel.
 * Pure: main logs and exports from it, the renderer draws from it.
 */
import { type ColumnSource, type SeriesPoint, WindowColumns } from './columns'
import { BucketRing, RawRing, type TierEntry } from './tiers'

export type { SeriesPoint } from './columns'

export interface SeriesTiers {
  /** samples kept as they came */
  rawPoints: number
  /** coarser tiers, finest first */
  buckets: { bucketMs: number; spanMs: number }[]
}

/** 15 min of 1 Hz raw samples, 3 h of 10 s buckets, 24 h of 1 min buckets: 3420 entries a series. */
export const DEFAULT_TIERS: SeriesTiers = {
  rawPoints: 900,
  buckets: [
    { bucketMs: 10_000, spanMs: 3 * 3600_000 },
    { bucketMs: 60_000, spanMs: 24 * 3600_000 },
  ],
}

export interface WindowQuery {
  from: number
  to: number
  /** about one per pixel of the plot */
  points: number
  /** a longer silence than this (and than the data's own resolution) breaks the line; none by default */
  gapMs?: number
}

class Series implements ColumnSource {
  readonly raw: RawRing
  readonly tiers: BucketRing[]
  readonly coarsest: number
  last = -Infinity
  /** the columns of the window last asked for */
  columns: WindowColumns | null = null

  constructor(spec: SeriesTiers) {
    this.raw = new RawRing(spec.rawPoints)
    this.tiers = spec.buckets.map((b) => new BucketRing(b.bucketMs, Math.ceil(b.spanMs / b.bucketMs) + 1))
    this.coarsest = Math.max(0, ...spec.buckets.map((b) => b.bucketMs))
  }

  /** Where a tier's own entries start: a ring that has not wrapped still holds everything it was given. */
  private lower(i: number): number {
    const tier = i === 0 ? this.raw : this.tiers[i - 1]!
    const coarser = this.tiers[i]
    return coarser && tier.length >= tier.capacity ? Math.ceil(tier.oldest / coarser.bucketMs) * coarser.bucketMs : -Infinity
  }

  edges(): number[] {
    const tiers = [this.raw, ...this.tiers]
    return tiers.flatMap((tier, i) => [tier.oldest, this.lower(i)])
  }

  get stored(): number {
    return this.raw.length + this.tiers.reduce((n, tier) => n + tier.length, 0)
  }

  /**
   * Entries in [from, to]: each tier only where the finer one no longer
   * reaches, cut on the coarser tier's bucket boundary so no sample is counted
   * twice and none is missed.
   */
  entries(from: number, to: number): TierEntry[] {
    const tiers = [this.raw, ...this.tiers]
    const parts: TierEntry[][] = []
    let until = to + 1
    tiers.forEach((tier, i) => {
      if (until <= from) return
      const lower = this.lower(i)
      const part: TierEntry[] = []
      tier.collect(Math.max(from, lower), until, part)
      parts.unshift(part)
      until = Math.min(until, lower)
    })
    return parts.flat()
  }
}

export class SeriesStore {
  private readonly series = new Map<string, Series>()
  /** changes with every sample taken, for views that redraw on change */
  revision = 0

  constructor(
    private readonly spec: SeriesTiers = DEFAULT_TIERS,
    /** a cap on series, so memory stays bounded whatever a device sends */
    readonly maxSeries = 64,
  ) {}

  /**
   * Takes one sample. A value that is not a finite number, a sample older than
   * the series' last one (a late answer), or a new series past the cap is not
   * taken: returns false.
   */
  append(key: string, t: number, value: number): boolean {
    if (!Number.isFinite(value) || !Number.isFinite(t)) return false
    let series = this.series.get(key)
    if (!series) {
      if (this.series.size >= this.maxSeries) return false
      series = new Series(this.spec)
      this.series.set(key, series)
    }
    if (t < series.last) return false
    series.last = t
    series.raw.push(t, value)
    for (const tier of series.tiers) tier.push(t, value)
    this.revision++
    return true
  }

  /** Every numeric value of one reading at time t. */
  appendRow(t: number, values: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(values)) if (typeof value === 'number') this.append(key, t, value)
  }

  keys(): string[] {
    return [...this.series.keys()]
  }

  has(key: string): boolean {
    return this.series.has(key)
  }

  /** Time of the newest sample of any series, or null when empty. */
  latest(): number | null {
    let latest = -Infinity
    for (const series of this.series.values()) latest = Math.max(latest, series.last)
    return Number.isFinite(latest) ? latest : null
  }

  /** Entries held across all series and tiers: the memory bound in numbers. */
  storedPoints(): number {
    let n = 0
    for (const series of this.series.values()) n += series.stored
    return n
  }

  /** Stored entries of one series in [from, to], finest available first-hand (for export). */
  entries(key: string, from: number, to: number): TierEntry[] {
    return this.series.get(key)?.entries(from, to) ?? []
  }

  /**
   * One series over a window at about `points` points: each pixel column gets
   * the count-weighted mean as its line and the min and max of everything
   * behind it as its band.
   */
  query(key: string, { from, to, points, gapMs = Infinity }: WindowQuery): SeriesPoint[] {
    const series = this.series.get(key)
    if (!series || !(to > from)) return []
    const columns = Math.max(1, Math.floor(points))
    // a live chart asks for the same window every second: only the columns a sample changed are summed again
    if (!series.columns?.fits(from, to, columns)) series.columns = new WindowColumns(from, to, columns)
    series.columns.update(series)
    return series.columns.points(gapMs)
  }
}

/** A store holding exactly the points given (history from a device or cloud): raw only, sized to fit. */
export function storeOfPoints(series: readonly { key: string; points: readonly { x: number; y: number }[] }[]): SeriesStore {
  const rawPoints = Math.max(1, ...series.map((s) => s.points.length))
  const store = new SeriesStore({ rawPoints, buckets: [] }, Math.max(1, series.length))
  for (const s of series) for (const p of [...s.points].sort((a, b) => a.x - b.x)) store.append(s.key, p.x, p.y)
  return store
}
