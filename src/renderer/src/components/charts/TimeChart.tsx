import './charts.css'
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CartesianGrid, ComposedChart, Scatter, XAxis, YAxis } from 'recharts'
import type { SeriesStore } from '@shared/series/store'
import { SERIES_COLORS, timeTicks, useChartTime, useWidth, valueTicks, zoneOffsetMs } from './axis'
import { HoverReadout } from './HoverReadout'
import { type DrawnSeries, type LayerData, SeriesLayer } from './SeriesLayer'

export interface ChartSeries {
  key: string
  /** the series' name in the UI language */
  label: string
  unit: string
}

interface TimeChartProps {
  store: SeriesStore
  /** the store's revision: a new sample redraws */
  revision: number
  series: ChartSeries[]
  from: number
  to: number
  /** the window follows the newest sample: it moves in steps, not with every sample */
  live?: boolean
  /** from the stored value to the one shown (the person's units); keep it stable between renders */
  convert?: (key: string, value: number) => number
  formatValue: (value: number, unit: string) => string
  /** the plant's or device's zone: ticks fall on its whole hours */
  timeZone?: string
  /** a longer silence than this breaks the line (e.g. three poll intervals) */
  gapMs?: number
  height?: number
  testId?: string
}

export const PLOT_MARGIN = { top: 8, right: 28, bottom: 4, left: 8 }
export const Y_AXIS_WIDTH = 64
export const X_AXIS_HEIGHT = 30
/** one drawn column per this many pixels: the line at its mean, the band at its min and max */
const PIXELS_PER_COLUMN = 2
/** the column count moves in these steps, so most resizes only rescale the same points */
const COLUMN_STEP = 50

const identity = (_key: string, value: number) => value

/** Hands the series layer its points without re-rendering the recharts frame around it. */
class LayerFeed {
  private listeners = new Set<() => void>()
  private drawn: LayerData
  constructor(drawn: LayerData) {
    this.drawn = drawn
  }
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  readonly current = () => this.drawn
  publish(drawn: LayerData): void {
    this.drawn = drawn
    for (const listener of this.listeners) listener()
  }
}

/**
 * The one time chart: series from a series store over a window, one column
 * per two pixels, each drawn as its mean line over a pale min/max band so a
 * one-sample spike stays visible however long the window; lines break where
 * samples stopped. No animation, no dots. Recharts lays out the axes and grid
 * and gives the scales; the series are drawn as plain paths on them, because
 * recharts' own lines took over a second to redraw a day of eight series. A
 * live window moves in steps of a sixtieth of its span, so a new sample
 * redraws the paths and leaves the axes alone.
 */
