/**
 * Chart downsampling to about one point per pixel. LTTB keeps the shape of a
 * smooth curve; min/max keeps every bucket's extremes, so a one-sample fault
 * spike survives at any zoom. Pure and allocation-light: a day of 1-minute
 * data for ten variables goes through in well under a frame.
 */

export interface XY {
  x: number
  y: number
}

/** Largest-Triangle-Three-Buckets (Steinarsson 2013). Points must be in x order; NaN y values are dropped first. */
export function lttb<T extends XY>(points: readonly T[], threshold: number): T[] {
  const data = points.some((p) => !Number.isFinite(p.y)) ? points.filter((p) => Number.isFinite(p.y)) : points
  const n = data.length
  if (threshold >= n || threshold < 3) return [...data]
  const out: T[] = [data[0]!]
  const every = (n - 2) / (threshold - 2)
  let a = 0
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n)
    let avgX = 0
    let avgY = 0
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += data[j]!.x
      avgY += data[j]!.y
    }
    const len = Math.max(1, avgEnd - avgStart)
    avgX /= len
    avgY /= len
    const from = Math.floor(i * every) + 1
    const to = Math.floor((i + 1) * every) + 1
    const pa = data[a]!
    let maxArea = -1
    let next = from
    for (let j = from; j < to; j++) {
      const area = Math.abs((pa.x - avgX) * (data[j]!.y - pa.y) - (pa.x - data[j]!.x) * (avgY - pa.y))
      if (area > maxArea) {
        maxArea = area
        next = j
      }
    }
    out.push(data[next]!)
    a = next
  }
  out.push(data[n - 1]!)
  return out
}

/** Min and max of each of `buckets` equal-x-width buckets, in x order (at most 2 × buckets points). */
export function minMax<T extends XY>(points: readonly T[], buckets: number): T[] {
  const data = points.filter((p) => Number.isFinite(p.y))
  if (data.length <= buckets * 2 || buckets < 1) return data
  const x0 = data[0]!.x
  const width = (data[data.length - 1]!.x - x0) / buckets || 1
  const out: T[] = []
  let i = 0
  for (let b = 0; b < buckets && i < data.length; b++) {
    const limit = b === buckets - 1 ? Infinity : x0 + (b + 1) * width
    let lo: T | null = null
    let hi: T | null = null
    for (; i < data.length && data[i]!.x < limit; i++) {
      const p = data[i]!
      if (!lo || p.y < lo.y) lo = p
      if (!hi || p.y > hi.y) hi = p
    }
    if (lo && hi) {
      if (lo === hi) out.push(lo)
      else if (lo.x <= hi.x) out.push(lo, hi)
      else out.push(hi, lo)
    }
  }
  return out
}

/** Keeps the last `windowMs` of points ending at `now` (a live chart's fixed window). */
export function windowed<T extends { x: number }>(points: readonly T[], now: number, windowMs: number): T[] {
  const from = now - windowMs
  let i = 0
  while (i < points.length && points[i]!.x < from) i++
  return i === 0 ? [...points] : points.slice(i)
}
