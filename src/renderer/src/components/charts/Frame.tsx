import { memo, useMemo } from 'react'
import { timeTickCount, timeTicks, useChartTime, zoneOffsetMs } from './axis'

/** Where the plot sits in the chart, in pixels. */
export interface PlotBox {
  left: number
  top: number
  right: number
  bottom: number
}

export const PLOT_MARGIN = { top: 8, right: 28, bottom: 4, left: 8 }
export const Y_AXIS_WIDTH = 64
export const X_AXIS_HEIGHT = 30
const TICK = 6
const AXIS = '#666'
const GRID = '#e6e9ee'

export function plotBox(width: number, height: number): PlotBox {
  return { left: PLOT_MARGIN.left + Y_AXIS_WIDTH, top: PLOT_MARGIN.top, right: width - PLOT_MARGIN.right, bottom: height - PLOT_MARGIN.bottom - X_AXIS_HEIGHT }
}

interface FrameProps {
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

/** Pixel positions of the ticks: the x ticks on the plot's whole hours (or minutes), the value ticks from the lowest to the highest. */
function useTicks({ width, height, from, to, yTicks, timeZone }: FrameProps) {
  const box = plotBox(width, height)
  const count = timeTickCount(box.right - box.left)
  const times = useMemo(() => timeTicks(from, to, zoneOffsetMs(from, timeZone), count), [from, to, timeZone, count])
  const lo = yTicks[0]!
  const hi = yTicks[yTicks.length - 1]!
  const x = (t: number) => box.left + ((t - from) / Math.max(1, to - from)) * (box.right - box.left)
  const y = (v: number) => (hi === lo ? box.bottom : box.bottom - ((v - lo) / (hi - lo)) * (box.bottom - box.top))
  return { box, times, x, y }
}

/**
 * The grid under the series: a line at each tick, and the plot's sides.
 * Plain SVG: a resize or a new tick redraws a few dozen lines.
 */
export const FrameGrid = memo(function FrameGrid(props: FrameProps) {
  const { box, times, x, y } = useTicks(props)
  return (
    <svg className="chart-grid" width={props.width} height={props.height} aria-hidden="true">
      {props.yTicks.map((v) => (
        <line key={`h${v}`} x1={box.left} x2={box.right} y1={y(v)} y2={y(v)} stroke={GRID} />
      ))}
      {[...times.map(x), box.left, box.right].map((px, i) => (
        <line key={`v${i}`} x1={px} x2={px} y1={box.top} y2={box.bottom} stroke={GRID} />
      ))}
    </svg>
  )
})

/** The axes over the series: lines, tick marks and labels (times on the 24-hour clock in the UI language, values as the chart formats them). */
export const FrameAxes = memo(function FrameAxes(props: FrameProps) {
  const { box, times, x, y } = useTicks(props)
  const time = useChartTime(props.timeZone, props.to - props.from)
  return (
    <svg className="chart-axes" width={props.width} height={props.height} aria-hidden="true">
      <g stroke={AXIS} fill="none">
        <line x1={box.left} x2={box.right} y1={box.bottom} y2={box.bottom} />
        <line x1={box.left} x2={box.left} y1={box.top} y2={box.bottom} />
        {times.map((t) => (
          <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={box.bottom} y2={box.bottom + TICK} />
        ))}
        {props.yTicks.map((v) => (
          <line key={`y${v}`} x1={box.left - TICK} x2={box.left} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <g fill={AXIS}>
        {times.map((t) => (
          <text key={`x${t}`} x={x(t)} y={box.bottom + TICK + 2} dy="0.71em" textAnchor="middle">
            {time.axis(t)}
          </text>
        ))}
        {props.yTicks.map((v) => (
          <text key={`y${v}`} x={box.left - TICK - 2} y={y(v)} dy="0.355em" textAnchor="end">
            {props.formatTick(v)}
          </text>
        ))}
      </g>
    </svg>
  )
})