export function TimeChart({ store, revision, series, from, to, live = false, convert = identity, formatValue, timeZone, gapMs, height = 240, testId }: TimeChartProps) {
  const { t, i18n } = useTranslation()
  const [ref, width] = useWidth()
  const [hoverX, setHoverX] = useState<number | null>(null)
  const span = Math.max(1, to - from)
  const step = span / 60
  const end = live ? Math.ceil(to / step) * step : to
  const start = end - span
  const plotWidth = Math.max(100, width - Y_AXIS_WIDTH - PLOT_MARGIN.left - PLOT_MARGIN.right)
  const columns = Math.max(COLUMN_STEP, Math.ceil(plotWidth / PIXELS_PER_COLUMN / COLUMN_STEP) * COLUMN_STEP)
  const seriesKey = series.map((s) => `${s.key}\u0000${s.label}\u0000${s.unit}`).join('\u0001')
  const drawn: DrawnSeries[] = useMemo(
    () =>
      series.map((s) => ({
        key: s.key,
        unit: s.unit,
        name: s.unit ? `${s.label} (${s.unit})` : s.label,
        data: store.query(s.key, { from: start, to: end, points: columns, gapMs }).map((p) => ({
          x: p.x,
          y: p.y === null ? null : convert(s.key, p.y),
          lo: p.lo === null ? null : convert(s.key, p.lo),
          hi: p.hi === null ? null : convert(s.key, p.hi),
        })),
      })),
    // the revision stands for the store's content, seriesKey for the list's
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, revision, seriesKey, start, end, columns, gapMs, convert],
  )
  const [feed] = useState(() => new LayerFeed({ series: drawn, revision }))
  useLayoutEffect(() => feed.publish({ series: drawn, revision }), [feed, drawn, revision])
  const format = useRef(formatValue)
  useLayoutEffect(() => {
    format.current = formatValue
  })
  const formatTick = useCallback((v: number) => format.current(v, ''), [])
  const pointCount = drawn.reduce((n, s) => n + s.data.reduce((k, p) => k + (p.y === null ? 0 : 1), 0), 0)
  // the same ticks keep the same array, so the frame is not redrawn for a sample that leaves the axis as it was
  const yTicksKey = valueTicks(...valueRange(drawn)).join(' ')
  const yTicks = useMemo(() => yTicksKey.split(' ').map(Number), [yTicksKey])
  const plotLeft = PLOT_MARGIN.left + Y_AXIS_WIDTH
  const plotRight = width - PLOT_MARGIN.right
  const timeAt = (px: number) => start + ((px - plotLeft) / Math.max(1, plotRight - plotLeft)) * span
  return (
    <div ref={ref} className="time-chart" data-testid={testId} data-points={pointCount} data-series={series.length}>
      {pointCount === 0 ? (
        <p className="muted chart-empty">{t('common:chart.noData')}</p>
      ) : (
        width > 0 && (
          <div
            className="time-chart-plot"
            onMouseMove={(e) => {
              const px = e.clientX - e.currentTarget.getBoundingClientRect().left
              setHoverX(px >= plotLeft && px <= plotRight ? px : null)
            }}
            onMouseLeave={() => setHoverX(null)}
          >
            <Plot feed={feed} width={width} height={height} from={start} to={end} yTicks={yTicks} timeZone={timeZone} formatTick={formatTick} language={i18n.language} />
            {hoverX !== null && <HoverReadout drawn={drawn} at={timeAt(hoverX)} left={hoverX} top={PLOT_MARGIN.top} bottom={height - PLOT_MARGIN.bottom - X_AXIS_HEIGHT} width={width} span={span} timeZone={timeZone} formatValue={formatValue} />}
          </div>
        )
      )}
      {pointCount > 0 && (
        <ul className="chart-legend">
          {drawn.map((s, i) => (
            <li key={s.key}>
              <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Lowest and highest value drawn, bands included; a flat line gets a little room. */
function valueRange(drawn: DrawnSeries[]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const s of drawn)
    for (const p of s.data) {
      if (p.lo !== null && p.lo < lo) lo = p.lo
      if (p.hi !== null && p.hi > hi) hi = p.hi
    }
  if (!Number.isFinite(lo)) return [0, 1]
  if (lo === hi) return [lo - Math.max(1, Math.abs(lo) * 0.1), hi + Math.max(1, Math.abs(hi) * 0.1)]
  return [lo, hi]
}

/** The corners are there for the scales, not to be seen. */
const Corner = () => <g />

interface PlotProps {
  feed: LayerFeed
  width: number
  height: number
  from: number
  to: number
  yTicks: number[]
  timeZone?: string
  formatTick: (value: number) => string
  /** redraws the tick labels when the language changes */
  language: string
}

/** Axes and grid by recharts (which holds only the window's corners), redrawn when they change; the series layer on its scales. */
const Plot = memo(function Plot({ feed, width, height, from, to, yTicks, timeZone, formatTick }: PlotProps) {
  const time = useChartTime(timeZone, to - from)
  const ticks = useMemo(() => timeTicks(from, to, zoneOffsetMs(from, timeZone)), [from, to, timeZone])
  // two corner points give recharts its axes and scales; the series themselves stay out of its data
  const frame = useMemo(() => [{ x: from, y: yTicks[0]! }, { x: to, y: yTicks[yTicks.length - 1]! }], [from, to, yTicks])
  return (
    <ComposedChart width={width} height={height} margin={PLOT_MARGIN} data={frame}>
      <CartesianGrid stroke="#e6e9ee" />
      <XAxis dataKey="x" type="number" domain={[from, to]} scale="time" ticks={ticks} tickFormatter={time.axis} height={X_AXIS_HEIGHT} allowDataOverflow />
      <YAxis type="number" width={Y_AXIS_WIDTH} domain={[yTicks[0]!, yTicks[yTicks.length - 1]!]} ticks={yTicks} tickFormatter={formatTick} />
      <Scatter dataKey="y" shape={Corner} isAnimationActive={false} legendType="none" tooltipType="none" />
      <SeriesLayer feed={feed} />
    </ComposedChart>
  )
})
