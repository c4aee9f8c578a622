/**
 * Time on the Fox ESS cloud: its time strings, the plant's own time zone,
 * and history spans cut into the ≤ 24 h pieces the history endpoint accepts.
 * Pure (Intl only).
 */
import { FoxLimits, type FoxHistorySeries } from '../../contract/foxess/foxess'
import type { WallTime } from '../../i18n/time'
import { AnswerTextLimits } from '../untrusted'

const isDigit = (code: number) => code >= 0x30 && code <= 0x39
const isLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
/** the characters `String.prototype.trim` and a regex's `\s` take as white space */
const isSpace = (char: string) => char.trim() === ''

/**
 * A single pass over a time string: each step reads forward from `at` or
 * fails, and nothing is ever read twice (so no input can make it slow).
 */
class TimeCursor {
  at = 0
  constructor(readonly text: string) {}

  /** `min`…`max` ASCII digits (as many as there are), or null with `at` unchanged */
  digits(min: number, max: number): string | null {
    let end = this.at
    while (end - this.at < max && end < this.text.length && isDigit(this.text.charCodeAt(end))) end++
    if (end - this.at < min) return null
    const digits = this.text.slice(this.at, end)
    this.at = end
    return digits
  }

  take(chars: string): boolean {
    if (this.at >= this.text.length || !chars.includes(this.text[this.at]!)) return false
    this.at++
    return true
  }

  skipSpaces(): void {
    while (this.at < this.text.length && isSpace(this.text[this.at]!)) this.at++
  }

  skipLetters(max = Infinity): number {
    let count = 0
    while (count < max && this.at < this.text.length && isLetter(this.text.charCodeAt(this.at))) {
      this.at++
      count++
    }
    return count
  }

  /** what may end a time: spaces and a zone name (`CST`), nothing else */
  endsAt(from: number): boolean {
    const saved = this.at
    this.at = from
    this.skipSpaces()
    this.skipLetters()
    const ends = this.at === this.text.length
    this.at = saved
    return ends
  }
}

/** `[name]±HH[:]MM`, e.g. `GMT+0800`, `CET+0100`, `-04:00`: the offset in minutes east of UTC */
function readOffset(cursor: TimeCursor): number | null {
  // a zone name of more than five letters is not one the cloud sends
  if (cursor.skipLetters(5) === 5 && isLetter(cursor.text.charCodeAt(cursor.at))) return null
  cursor.skipSpaces()
  const sign = cursor.text[cursor.at]
  if (!cursor.take('+-')) return null
  const hours = cursor.digits(2, 2)
  if (hours === null) return null
  cursor.take(':')
  const minutes = cursor.digits(2, 2)
  if (minutes === null) return null
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))
}

/**
 * A cloud time to ms. The document says "utc time" without a format: plain
 * `YYYY-MM-DD HH:mm:ss` is read as UTC; an offset (`+08:00`, `GMT+0800`,
 * `CET+0100`, `Z`) is honoured, a zone name alone (`CST`) is not; numbers are
 * ms (or s when small). Anything longer than a time can be is refused before
 * it is looked at.
 */
export function parseFoxTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value
  if (typeof value !== 'string' || value.length > AnswerTextLimits.time) return null
  const text = value.trim()
  if (/^\d{10,13}$/.test(text)) return parseFoxTime(Number(text))
  const cursor = new TimeCursor(text)
  const year = cursor.digits(4, 4)
  if (year === null || !cursor.take('-')) return null
  const month = cursor.digits(1, 2)
  if (month === null || !cursor.take('-')) return null
  const day = cursor.digits(1, 2)
  if (day === null || !cursor.take(' T')) return null
  const hour = cursor.digits(1, 2)
  if (hour === null || !cursor.take(':')) return null
  const minute = cursor.digits(2, 2)
  if (minute === null) return null
  let second: string | null = null
  let fraction: string | null = null
  if (cursor.take(':')) {
    second = cursor.digits(2, 2)
    if (second === null) return null
    if (cursor.take('.')) {
      fraction = cursor.digits(1, Infinity)
      if (fraction === null) return null
    }
  }
  cursor.skipSpaces()
  const zoneAt = cursor.at
  let offsetMinutes = 0
  // tried in this order: `Z`, then a numeric offset, then neither (a bare zone name is only skipped)
  if (text[zoneAt] === 'Z' && cursor.endsAt(zoneAt + 1)) offsetMinutes = 0
  else {
    const offset = readOffset(cursor)
    if (offset !== null && cursor.endsAt(cursor.at)) offsetMinutes = offset
    else if (!cursor.endsAt(zoneAt)) return null
  }
  const ms =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0) -
    offsetMinutes * 60_000
  return Number.isFinite(ms) ? ms : null
}

/** `YYYY-MM-DD HH:mm:ss` in UTC (how the simulator writes times). */
export function formatFoxTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** A date and time of day as a clock on a wall shows it, in no zone. */
export type WallClock = WallTime

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when Intl knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** The wall clock in a time zone at an instant. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! }
}

/** Offset of a zone from UTC at an instant, minutes (Warsaw in summer: 120). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

/** The instant a wall-clock time happens in a zone (the earlier one in a DST overlap). */
export function instantOf(w: Omit<WallClock, 'second'> & { second?: number }, timeZone: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0)
  let guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000
  guess = naive - zoneOffsetMinutes(guess, timeZone) * 60_000
  return guess
}

/** A calendar day (`YYYY-MM-DD`) in a zone as [begin, end) ms — 23 or 25 hours on DST days. */
export function dayRange(ymd: string, timeZone: string): { begin: number; end: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!m) throw new RangeError(`not a day: ${ymd}`)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const next = new Date(Date.UTC(y, mo - 1, d + 1))
  return {
    begin: instantOf({ year: y, month: mo, day: d, hour: 0, minute: 0 }, timeZone),
    end: instantOf({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone),
  }
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function dayOf(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone)
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
}

/**
 * [begin, end] cut into pieces of at most 24 h (the history endpoint's limit):
 * consecutive pieces share their boundary, and merging removes the duplicate point.
 */
export function splitSpan(begin: number, end: number, maxSpan: number = FoxLimits.historySpanMs): [number, number][] {
  if (!(end > begin)) return []
  const out: [number, number][] = []
  for (let from = begin; from < end; from += maxSpan) out.push([from, Math.min(end, from + maxSpan)])
  return out
}

/** Series of several history answers merged per variable, in time order, each instant once, kept within [begin, end]. */
export function mergeSeries(parts: FoxHistorySeries[][], begin: number, end: number): FoxHistorySeries[] {
  const byVariable = new Map<string, FoxHistorySeries & { seen: Map<number, number> }>()
  for (const part of parts) {
    for (const s of part) {
      let merged = byVariable.get(s.variable)
      if (!merged) {
        merged = { variable: s.variable, unit: s.unit, name: s.name, data: [], seen: new Map() }
        byVariable.set(s.variable, merged)
      }
      for (const p of s.data) if (p.time >= begin && p.time <= end) merged.seen.set(p.time, p.value)
    }
  }
  return [...byVariable.values()].map(({ seen, ...s }) => ({
    ...s,
    data: [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value })),
  }))
}
