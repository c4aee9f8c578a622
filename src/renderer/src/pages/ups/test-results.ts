/**
 * What the acceptance test's page shows of its measurements, pure so it is
 * tested without a window: each step's values with the failures first, and
 * the battery's figures over the discharge, from the finished step or, while
 * it runs, from the curve so far.
 */
import type { JobStepState, JobUpdate, Measurement, RecordDetail, UpsDischargeCurve } from '@shared/contract'

const rank = (m: Measurement) => (m.verdict === 'fail' ? 0 : 1)

/** Failures first, each group in the step's own order. */
export function failuresFirst(measurements: readonly Measurement[]): Measurement[] {
  return measurements.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i).map(({ m }) => m)
}

export interface BatteryFigures {
  atStart: number | null
  atEnd: number | null
  fall: number | null
  fallPerMin: number | null
}

export interface DischargeFigures {
  /** seconds on battery so far, or measured */
  seconds: number
  voltage: BatteryFigures
  capacity: BatteryFigures
}

const round = (n: number) => Math.round(n * 100) / 100
const none: BatteryFigures = { atStart: null, atEnd: null, fall: null, fallPerMin: null }

/** The step's measurements once it has them; else the curve's first and latest points. */
export function dischargeFigures(step: readonly Measurement[] | null, curve: UpsDischargeCurve | null): DischargeFigures | null {
  const find = (key: string) => {
    const value = step?.find((m) => m.key === key)?.value
    return typeof value === 'number' ? value : null
  }
  const duration = find('dischargeDuration')
  if (duration !== null) {
    const of = (key: string): BatteryFigures => ({ atStart: find(`${key}AtStart`), atEnd: find(`${key}AtEnd`), fall: find(`${key}Fall`), fallPerMin: find(`${key}FallPerMin`) })
    return { seconds: duration, voltage: of('batteryVoltage'), capacity: of('batteryCapacity') }
  }
  const first = curve?.points[0]
  const last = curve?.points.at(-1)
  if (!first || !last) return null
  const seconds = last[0] - first[0]
  const of = (index: 1 | 2): BatteryFigures => {
    const from = first[index]
    const to = last[index]
    if (from === null || to === null) return none
    return { atStart: from, atEnd: to, fall: round(from - to), fallPerMin: seconds > 0 ? round(((from - to) * 60) / seconds) : null }
  }
  return { seconds: Math.round(seconds), voltage: of(1), capacity: of(2) }
}

/** A finished test as its page shows it, from its record: each step once, as it last ended. Null while it is still in progress. */
export function jobFromRecord(record: RecordDetail): JobUpdate | null {
  if (record.jobType !== 'upsTest' || record.status === 'inProgress') return null
  const steps = new Map<string, JobStepState>()
  for (const step of record.steps) steps.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
  const phase = record.status === 'completed' ? ({ phase: 'finished', verdict: record.verdict } as const) : ({ phase: 'aborted', reason: record.endReason ?? 'interrupted' } as const)
  return { recordId: record.id, jobType: 'upsTest', phase, steps: [...steps.values()] }
}
