import './charts.css'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SeriesStore } from '@shared/series/store'
import { SERIES_COLORS, useWidth, valueTicks } from './axis'
import { FrameAxes, FrameGrid, PLOT_MARGIN, plotBox, Y_AXIS_WIDTH } from './Frame'
import { HoverReadout } from './HoverReadout'
import { columnsFor, drawnCount, drawnPoints, gridFor } from './paths'
import { type DrawnSeries, LayerFeed, SeriesLayer } from './SeriesLayer'

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

const identity = (_key: string, value: number) => value

/**
 * The one time chart: series from a series store over a window, at most one
 * column per pixel (two when the count is chosen), each drawn as its mean
 * line over a pale min/max band so a one-sample spike stays visible however
 * long the window; lines break where samples stopped. No animation, no dots.
 * Three stacked SVGs: the grid, the series, the axes. A live window moves in
 * steps of a sixtieth of its span, so a new sample rewrites the newest path
 * chunks and leaves grid and axes alone; a resize redraws grid and axes (a
 * few dozen lines) and changes the series' transform.
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
  // kept through a resize while it still fits the width: the layer then only rescales
  const [keptColumns, setColumns] = useState(0)
  const columns = columnsFor(keptColumns, plotWidth)
  if (columns !== keptColumns) setColumns(columns)
  const seriesKey = series.map((s) => `${s.key}\u0000${s.label}\u0000${s.unit}`).join('\u0001')
  const drawn: DrawnSeries[] = useMemo(
    () =>
      series.map((s) => ({
        key: s.key,
        unit: s.unit,
        name: s.unit ? `${s.label} (${s.unit})` : s.label,
        data: drawnPoints(store.query(s.key, { from: start, to: end, points: columns, gapMs }), (v) => convert(s.key, v)),
      })),
    // the revision stands for the store's content, seriesKey for the list's
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, revision, seriesKey, start, end, columns, gapMs, convert],
  )
  // the same ticks keep the same array, so the frame is not redrawn for a sample that leaves the axis as it was
  const yTicksKey = valueTicks(...valueRange(drawn)).join(' ')
  const yTicks = useMemo(() => yTicksKey.split(' ').map(Number), [yTicksKey])
  const grid = useMemo(() => gridFor(start, (end - start) / columns, yTicks[0]!, yTicks[yTicks.length - 1]!), [start, end, columns, yTicks])
  const [feed] = useState(() => new LayerFeed(drawn, grid, revision))
  useLayoutEffect(() => feed.publish(drawn, grid, revision), [feed, drawn, grid, revision])
  const format = useRef(formatValue)
  useLayoutEffect(() => {
    format.current = formatValue
  })
  const formatTick = useCallback((v: number) => format.current(v, ''), [])
  const pointCount = drawn.reduce((n, s) => n + drawnCount(s.data), 0)
  const box = plotBox(width, height)
  const lo = yTicks[0]!
  const hi = yTicks[yTicks.length - 1]!
  const view = useMemo(() => ({ box: plotBox(width, height), from: start, to: end, lo, hi }), [width, height, start, end, lo, hi])
  const timeAt = (px: number) => start + ((px - box.left) / Math.max(1, box.right - box.left)) * span
  const frame = { width, height, from: start, to: end, yTicks, timeZone, formatTick, language: i18n.language }
  return (
    <div ref={ref} className="time-chart" data-testid={testId} data-points={pointCount} data-series={series.length}>
      {pointCount === 0 ? (
        <p className="muted chart-empty">{t('common:chart.noData')}</p>
      ) : (
        width > 0 && (
          <div
            className="time-chart-plot"
            style={{ height }}
            onMouseMove={(e) => {
              const px = e.clientX - e.currentTarget.getBoundingClientRect().left
              setHoverX(px >= box.left && px <= box.right ? px : null)
            }}
            onMouseLeave={() => setHoverX(null)}
          >
            <FrameGrid {...frame} />
            <SeriesLayer feed={feed} view={view} />
            <FrameAxes {...frame} />
            {hoverX !== null && <HoverReadout drawn={drawn} at={timeAt(hoverX)} left={hoverX} top={box.top} bottom={box.bottom} width={width} span={span} timeZone={timeZone} formatValue={formatValue} />}
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
  for (const { data } of drawn)
    for (let i = 0; i < data.n; i++) {
      // NaN (a break) compares false both ways
      if (data.los[i]! < lo) lo = data.los[i]!
      if (data.his[i]! > hi) hi = data.his[i]!
    }
  if (!Number.isFinite(lo)) return [0, 1]
  if (lo === hi) return [lo - Math.max(1, Math.abs(lo) * 0.1), hi + Math.max(1, Math.abs(hi) * 0.1)]
  return [lo, hi]
}
