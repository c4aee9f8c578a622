import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { lttb, minMax, type XY } from '@shared/devices/foxess/downsample'
import { zoneOffsetMinutes } from '@shared/devices/foxess/time'

export const SERIES_COLORS = ['#0b63ce', '#e07b00', '#0a7a35', '#b3132b', '#6b3fb5', '#00838f', '#8d6e00', '#c2185b', '#455a64', '#2e7d32']

export interface TimeSeries {
  key: string
  label: string
  unit: string
  points: XY[]
}

const TICK_STEPS = [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 14_400_000, 21_600_000, 43_200_000]

/** About six round time ticks across [from, to], on whole minutes or hours of the wall clock `offsetMs` ahead of UTC. */
export function timeTicks(from: number, to: number, offsetMs = 0, count = 6): number[] {
  if (!(to > from)) return [from]
  const step = TICK_STEPS.find((s) => (to - from) / s <= count) ?? TICK_STEPS[TICK_STEPS.length - 1]!
  const ticks: number[] = []
  for (let t = Math.ceil((from + offsetMs) / step) * step - offsetMs; t <= to; t += step) ticks.push(t)
  return ticks
}

/** The chart's drawing width, followed as the window is resized (one point per pixel at most). */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null)
  const [width, setWidth] = useState(800)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0)
      if (w > 0) setWidth(w)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/**
 * Series over a fixed time window, downsampled to about one point per pixel:
 * min/max for live data (a one-sample spike survives), LTTB for history.
 * No animation, no dots: a redraw costs what the pixels cost.
 */
export function TimeChart({
  series,
  from,
  to,
  mode,
  formatTime,
  formatValue,
  height = 240,
  testId,
  timeZone,
}: {
  series: TimeSeries[]
  from: number
  to: number
  mode: 'live' | 'history'
  formatTime: (ms: number) => string
  formatValue: (v: number, unit: string) => string
  height?: number
  testId?: string
  /** the plant's zone: ticks fall on its whole hours */
  timeZone?: string
}) {
  const { t } = useTranslation()
  const [ref, width] = useWidth()
  const plotWidth = Math.max(100, width - 80)
  // downsampled once per data, window or width change; the arrays handed to recharts keep their identity between renders
  const drawn = useMemo(
    () =>
      series.map((s) => {
        const inWindow = s.points.filter((p) => p.x >= from && p.x <= to)
        const points = mode === 'live' ? minMax(inWindow, Math.ceil(plotWidth / 2)) : lttb(inWindow, plotWidth)
        return { ...s, points, data: points.map((p) => ({ x: p.x, y: p.y, unit: s.unit })) }
      }),
    [series, from, to, mode, plotWidth],
  )
  const ticks = useMemo(() => timeTicks(from, to, timeZone ? zoneOffsetMinutes(from, timeZone) * 60_000 : 0), [from, to, timeZone])
  const pointCount = drawn.reduce((n, s) => n + s.points.length, 0)
  return (
    <div ref={ref} className="chart" data-testid={testId} data-points={pointCount} data-series={series.length}>
      {pointCount === 0 ? (
        <p className="muted chart-empty">{t('foxess:charts.noData')}</p>
      ) : (
        <LineChart width={width} height={height} margin={{ top: 8, right: 28, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e6e9ee" />
          <XAxis dataKey="x" type="number" domain={[from, to]} scale="time" ticks={ticks} tickFormatter={formatTime} allowDataOverflow />
          <YAxis width={64} tickFormatter={(v: number) => formatValue(v, '')} />
          <Tooltip labelFormatter={(v) => formatTime(Number(v))} formatter={(v, _name, item) => formatValue(Number(v), (item?.payload as { unit?: string } | undefined)?.unit ?? '')} />
          {drawn.map((s, i) => (
            <Line
              key={s.key}
              data={s.data}
              dataKey="y"
              name={s.unit ? `${s.label} (${s.unit})` : s.label}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              dot={false}
              isAnimationActive={false}
              strokeWidth={1.6}
              connectNulls
              type="linear"
            />
          ))}
        </LineChart>
      )}
      {pointCount > 0 && (
        // a plain legend: recharts' own costs a third of a re-render
        <ul className="chart-legend">
          {drawn.map((s, i) => (
            <li key={s.key}>
              <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
              {s.unit ? `${s.label} (${s.unit})` : s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Energy per hour/day/month as grouped bars (generation, feed-in, grid, charge, discharge). */
export function EnergyBars({ labels, series, formatValue, height = 260 }: { labels: string[]; series: { key: string; label: string; values: number[] }[]; formatValue: (v: number) => string; height?: number }) {
  const [ref, width] = useWidth()
  const data = labels.map((label, i) => Object.fromEntries([['label', label], ...series.map((s) => [s.key, s.values[i] ?? 0])]))
  return (
    <div ref={ref} className="chart" data-testid="energy-bars" data-bars={labels.length}>
      <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e6e9ee" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis width={64} tickFormatter={(v: number) => formatValue(v)} />
        <Tooltip formatter={(v) => formatValue(Number(v))} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  )
}
