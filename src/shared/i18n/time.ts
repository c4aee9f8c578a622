/**
 * Dates and times as the UI language writes them, whatever the browser or the
 * computer is set to: 24-hour in Chinese and Polish, 12-hour in English. The
 * renderer (records, jobs, schedule inputs) and the report renderer both
 * format through here, so a record reads the same on screen and on paper.
 */
import type { Language } from '../contract/settings'

/** The clock each UI language reads. */
export const HOUR_CYCLES: Record<Language, 'h12' | 'h23'> = { en: 'h12', zh: 'h23', pl: 'h23' }

/** The Intl locale of a UI language (`zh` alone would leave the script to the runtime). */
export const intlLocale = (language: Language): string => (language === 'zh' ? 'zh-CN' : language)

/** Any tag the app may hold (`i18n.language`) as one of its languages; an unknown one reads as English. */
export const asLanguage = (tag: string): Language => (tag === 'zh' || tag.startsWith('zh-') ? 'zh' : tag === 'pl' || tag.startsWith('pl-') ? 'pl' : 'en')

export interface TimeOptions {
  /** an IANA zone; the runtime's own when absent */
  timeZone?: string
  /** seconds are shown unless false */
  seconds?: boolean
  /** milliseconds too (traffic rows) */
  milliseconds?: boolean
}

const formats = new Map<string, Intl.DateTimeFormat>()

/** One formatter per shape: building one costs more than formatting a table's worth of rows. */
function format(language: Language, shape: 'dateTime' | 'time' | 'date', options: TimeOptions): Intl.DateTimeFormat {
  const key = [language, shape, options.timeZone ?? '', options.seconds !== false, options.milliseconds === true].join('|')
  let f = formats.get(key)
  if (!f) {
    const withDate = shape !== 'time'
    const withTime = shape !== 'date'
    f = new Intl.DateTimeFormat(intlLocale(language), {
      timeZone: options.timeZone,
      ...(withDate ? { year: 'numeric', month: 'short', day: 'numeric' } : {}),
      ...(withTime
        ? {
            hour: HOUR_CYCLES[language] === 'h23' ? '2-digit' : 'numeric',
            minute: '2-digit',
            ...(options.seconds === false ? {} : { second: '2-digit' }),
            ...(options.milliseconds ? { fractionalSecondDigits: 3 } : {}),
            hourCycle: HOUR_CYCLES[language],
          }
        : {}),
    })
    formats.set(key, f)
  }
  return f
}

/** A moment as date and time: "15 cze 2026, 10:00:00", "2026年6月15日 16:00:00", "Jun 15, 2026, 4:00:00 PM". */
export function formatDateTime(ms: number, language: Language, options: TimeOptions = {}): string {
  return format(language, 'dateTime', options).format(ms)
}

/** A moment's time of day only. */
export function formatTime(ms: number, language: Language, options: TimeOptions = {}): string {
  return format(language, 'time', options).format(ms)
}

/** A moment's date only. */
export function formatDate(ms: number, language: Language, options: TimeOptions = {}): string {
  return format(language, 'date', options).format(ms)
}

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** A wall clock that belongs to no zone (a device's own clock), written as the language writes a time. */
export function formatWallTime(wall: WallTime, language: Language): string {
  return formatDateTime(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second), language, { timeZone: 'UTC' })
}

/** A time of day with no date (a schedule's start or end): "14:30", or "2:30 PM" in English. */
export function formatClock(hour: number, minute: number, language: Language): string {
  return formatTime(Date.UTC(2000, 0, 1, hour, minute), language, { timeZone: 'UTC', seconds: false })
}

/** The way a time of day is typed in a language, as a hint next to the field. */
export const CLOCK_PATTERNS: Record<Language, string> = { en: 'h:mm AM/PM', zh: 'HH:mm', pl: 'GG:mm' }

/**
 * A time of day as a person typed it: "14:30" and "7:05" in every language;
 * in English also "2:30 PM", "2:30pm", "12 am". Null when it is no time of
 * day. A 24-hour time is accepted in English too: it cannot be misread.
 */
export function parseClock(text: string, language: Language): { hour: number; minute: number } | null {
  const match = /^\s*(\d{1,2})(?:\s*[:.：]\s*(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*$/i.exec(text)
  if (!match) return null
  let hour = Number(match[1])
  const minute = match[2] === undefined ? 0 : Number(match[2])
  const half = match[3]?.toLowerCase()
  if (minute > 59) return null
  if (half) {
    if (language !== 'en' || hour < 1 || hour > 12) return null
    hour = (hour % 12) + (half === 'p' ? 12 : 0)
  } else if (match[2] === undefined || hour > 23) return null
  return { hour, minute }
}

/** The way a date is typed in a language, as a hint in the field. */
export const DAY_PATTERNS: Record<Language, string> = { en: 'MM/DD/YYYY', zh: 'YYYY-MM-DD', pl: 'DD.MM.RRRR' }

const pad2 = (n: number) => String(n).padStart(2, '0')

/** A calendar day (`YYYY-MM-DD`, as filters keep it) written the language's way: 06/15/2026, 2026-06-15, 15.06.2026. */
export function formatDay(day: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  const [, y, m, d] = match
  return language === 'en' ? `${m}/${d}/${y}` : language === 'pl' ? `${d}.${m}.${y}` : day
}

/**
 * A calendar day as a person typed it, as `YYYY-MM-DD`: the language's own
 * order, or ISO 8601 in any language. Null when it is no day of the calendar.
 */
export function parseDay(text: string, language: Language): string | null {
  const trimmed = text.trim()
  let parts: [number, number, number] | null = null
  const iso = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(trimmed)
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (local && language === 'en') parts = [Number(local[3]), Number(local[1]), Number(local[2])]
  else if (local && language === 'pl') parts = [Number(local[3]), Number(local[2]), Number(local[1])]
  if (!parts) return null
  const [year, month, day] = parts
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${year}-${pad2(month)}-${pad2(day)}`
}
