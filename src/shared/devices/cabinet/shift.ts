/**
 * A shift at the factory bench: the time range a person means by "today's
 * shift" or "the night shift of the 3rd", and what the cabinets tested in it
 * came to. Pure: times are read in the zone the code runs in, which is the
 * bench PC's for the app, the browser mode and the command line alike.
 */
import type { CabinetShift, CabinetShiftSummary } from '../../contract/cabinet/cabinet'
import type { RecordDetail, RecordStep } from '../../contract/records'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/

/** The parts of a shift a person can get wrong, each with its own message. */
export type ShiftProblem = 'day' | 'start' | 'end'

/** `YYYY-MM-DD` of the local day at `ms`. */
export function localDay(ms: number): string {
  const date = new Date(ms)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/** Today's shift: the whole local day. */
export function todayShift(now: number): CabinetShift {
  return { day: localDay(now), start: '00:00', end: '24:00' }
}

function calendarDay(text: string): [number, number, number] | null {
  const m = DAY.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(y, mo - 1, d)
  return probe.getFullYear() === y && probe.getMonth() === mo - 1 && probe.getDate() === d ? [y, mo, d] : null
}

/** Minutes after midnight of `HH:MM`; `24:00` only where the end of a day is meant. */
function clockMinutes(text: string, endOfDay: boolean): number | null {
  if (endOfDay && text === '24:00') return 24 * 60
  const m = CLOCK.exec(text)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/**
 * The shift's range [from, to) in ms. An end at or before the start is on
 * the next day (a night shift from 22:00 to 06:00); the clock times are
 * wall-clock times, so a shift across a daylight-saving change keeps them.
 */
export function shiftRange(shift: CabinetShift): { from: number; to: number } | { problem: ShiftProblem } {
  const day = calendarDay(shift.day)
  if (!day) return { problem: 'day' }
  const start = clockMinutes(shift.start, false)
  if (start === null) return { problem: 'start' }
  const end = clockMinutes(shift.end, true)
  if (end === null) return { problem: 'end' }
  const [y, mo, d] = day
  const from = new Date(y, mo - 1, d, 0, start).getTime()
  const to = new Date(y, mo - 1, d + (end <= start ? 1 : 0), 0, end).getTime()
  return { from, to }
}

/** The latest finished attempt of each step: a retest's result stands for its step. */
export function latestAttempts(record: RecordDetail): Map<string, RecordStep> {
  const latest = new Map<string, RecordStep>()
  for (const step of record.steps) if (step.status === 'done') latest.set(step.key, step)
  return latest
}

/** Every step measures current on channels 1–9 under one of these names (`current3`, `relayOn3`, `relayOff3`). */
const CHANNEL_MEASUREMENT = /^(?:current|relayOn|relayOff)(\d)$/

/** The current channels that failed in the record's latest attempts. */
export function failedChannels(record: RecordDetail): number[] {
  const channels = new Set<number>()
  for (const step of latestAttempts(record).values()) {
    for (const m of step.measurements) {
      const match = CHANNEL_MEASUREMENT.exec(m.key)
      if (match && m.verdict === 'fail') channels.add(Number(match[1]))
    }
  }
  return [...channels].sort((a, b) => a - b)
}

/** What the cabinet tests of a shift came to; a channel counts once per cabinet, however many steps it failed. */
export function summarizeShift(records: readonly RecordDetail[]): CabinetShiftSummary {
  const summary: CabinetShiftSummary = { tested: 0, passed: 0, failed: 0, unfinished: 0, topChannel: null }
  const cabinetsByChannel = new Map<number, number>()
  for (const record of records) {
    if (record.status !== 'completed' || record.verdict === 'none') {
      summary.unfinished++
      continue
    }
    summary.tested++
    if (record.verdict === 'pass') summary.passed++
    else summary.failed++
    for (const channel of failedChannels(record)) cabinetsByChannel.set(channel, (cabinetsByChannel.get(channel) ?? 0) + 1)
  }
  for (const [channel, cabinets] of [...cabinetsByChannel].sort((a, b) => a[0] - b[0])) {
    if (!summary.topChannel || cabinets > summary.topChannel.cabinets) summary.topChannel = { channel, cabinets }
  }
  return summary
}
