/**
 * The one CSV writer: RFC 4180 quoting, CRLF line ends, and times as ISO 8601
 * with the UTC offset of the zone they were read in, so a file opened in
 * another country still says when things happened.
 */
import type { SeriesStore } from './store'

/** One CSV field, quoted when needed (RFC 4180). */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * CSV text with CRLF line ends; with `bom` (the default) a UTF-8 byte order
 * mark first, so spreadsheet programs read Chinese and Polish names right.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = true }: { bom?: boolean } = {}): string {
  return `${bom ? '\uFEFF' : ''}${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** Minutes the zone is ahead of UTC at an instant (the system zone when none is named). */
function offsetMinutes(ms: number, timeZone: string | undefined): number {
  if (!timeZone) return -new Date(ms).getTimezoneOffset()
  let f = offsetFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetFormatters.set(timeZone, f)
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0
}

/** `2026-11-21T11:00:00.000+01:00`: the wall clock of `timeZone` (or the system's) with its offset. */
export function isoWithOffset(ms: number, timeZone?: string): string {
  const offset = offsetMinutes(ms, timeZone)
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 23)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

export interface SeriesColumn {
  key: string
  /** the header, in the person's language, unit included */
  label: string
}

/**
 * The stored series over [from, to] as CSV, one row per distinct time, at the
 * finest resolution the store still holds for that time. Where a row is a
 * bucket (older than the raw ring), the min and max columns say what the mean
 * hides; for a raw sample they equal the value.
 */
export function seriesCsv(
  store: SeriesStore,
  columns: readonly SeriesColumn[],
  { from, to, timeZone, timeLabel, minLabel, maxLabel, bom }: { from: number; to: number; timeZone?: string; timeLabel: string; minLabel: string; maxLabel: string; bom?: boolean },
): string {
  const byTime = new Map<number, (number | string)[]>()
  columns.forEach((column, i) => {
    for (const entry of store.entries(column.key, from, to)) {
      let row = byTime.get(entry.t)
      if (!row) byTime.set(entry.t, (row = new Array<number | string>(columns.length * 3).fill('')))
      row[i * 3] = entry.value
      row[i * 3 + 1] = entry.lo
      row[i * 3 + 2] = entry.hi
    }
  })
  const header = [timeLabel, ...columns.flatMap((c) => [c.label, `${c.label} ${minLabel}`, `${c.label} ${maxLabel}`])]
  const rows = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, values]) => [isoWithOffset(t, timeZone), ...values])
  return toCsv(header, rows, { bom })
}
