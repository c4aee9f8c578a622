/**
 * Checks every setting before it is sent, with the document's ranges and the
 * ranges the device itself reports, and says why in a code the renderer
 * localizes (`foxess:issues.<code>`). Pure: the wizard checks as the person
 * types, main checks again before anything leaves the app.
 */
import {
  type FoxDeviceTime,
  type FoxForceCharge,
  FoxLimits,
  type FoxSchedulerGroup,
  type FoxSetting,
  type FoxSettingsSnapshot,
  type FoxSettingsTarget,
  type FoxTimeOfDay,
  FoxWorkModes,
} from '../../contract/foxess/foxess'
import { analyzeSchedule, minuteLabel } from './scheduler'

export type IssueSeverity = 'error' | 'warning'

export interface SettingIssue {
  /** where: e.g. `minSoc`, `forceCharge.startTime1`, `scheduler.groups.2.fdSoc` */
  field: string
  code: IssueCode
  severity: IssueSeverity
  params: Record<string, string | number>
}

export const IssueCodes = [
  'notInteger',
  'notNumber',
  'outOfRange',
  'precision',
  'fdSocBelowMinSocOnGrid',
  'onGridBelowMinSoc',
  'maxSocNotAboveOnGrid',
  'zeroLength',
  'endBeforeStart',
  'periodsOverlap',
  'groupsOverlap',
  'tooManyGroups',
  'workMode',
  'pageSize',
  'page',
  'dateInvalid',
] as const
export type IssueCode = (typeof IssueCodes)[number]

const issue = (field: string, code: IssueCode, params: Record<string, string | number> = {}, severity: IssueSeverity = 'error'): SettingIssue => ({
  field,
  code,
  severity,
  params,
})

export const hasErrors = (issues: readonly SettingIssue[]) => issues.some((i) => i.severity === 'error')

/** An integer in [min, max]. */
export function checkInt(field: string, value: unknown, min: number, max: number): SettingIssue[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [issue(field, 'notNumber')]
  if (!Number.isInteger(value)) return [issue(field, 'notInteger')]
  if (value < min || value > max) return [issue(field, 'outOfRange', { min, max, value })]
  return []
}

/** A number in [min, max] that is a multiple of `precision` (1, 0.1, 0.01 in the document). */
export function checkNumber(field: string, value: unknown, min: number, max: number, precision?: number): SettingIssue[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [issue(field, 'notNumber')]
  if (value < min || value > max) return [issue(field, 'outOfRange', { min, max, value })]
  if (precision && precision > 0) {
    const steps = value / precision
    if (Math.abs(steps - Math.round(steps)) > 1e-6) return [issue(field, 'precision', { precision })]
  }
  return []
}

/** Battery SOC limits: the document's 10–100 for both. On-grid below the system minimum is allowed by the API but flagged. */
export function validateSoc(minSoc: number, minSocOnGrid: number): SettingIssue[] {
  const out = [...checkInt('minSoc', minSoc, FoxLimits.socMin, FoxLimits.socMax), ...checkInt('minSocOnGrid', minSocOnGrid, FoxLimits.socMin, FoxLimits.socMax)]
  if (!out.length && minSocOnGrid < minSoc) out.push(issue('minSocOnGrid', 'onGridBelowMinSoc', { minSoc }, 'warning'))
  return out
}

/** A value for a `setting/set` key, against the range and precision the device reported for it. */
export function validateSettingValue(field: string, value: number, setting: FoxSetting | null, fallback: { min: number; max: number }): SettingIssue[] {
  const range = setting?.range ?? fallback
  return checkNumber(field, value, range.min, range.max, setting?.precision)
}

function checkTime(field: string, t: FoxTimeOfDay): SettingIssue[] {
  return [...checkInt(`${field}.hour`, t.hour, 0, 23), ...checkInt(`${field}.minute`, t.minute, 0, 59)]
}

const minuteOf = (t: FoxTimeOfDay) => t.hour * 60 + t.minute

