import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts'
import type { SeriesStore } from '@shared/series/store'
import { SERIES_COLORS, timeTicks, useChartTime, useWidth, zoneOffsetMs } from './axis'

export interface ChartSeries {
  key: string
  /** the series' name in the UI language */
  label: string
  unit: string
}

interface DrawnPoint {
  x: number
  y: number | null
  band: [number, number] | null
  unit: string
}

interface TimeChartProps {
  store: SeriesStore
  /** the store's revision: a new sample redraws */
  revision: number
  series: ChartSeries[]
  from: number
  to: number
  /** from the stored value to the one shown (the person's units) */
  convert?: (key: string, value: number) => number
  formatValue: (value: number, unit: string) => string
  /** the plant's or device's zone: ticks fall on its whole hours */
  timeZone?: string
  /** a longer silence than this breaks the line (e.g. three poll intervals) */
  gapMs?: number
  height?: number
  testId?: string
}

const MARGIN = { top: 8, right: 28, bottom: 4, left: 8 }
const Y_AXIS_WIDTH = 64
/** one drawn column per this many pixels: the line at its mean, the band at its min and max */
const PIXELS_PER_COLUMN = 2
/** the column count moves in these steps, so a resize mostly rescales the same points */
const COLUMN_STEP = 50

const identity = (_key: string, value: number) => value

/**
 * The one time chart: series from a series store over a window, at about one
 * column per two pixels, each drawn as its mean line over a pale min/max band
 * so a one-sample spike stays visible however long the window. No animation,
 * no dots; the points are queried once per sample, window or column count, not
 * per render.
 */
export function TimeChart({ store, revision, series, from, to, convert = identity, formatValue, timeZone, gapMs, height = 240, testId }: TimeChartProps) {
  const { t } = useTranslation()
  const [ref, width] = useWidth()
  const plotWidth = Math.max(100, width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right)
  const columns = Math.max(COLUMN_STEP, Math.ceil(plotWidth / PIXELS_PER_COLUMN / COLUMN_STEP) * COLUMN_STEP)
  const seriesKey = series.map((s) => `${s.key}\u0000${s.label}\u0000${s.unit}`).join('\u0001')
  const drawn = useMemo(
    () =>
      series.map((s) => {
        const data: DrawnPoint[] = store.query(s.key, { from, to, points: columns, gapMs }).map((p) => ({
          x: p.x,
          y: p.y === null ? null : convert(s.key, p.y),
          band: p.lo === null || p.hi === null ? null : [convert(s.key, p.lo), convert(s.key, p.hi)],
          unit: s.unit,
        }))
        return { ...s, name: s.unit ? `${s.label} (${s.unit})` : s.label, data }
      }),
    // the revision stands for the store's content; seriesKey for the list's
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, revision, seriesKey, from, to, columns, gapMs, convert],
  )
  const pointCount = drawn.reduce((n, s) => n + s.data.reduce((k, p) => k + (p.y === null ? 0 : 1), 0), 0)
  return (
    <div ref={ref} className="time-chart" data-testid={testId} data-points={pointCount} data-series={series.length}>
      {pointCount === 0 ? (
        <p className="muted chart-empty">{t('common:chart.noData')}</p>
      ) : (
        width > 0 && <Plot drawn={drawn} width={width} height={height} from={from} to={to} timeZone={timeZone} formatValue={formatValue} />
      )}
      {pointCount > 0 && (
        // a plain legend: recharts' own costs a third of a re-render
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

interface PlotProps {
  drawn: { key: string; name: string; data: DrawnPoint[] }[]
  width: number
  height: number
  from: number
  to: number
  timeZone?: string
  formatValue: (value: number, unit: string) => string
}

/** The recharts part, redrawn only when its points, size or window change. */
const Plot = memo(function Plot({ drawn, width, height, from, to, timeZone, formatValue }: PlotProps) {
  const time = useChartTime(timeZone, to - from)
  const ticks = useMemo(() => timeTicks(from, to, zoneOffsetMs(from, timeZone)), [from, to, timeZone])
  return (
    <ComposedChart width={width} height={height} margin={MARGIN}>
      <CartesianGrid stroke="#e6e9ee" />
      <XAxis dataKey="x" type="number" domain={[from, to]} scale="time" ticks={ticks} tickFormatter={time.axis} allowDataOverflow />
      <YAxis width={Y_AXIS_WIDTH} tickFormatter={(v: number) => formatValue(v, '')} domain={['auto', 'auto']} />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(v) => time.tooltip(Number(v))}
        formatter={(v, _name, item) => formatValue(Number(v), (item?.payload as DrawnPoint | undefined)?.unit ?? '')}
      />
      {drawn.map((s, i) => (
        <Area
          key={`${s.key}-band`}
          data={s.data}
          dataKey="band"
          stroke="none"
          fill={SERIES_COLORS[i % SERIES_COLORS.length]}
          fillOpacity={0.16}
          isAnimationActive={false}
          activeDot={false}
          tooltipType="none"
          legendType="none"
          type="linear"
        />
      ))}
      {drawn.map((s, i) => (
        <Line
          key={s.key}
          data={s.data}
          dataKey="y"
          name={s.name}
          stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
          dot={false}
          isAnimationActive={false}
          strokeWidth={1.6}
          type="linear"
        />
      ))}
    </ComposedChart>
  )
})
