import { memo, useSyncExternalStore } from 'react'
import { useXAxisScale, useYAxisScale } from 'recharts'
import { SERIES_COLORS } from './axis'
import { bandPath, type LayerData, linear, linePath } from './paths'

export type { DrawnPoint, DrawnSeries, LayerData } from './paths'

/**
 * The series drawn on recharts' own scales as plain paths: recharts lays out
 * the axes and grid, and this layer costs a string per series, so a new sample
 * or a resize redraws in well under a frame whatever the window holds.
 */
export const SeriesLayer = memo(function SeriesLayer({ feed }: { feed: { subscribe: (listener: () => void) => () => void; current: () => LayerData } }) {
  const { series: drawn, revision } = useSyncExternalStore(feed.subscribe, feed.current)
  const xScale = useXAxisScale()
  const yScale = useYAxisScale()
  if (!xScale || !yScale) return null
  const x = linear(xScale, 0, 1e12)
  const y = linear(yScale, 0, 1)
  return (
    <g className="series-layer" data-revision={revision}>
      {drawn.map((s, i) => (
        <path key={`${s.key}-band`} className="series-band" d={bandPath(s.data, x, y)} fill={SERIES_COLORS[i % SERIES_COLORS.length]} fillOpacity={0.22} stroke="none" />
      ))}
      {drawn.map((s, i) => (
        <path key={s.key} className="series-line" d={linePath(s.data, x, y)} fill="none" stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={1.6} strokeLinejoin="round" strokeLinecap="round" />
      ))}
    </g>
  )
})
