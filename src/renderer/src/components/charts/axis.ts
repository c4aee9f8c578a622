import { useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'

export const SERIES_COLORS = ['#0b63ce', '#e07b00', '#0a7a35', '#b3132b', '#6b3fb5', '#00838f', '#8d6e00', '#c2185b', '#455a64', '#2e7d32']

const TICK_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 14_400_000, 21_600_000, 43_200_000]

/** Minutes `timeZone` is ahead of UTC at an instant (the system zone when none is named). */
export function zoneOffsetMs(ms: number, timeZone?: string): number {
  if (!timeZone) return -new Date(ms).getTimezoneOffset() * 60_000
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? ''
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000 : 0
}

/** room one time label needs (`00:00:00` in the widest of the UI's fonts, with a gap) */
const TIME_LABEL_PX = 70

/** How many time ticks fit under a plot this wide without their labels running together: six at most, two at least. */
export function timeTickCount(plotWidthPx: number): number {
  return Math.min(6, Math.max(2, Math.floor(plotWidthPx / TIME_LABEL_PX)))
}

/** About six round time ticks across [from, to], on whole seconds, minutes or hours of the wall clock `offsetMs` ahead of UTC. */
export function timeTicks(from: number, to: number, offsetMs = 0, count = 6): number[] {
  if (!(to > from)) return [from]
  const step = TICK_STEPS.find((s) => (to - from) / s <= count) ?? TICK_STEPS[TICK_STEPS.length - 1]!
  const ticks: number[] = []
  for (let t = Math.ceil((from + offsetMs) / step) * step - offsetMs; t <= to; t += step) ticks.push(t)
  return ticks
}

/**
 * Axis and tooltip times on the 24-hour clock in the UI language (and the
 * plant's zone when given): `HH:mm` on the axis, with seconds where the window
 * is short enough for them to matter.
 */
export function useChartTime(timeZone: string | undefined, spanMs: number): { axis: (ms: number) => string; tooltip: (ms: number) => string } {
  const { i18n } = useTranslation()
  const locale = i18n.language
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    const long = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    const withDay = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    const axis = spanMs <= 10 * 60_000 ? long : short
    return { axis: (ms) => axis.format(ms), tooltip: (ms) => (spanMs > 12 * 3600_000 ? withDay : long).format(ms) }
  }, [locale, timeZone, spanMs])
}

/**
 * The chart's width, followed as the window is resized. The new width is
 * rendered inside the observer's callback, before the frame is painted, so
 * the chart is never shown stretched at the old width for a frame.
 */
export function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(Math.floor(el.getBoundingClientRect().width))
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0)
      if (w > 0) flushSync(() => setWidth(w))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/** Round value ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering [lo, hi], about `count` of them. */
export function valueTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo]
  const raw = (hi - lo) / Math.max(1, count - 1)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude
  const first = Math.floor(lo / step) * step
  const ticks: number[] = []
  for (let v = first; v < hi + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)))
  return ticks
}
