/**
 * SVG path data for the time chart's series: plain arithmetic per point, no DOM.
 *
 * Paths are written in whole units of a grid fixed to the data (a twentieth
 * of a column across, a power of ten of the value range up), and the layer
 * maps that grid to pixels with one transform. A resize or a new value range
 * of the same order therefore changes the transform, not the paths. Each
 * series is cut into chunks of points, each its own path: a new sample
 * rewrites the chunks whose points moved (usually the last one), and the
 * browser parses and repaints only those.
 */

/** One series' drawn columns as parallel arrays: x, the mean as the line, lo and hi as the band; NaN where the line breaks. */
export interface DrawnPoints {
  n: number
  xs: Float64Array
  ys: Float64Array
  los: Float64Array
  his: Float64Array
}

export interface DrawnSeries {
  key: string
  name: string
  unit: string
  data: DrawnPoints
}

/** The store's points in the person's units; a break (null) becomes NaN. */
export function drawnPoints(points: readonly { x: number; y: number | null; lo: number | null; hi: number | null }[], convert: (value: number) => number = (v) => v): DrawnPoints {
  const n = points.length
  const out = { n, xs: new Float64Array(n), ys: new Float64Array(n), los: new Float64Array(n), his: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    const p = points[i]!
    out.xs[i] = p.x
    out.ys[i] = p.y === null ? NaN : convert(p.y)
    out.los[i] = p.lo === null ? NaN : convert(p.lo)
    out.his[i] = p.hi === null ? NaN : convert(p.hi)
  }
  return out
}

/** Points drawn on the line (breaks not counted); a plain loop, as a typed array's reduce is slow. */
export function drawnCount(data: DrawnPoints): number {
  let count = 0
  for (let i = 0; i < data.n; i++) if (!Number.isNaN(data.ys[i]!)) count++
  return count
}

/** The grid paths are written in: x = x0 + X · xUnit, value = Y · yUnit, X and Y whole numbers. */
export interface Grid {
  x0: number
  xUnit: number
  yUnit: number
}

/** One series' path data, chunk by chunk; an unchanged chunk keeps the same string. */
export interface SeriesChunks {
  key: string
  lines: string[]
  bands: string[]
}

/** What the layer draws: the chunks, the grid they are written in, and the store revision they were queried at. */
export interface LayerData {
  series: SeriesChunks[]
  grid: Grid
  revision: number
}

/** Grid steps per drawn column across: a tenth of a pixel at two pixels a column. */
export const STEPS_PER_COLUMN = 20
/** Points per chunk: small enough that a rewritten chunk is cheap, large enough that a day is a few dozen elements. */
export const CHUNK_POINTS = 48

/** one drawn column per this many pixels when the count is chosen */
const PIXELS_PER_COLUMN = 2
/** the column count moves in these steps */
const COLUMN_STEP = 50

/**
 * Columns to draw on a plot `plotWidth` pixels wide: the current count while
 * it gives between one and four pixels a column, so a resize only rescales
 * what is drawn; otherwise one column per two pixels, in steps of 50.
 */
export function columnsFor(current: number, plotWidth: number): number {
  if (current >= COLUMN_STEP && current <= plotWidth && current * 4 >= plotWidth) return current
  return Math.max(COLUMN_STEP, Math.ceil(plotWidth / PIXELS_PER_COLUMN / COLUMN_STEP) * COLUMN_STEP)
}

/** The grid for a window from `from` in columns of `columnMs`, with values spanning [lo, hi]: 2000 to 20000 steps over the range, whatever its offset. */
export function gridFor(from: number, columnMs: number, lo: number, hi: number): Grid {
  const range = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1)
  return { x0: from, xUnit: columnMs / STEPS_PER_COLUMN, yUnit: 10 ** Math.floor(Math.log10(range / 2000)) }
}

/** A linear map from data to pixels, taken from two points of a scale. */
export interface Linear {
  at: number
  origin: number
  factor: number
}

export function linear(scale: (value: number) => number | undefined, a: number, b: number): Linear {
  const pa = scale(a) ?? 0
  const pb = scale(b) ?? 0
  return { at: a, origin: pa, factor: b === a ? 0 : (pb - pa) / (b - a) }
}

/** The SVG transform from the grid to pixels on the given maps. */
export function gridTransform(grid: Grid, x: Linear, y: Linear): string {
  const a = grid.xUnit * x.factor
  const d = grid.yUnit * y.factor
  const e = x.origin + (grid.x0 - x.at) * x.factor
  const f = y.origin - y.at * y.factor
  return `matrix(${a} 0 0 ${d} ${e} ${f})`
}

const sameGrid = (a: Grid | null, b: Grid) => !!a && a.x0 === b.x0 && a.xUnit === b.xUnit && a.yUnit === b.yUnit