/** Force-charge windows: both are always sent (the API wants both); an enabled window must have a length. */
export function validateForceCharge(fc: FoxForceCharge): SettingIssue[] {
  const out: SettingIssue[] = []
  for (const n of [1, 2] as const) {
    const start = fc[`startTime${n}`]
    const end = fc[`endTime${n}`]
    const ranges = [...checkTime(`forceCharge.startTime${n}`, start), ...checkTime(`forceCharge.endTime${n}`, end)]
    out.push(...ranges)
    if (!ranges.length && fc[`enable${n}`] && minuteOf(start) === minuteOf(end)) out.push(issue(`forceCharge.endTime${n}`, 'zeroLength', { period: n }))
  }
  if (fc.enable1 && fc.enable2 && !out.length && windowsOverlap(fc.startTime1, fc.endTime1, fc.startTime2, fc.endTime2)) {
    out.push(issue('forceCharge.startTime2', 'periodsOverlap', {}, 'warning'))
  }
  return out
}

/** Windows may cross midnight (22:00–02:00): compare them minute by minute. */
function windowsOverlap(s1: FoxTimeOfDay, e1: FoxTimeOfDay, s2: FoxTimeOfDay, e2: FoxTimeOfDay): boolean {
  const minutes = (s: FoxTimeOfDay, e: FoxTimeOfDay) => {
    const set = new Set<number>()
    for (let m = minuteOf(s); m !== minuteOf(e); m = (m + 1) % 1440) set.add(m)
    return set
  }
  const a = minutes(s1, e1)
  for (const m of minutes(s2, e2)) if (a.has(m)) return true
  return false
}

/**
 * Scheduler groups with the document's ranges. Reading: fdSoc ≥ minSocOnGrid is
 * checked for enabled groups only — the document's own sample sends a disabled
 * group with minSocOnGrid 10 and fdSoc 0, and a real device accepts it.
 */
export function validateSchedulerGroups(groups: readonly FoxSchedulerGroup[]): SettingIssue[] {
  const out: SettingIssue[] = []
  if (groups.length > FoxLimits.schedulerGroupsMax) out.push(issue('scheduler.groups', 'tooManyGroups', { max: FoxLimits.schedulerGroupsMax }))
  groups.forEach((g, i) => {
    const f = `scheduler.groups.${i}`
    if (g.enable !== 0 && g.enable !== 1) out.push(issue(`${f}.enable`, 'outOfRange', { min: 0, max: 1, value: String(g.enable) }))
    out.push(
      ...checkInt(`${f}.startHour`, g.startHour, 0, 23),
      ...checkInt(`${f}.startMinute`, g.startMinute, 0, 59),
      ...checkInt(`${f}.endHour`, g.endHour, 0, 23),
      ...checkInt(`${f}.endMinute`, g.endMinute, 0, 59),
      ...checkInt(`${f}.minSocOnGrid`, g.minSocOnGrid, FoxLimits.socMin, FoxLimits.socMax),
      ...checkInt(`${f}.fdSoc`, g.fdSoc, 0, 100),
      ...checkNumber(`${f}.fdPwr`, g.fdPwr, 0, FoxLimits.fdPwrMax),
    )
    if (!(FoxWorkModes as readonly string[]).includes(g.workMode)) out.push(issue(`${f}.workMode`, 'workMode', { value: String(g.workMode) }))
    const start = g.startHour * 60 + g.startMinute
    const end = g.endHour * 60 + g.endMinute
    if (Number.isFinite(start) && Number.isFinite(end) && end < start) out.push(issue(`${f}.endHour`, 'endBeforeStart', { group: i + 1 }))
    if (g.enable === 1 && Number.isInteger(g.fdSoc) && Number.isInteger(g.minSocOnGrid) && g.fdSoc < g.minSocOnGrid) {
      out.push(issue(`${f}.fdSoc`, 'fdSocBelowMinSocOnGrid', { group: i + 1, minSocOnGrid: g.minSocOnGrid }))
    }
  })
  if (!hasErrors(out)) {
    for (const overlap of analyzeSchedule(groups).overlaps) {
      out.push(
        issue('scheduler.groups', 'groupsOverlap', {
          groups: overlap.groups.map((g) => g + 1).join(', '),
          from: minuteLabel(overlap.from),
          to: minuteLabel(overlap.to),
        }),
      )
    }
  }
  return out
}

