import { memo, useSyncExternalStore } from 'react'
import { SERIES_COLORS } from './axis'
import type { PlotBox } from './Frame'
import { type DrawnSeries, type Grid, gridTransform, type LayerData, linear, SeriesPaths } from './paths'

export type { DrawnPoints, DrawnSeries, Grid, LayerData } from './paths'

/**
 * Hands the series layer its path chunks without re-rendering the recharts
 * frame around it, and keeps each series' chunks between samples so only
 * those a sample moved are written again.
 */
export class LayerFeed {
  private listeners = new Set<() => void>()
  private paths = new Map<string, SeriesPaths>()
  private drawn: LayerData = { series: [], grid: { x0: 0, xUnit: 1, yUnit: 1 }, revision: 0 }

  constructor(series: DrawnSeries[], grid: Grid, revision: number) {
    this.take(series, grid, revision)
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  readonly current = () => this.drawn

  publish(series: DrawnSeries[], grid: Grid, revision: number): void {
    this.take(series, grid, revision)
    for (const listener of this.listeners) listener()
  }

  private take(series: DrawnSeries[], grid: Grid, revision: number): void {
    const keys = new Set(series.map((s) => s.key))
    for (const key of this.paths.keys()) if (!keys.has(key)) this.paths.delete(key)
    this.drawn = {
      grid,
      revision,
      series: series.map((s) => {
        let paths = this.paths.get(s.key)
        if (!paths) this.paths.set(s.key, (paths = new SeriesPaths()))
        paths.update(s.data, grid)
        return { key: s.key, lines: paths.lines, bands: paths.bands }
      }),
    }
  }
}

/** What the plot shows: its place in the chart and the window and value range it spans. */
export interface PlotView {
  box: PlotBox
  from: number
  to: number
  lo: number
  hi: number
}

/**
 * The series over the grid and under the axes, in an SVG of their own on the
 * plot (its own layer to the browser, so a sample repaints only it). The
 * paths are chunks in a grid fixed to the data under one transform: a new
 * sample rewrites a chunk or two, a resize only the transform. The line keeps
 * its width at any scale (non-scaling stroke), and the layer takes no pointer
 * events, so hovering never hit-tests the paths.
 */
export const SeriesLayer = memo(function SeriesLayer({ feed, view }: { feed: LayerFeed; view: PlotView }) {
  const { series, grid, revision } = useSyncExternalStore(feed.subscribe, feed.current)
  const { box, from, to, lo, hi } = view
  const width = box.right - box.left
  const height = box.bottom - box.top
  const x = linear((t) => ((t - from) / Math.max(1, to - from)) * width, from, to)
  const y = linear((v) => (hi === lo ? height : height - ((v - lo) / (hi - lo)) * height), lo, hi === lo ? lo + 1 : hi)
  return (
    <svg className="chart-series" width={width} height={height} style={{ left: box.left, top: box.top }} aria-hidden="true">
      <g className="series-layer" data-revision={revision} transform={gridTransform(grid, x, y)}>
        {series.map((s, i) => s.bands.map((d, c) => d && <path key={`${s.key}-band-${c}`} className="series-band" d={d} fill={SERIES_COLORS[i % SERIES_COLORS.length]} fillOpacity={0.22} stroke="none" />))}
        {series.map((s, i) =>
          s.lines.map((d, c) => d && <path key={`${s.key}-line-${c}`} className="series-line" d={d} fill="none" stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={1.6} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />),
        )}
      </g>
    </svg>
  )
})
