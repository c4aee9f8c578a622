import { SERIES_COLORS, useChartTime } from './axis'
import type { DrawnPoint, DrawnSeries } from './SeriesLayer'

/** The drawn point nearest to `at` (points are in time order), or null on a break or an empty series. */
export function nearest(data: DrawnPoint[], at: number): DrawnPoint | null {
  let lo = 0
  let hi = data.length - 1
  if (hi < 0) return null
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (data[mid]!.x < at) lo = mid + 1
    else hi = mid
  }
  const before = data[lo - 1]
  const point = before && at - before.x < data[lo]!.x - at ? before : data[lo]!
  return point.y === null ? null : point
}

/**
 * The hover line and the values under it: each series' value at the nearest
 * column, with the min and max behind it where they differ.
 */
export function HoverReadout({ drawn, at, left, top, bottom, width, span, timeZone, formatValue }: { drawn: DrawnSeries[]; at: number; left: number; top: number; bottom: number; width: number; span: number; timeZone?: string; formatValue: (value: number, unit: string) => string }) {
  const time = useChartTime(timeZone, span)
  const rows = drawn.map((s, i) => ({ s, i, point: nearest(s.data, at) })).filter((r) => r.point)
  const flip = left > width / 2
  return (
    <>
      <div className="chart-cursor" style={{ left, top, height: bottom - top }} />
      <div className="chart-tooltip" data-testid="chart-tooltip" style={{ top, ...(flip ? { right: width - left + 10 } : { left: left + 10 }) }}>
        <div className="chart-tooltip-label">{time.tooltip(at)}</div>
        {rows.map(({ s, i, point }) => (
          <div key={s.key} className="chart-tooltip-row">
            <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            <span>{s.name}</span>
            <strong>{formatValue(point!.y!, s.unit)}</strong>
            {point!.lo !== point!.hi && <span className="muted">{`${formatValue(point!.lo!, '')} … ${formatValue(point!.hi!, '')}`}</span>}
          </div>
        ))}
      </div>
    </>
  )
}
