/**
 * The work-mode schedule on a 24-hour strip: which enabled group covers each
 * minute, where groups overlap and where nothing is scheduled. Pure.
 *
 * Reading: a group runs from its start minute to its end minute inclusive
 * (the document's own groups end at 23:59 to reach midnight, and its sample
 * groups follow each other as 0:00–1:59, 2:00–…), and never crosses midnight.
 */
import type { FoxSchedulerGroup, FoxWorkMode } from '../../contract/foxess/foxess'

export const MINUTES_PER_DAY = 1440

export const groupStart = (g: Pick<FoxSchedulerGroup, 'startHour' | 'startMinute'>) => g.startHour * 60 + g.startMinute
export const groupEnd = (g: Pick<FoxSchedulerGroup, 'endHour' | 'endMinute'>) => g.endHour * 60 + g.endMinute

export interface StripSegment {
  /** first minute of the day, inclusive */
  from: number
  /** last minute, inclusive */
  to: number
  /** indexes (0-based) of the enabled groups covering these minutes */
  groups: number[]
  /** the work mode when exactly one group covers it */
  mode: FoxWorkMode | null
  kind: 'scheduled' | 'overlap' | 'gap'
}

export interface ScheduleAnalysis {
  segments: StripSegment[]
  overlaps: StripSegment[]
  gaps: StripSegment[]
  /** minutes covered by at least one enabled group */
  coveredMinutes: number
}

/** Splits the day into runs of minutes covered by the same set of enabled groups. */
export function analyzeSchedule(groups: readonly FoxSchedulerGroup[]): ScheduleAnalysis {
  const cover: number[][] = Array.from({ length: MINUTES_PER_DAY }, () => [])
  groups.forEach((g, index) => {
    if (g.enable !== 1) return
    const from = groupStart(g)
    const to = groupEnd(g)
    if (!(from >= 0 && to < MINUTES_PER_DAY && from <= to)) return
    for (let m = from; m <= to; m++) cover[m]!.push(index)
  })
  const segments: StripSegment[] = []
  let covered = 0
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const here = cover[m]!
    if (here.length) covered++
    const last = segments[segments.length - 1]
    if (last && sameSet(last.groups, here)) {
      last.to = m
      continue
    }
    const kind = here.length === 0 ? 'gap' : here.length === 1 ? 'scheduled' : 'overlap'
    segments.push({ from: m, to: m, groups: [...here], mode: here.length === 1 ? groups[here[0]!]!.workMode : null, kind })
  }
  return {
    segments,
    overlaps: segments.filter((s) => s.kind === 'overlap'),
    gaps: segments.filter((s) => s.kind === 'gap'),
    coveredMinutes: covered,
  }
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** `HH:MM` of a minute of the day. */
export function minuteLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

/** The enabled group in force at a minute of the day (the first one when they overlap), or null. */
export function groupAt(groups: readonly FoxSchedulerGroup[], minute: number): FoxSchedulerGroup | null {
  for (const g of groups) if (g.enable === 1 && groupStart(g) <= minute && minute <= groupEnd(g)) return g
  return null
}