/** The line over points [a, b): joined to the point before a, one `M` per unbroken run; a lone point gets a stub its round cap shows as a dot. */
export function lineChunk(g: Pick<DrawnPoints, 'n' | 'xs' | 'ys'>, a: number, b: number): string {
  let d = ''
  for (let i = a; i < b; i++) {
    const y = g.ys[i]!
    if (Number.isNaN(y)) continue
    const joined = i > 0 && !Number.isNaN(g.ys[i - 1]!)
    if (joined && i === a) d += 'M' + g.xs[i - 1] + ',' + g.ys[i - 1] + 'L'
    else d += joined ? 'L' : 'M'
    d += g.xs[i] + ',' + y
    if (!joined && (i + 1 >= g.n || Number.isNaN(g.ys[i + 1]!))) d += 'h1'
  }
  return d
}

/** The min/max band from the point before a to b - 1: per unbroken run, along the highs and back along the lows, where min and max differ. */
export function bandChunk(g: Pick<DrawnPoints, 'los' | 'his' | 'xs'>, a: number, b: number): string {
  let d = ''
  let first = -1
  const close = (end: number) => {
    let spread = false
    for (let i = first; i < end && !spread; i++) spread = g.his[i] !== g.los[i]
    if (end - first > 1 && spread) {
      for (let i = first; i < end; i++) d += (i === first ? 'M' : 'L') + g.xs[i] + ',' + g.his[i]
      for (let i = end - 1; i >= first; i--) d += 'L' + g.xs[i] + ',' + g.los[i]
      d += 'Z'
    }
    first = -1
  }
  for (let i = Math.max(0, a - 1); i < b; i++) {
    if (Number.isNaN(g.los[i]!) || Number.isNaN(g.his[i]!)) {
      if (first >= 0) close(i)
    } else if (first < 0) first = i
  }
  if (first >= 0) close(b)
  return d
}

const cells = (n: number): DrawnPoints => ({ n: 0, xs: new Float64Array(n), ys: new Float64Array(n), los: new Float64Array(n), his: new Float64Array(n) })

/**
 * One series' chunks, kept between updates: a chunk is written again only
 * when one of its points, the point before it (it joins to it) or the point
 * after it (which decides whether its last point stands alone) moved on the
 * grid, or the grid itself changed. The grid coordinates are kept once and
 * compared as they are written.
 */
export class SeriesPaths {
  private at = cells(0)
  private grid: Grid | null = null
  lines: string[] = []
  bands: string[] = []

  /** Takes the series' points; returns the chunks written again. */
  update(data: DrawnPoints, grid: Grid): number[] {
    const all = !sameGrid(this.grid, grid)
    this.grid = grid
    const was = this.at.n
    const n = data.n
    if (this.at.xs.length < n) {
      const grown = cells(Math.max(n, this.at.xs.length * 2))
      for (const k of ['xs', 'ys', 'los', 'his'] as const) grown[k].set(this.at[k].subarray(0, was))
      this.at = grown
    }
    const chunks = Math.ceil(n / CHUNK_POINTS)
    const dirty = new Uint8Array(chunks)
    // a point belongs to its chunk, is joined to by the next one, and decides whether the previous chunk's last point stands alone
    const mark = (c: number) => c >= 0 && c < chunks && (dirty[c] = 1)
    const touch = (i: number) => {
      const c = Math.floor(i / CHUNK_POINTS)
      mark(c)
      if (i % CHUNK_POINTS === CHUNK_POINTS - 1) mark(c + 1)
      if (i % CHUNK_POINTS === 0) mark(c - 1)
    }
    const g = this.at
    const cell = (v: number) => Math.round(v / grid.yUnit)
    for (let i = 0; i < n; i++) {
      const x = Math.round((data.xs[i]! - grid.x0) / grid.xUnit)
      // plain locals, no array per point: this loop runs over every drawn column of every series on each sample
      const y = cell(data.ys[i]!)
      const lo = cell(data.los[i]!)
      const hi = cell(data.his[i]!)
      if (all || i >= was || !Object.is(x, g.xs[i]) || !Object.is(y, g.ys[i]) || !Object.is(lo, g.los[i]) || !Object.is(hi, g.his[i])) {
        g.xs[i] = x
        g.ys[i] = y
        g.los[i] = lo
        g.his[i] = hi
        touch(i)
      }
    }
    for (let i = n; i < was; i++) touch(i)
    g.n = n
    this.lines.length = Math.min(this.lines.length, chunks)
    this.bands.length = this.lines.length
    const lines = [...this.lines]
    const bands = [...this.bands]
    const written: number[] = []
    for (let c = 0; c < chunks; c++) {
      if (!dirty[c] && c < this.lines.length) continue
      const a = c * CHUNK_POINTS
      const b = Math.min(n, a + CHUNK_POINTS)
      lines[c] = lineChunk(g, a, b)
      bands[c] = bandChunk(g, a, b)
      written.push(c)
    }
    this.lines = lines
    this.bands = bands
    return written
  }
}