/** Everything the commissioning wizard would write, checked against the document and the device's own ranges. */
export function validateSettingsTarget(target: FoxSettingsTarget, current: FoxSettingsSnapshot | null): SettingIssue[] {
  const out: SettingIssue[] = []
  const minSoc = target.minSoc ?? current?.soc?.minSoc ?? null
  const onGrid = target.minSocOnGrid ?? current?.soc?.minSocOnGrid ?? null
  if (target.minSoc !== null || target.minSocOnGrid !== null) {
    if (minSoc === null || onGrid === null) out.push(...checkInt(target.minSoc === null ? 'minSoc' : 'minSocOnGrid', NaN, FoxLimits.socMin, FoxLimits.socMax))
    else out.push(...validateSoc(minSoc, onGrid))
  }
  if (target.maxSoc !== null) {
    out.push(...validateSettingValue('maxSoc', target.maxSoc, current?.maxSoc ?? null, { min: FoxLimits.socMin, max: FoxLimits.socMax }))
    if (onGrid !== null && target.maxSoc <= onGrid) out.push(issue('maxSoc', 'maxSocNotAboveOnGrid', { minSocOnGrid: onGrid }, 'warning'))
  }
  if (target.exportLimit !== null) {
    out.push(...validateSettingValue('exportLimit', target.exportLimit, current?.exportLimit ?? null, { min: 0, max: Number.MAX_SAFE_INTEGER }))
  }
  if (target.forceCharge) out.push(...validateForceCharge(target.forceCharge))
  if (target.scheduler) out.push(...validateSchedulerGroups(target.scheduler.groups))
  return out
}

/** Paging as the document allows it: page ≥ 1, page size ≥ 10 (≤ 1000 for the module list). */
export function validatePage(currentPage: number, pageSize: number, maxPageSize = Number.MAX_SAFE_INTEGER): SettingIssue[] {
  const out: SettingIssue[] = []
  if (!Number.isInteger(currentPage) || currentPage < 1) out.push(issue('currentPage', 'page'))
  if (!Number.isInteger(pageSize) || pageSize < FoxLimits.pageSizeMin || pageSize > maxPageSize) {
    out.push(issue('pageSize', 'pageSize', { min: FoxLimits.pageSizeMin, max: maxPageSize === Number.MAX_SAFE_INTEGER ? '∞' : maxPageSize }))
  }
  return out
}

/** A calendar date and time of day that exists. */
export function validateDeviceTime(t: FoxDeviceTime): SettingIssue[] {
  const year = t.year < 100 ? 2000 + t.year : t.year
  const out = [
    ...checkInt('month', t.month, 1, 12),
    ...checkInt('hour', t.hour, 0, 23),
    ...checkInt('minute', t.minute, 0, 59),
    ...checkInt('second', t.second, 0, 59),
    ...checkInt('year', year, 2000, 2099),
  ]
  if (!out.length) {
    const days = new Date(Date.UTC(year, t.month, 0)).getUTCDate()
    out.push(...checkInt('day', t.day, 1, days))
  }
  return out
}

/** The report query the document allows: year ≥ 2020, a month with month/day dimensions, a real day. */
export function validateReportQuery(q: { dimension: string; year: number; month?: number; day?: number }): SettingIssue[] {
  const out = [...checkInt('year', q.year, FoxLimits.reportYearMin, 9999)]
  if (q.dimension === 'month' || q.dimension === 'day') out.push(...checkInt('month', q.month, 1, 12))
  if (q.dimension === 'day' && !out.length) {
    const days = new Date(Date.UTC(q.year, q.month!, 0)).getUTCDate()
    out.push(...checkInt('day', q.day, 1, days))
  }
  return out
}
