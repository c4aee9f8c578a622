import { SERIES_COLORS, useChartTime } from './axis'
import type { DrawnPoints, DrawnSeries } from './SeriesLayer'

/** Index of the drawn point nearest to `at` (points are in time order), or null on a break or an empty series. */
export function nearest(data: DrawnPoints, at: number): number | null {
  let lo = 0
  let hi = data.n - 1
  if (hi < 0) return null
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (data.xs[mid]! < at) lo = mid + 1
    else hi = mid
  }
  const i = lo > 0 && at - data.xs[lo - 1]! < data.xs[lo]! - at ? lo - 1 : lo
  return Number.isNaN(data.ys[i]!) ? null : i
}

/**
 * The hover line and the values under it: each series' value at the nearest
 * column, with the min and max behind it where they differ.
 */
export function HoverReadout({ drawn, at, left, top, bottom, width, span, timeZone, formatValue }: { drawn: DrawnSeries[]; at: number; left: number; top: number; bottom: number; width: number; span: number; timeZone?: string; formatValue: (value: number, unit: string) => string }) {
  const time = useChartTime(timeZone, span)
  const rows = drawn.flatMap((s, i) => {
    const k = nearest(s.data, at)
    return k === null ? [] : [{ s, i, y: s.data.ys[k]!, lo: s.data.los[k]!, hi: s.data.his[k]! }]
  })
  const flip = left > width / 2
  return (
    <>
      <div className="chart-cursor" style={{ left, top, height: bottom - top }} />
      <div className="chart-tooltip" data-testid="chart-tooltip" style={{ top, ...(flip ? { right: width - left + 10 } : { left: left + 10 }) }}>
        <div className="chart-tooltip-label">{time.tooltip(at)}</div>
        {rows.map(({ s, i, y, lo, hi }) => (
          <div key={s.key} className="chart-tooltip-row">
            <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            <span>{s.name}</span>
            <strong>{formatValue(y, s.unit)}</strong>
            {lo !== hi && <span className="muted">{`${formatValue(lo, '')} … ${formatValue(hi, '')}`}</span>}
          </div>
        ))}
      </div>
    </>
  )
}
