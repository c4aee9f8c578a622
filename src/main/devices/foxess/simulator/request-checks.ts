/** Checks of request fields shared by the simulated endpoints, as the service makes them (a failure answers errno 40257). */
import { type FoxForceCharge, FoxLimits, type FoxSchedulerGroup, FoxSettingKeys, FoxWorkModes } from '@shared/contract'
import { hasErrors, validateForceCharge, validateSchedulerGroups } from '@shared/devices/foxess/validation'
import faultsEn from '@locales/en/foxessFaults.json'
import faultsPl from '@locales/pl/foxessFaults.json'
import faultsZh from '@locales/zh/foxessFaults.json'
import { ERRNO } from '../errno'
import { TABLES } from './readings'
import { fail } from './sim-errno'

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
export const isSoc = (v: unknown) => isInt(v) && v >= FoxLimits.socMin && v <= FoxLimits.socMax
export const pad = (n: number) => String(n).padStart(2, '0')
export const round2 = (v: number) => Math.round(v * 100) / 100
export const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

export function variableList(v: unknown): string[] | null {
  if (v === undefined || v === null) return null
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(ERRNO.body, 'variables')
  return (v as string[]).length ? (v as string[]) : null
}

export function settingKey(v: unknown): (typeof FoxSettingKeys)[number] {
  if (!(FoxSettingKeys as readonly unknown[]).includes(v)) fail(ERRNO.body, 'key')
  return v as (typeof FoxSettingKeys)[number]
}

export function forceChargeOf(body: Record<string, unknown>): FoxForceCharge {
  const time = (v: unknown) => {
    const t = v as { hour?: unknown; minute?: unknown } | undefined
    if (!t || !isInt(t.hour) || !isInt(t.minute)) fail(ERRNO.body, 'time')
    return { hour: t!.hour as number, minute: t!.minute as number }
  }
  if (typeof body.enable1 !== 'boolean' || typeof body.enable2 !== 'boolean') fail(ERRNO.body, 'enable1/enable2')
  const fc: FoxForceCharge = {
    enable1: body.enable1 as boolean,
    enable2: body.enable2 as boolean,
    startTime1: time(body.startTime1),
    endTime1: time(body.endTime1),
    startTime2: time(body.startTime2),
    endTime2: time(body.endTime2),
  }
  if (hasErrors(validateForceCharge(fc))) fail(ERRNO.body, 'force charge time')
  return fc
}

export function groupsOf(v: unknown): FoxSchedulerGroup[] {
  if (!Array.isArray(v)) fail(ERRNO.body, 'groups')
  const groups = (v as Record<string, unknown>[]).map((g) => {
    if (!g || typeof g !== 'object') fail(ERRNO.body, 'group')
    if (!(FoxWorkModes as readonly unknown[]).includes(g.workMode)) fail(ERRNO.body, 'workMode')
    for (const k of ['enable', 'startHour', 'startMinute', 'endHour', 'endMinute', 'minSocOnGrid', 'fdSoc']) if (!isInt(g[k])) fail(ERRNO.body, k)
    if (typeof g.fdPwr !== 'number') fail(ERRNO.body, 'fdPwr')
    return g as unknown as FoxSchedulerGroup
  })
  if (hasErrors(validateSchedulerGroups(groups))) fail(ERRNO.body, 'groups')
  return structuredClone(groups)
}

/** The table as the cloud serves it: the vendor's own text, never the names we put in its place. */
export function faultTable() {
  const en = FAULT_NAMES.en
  const zh = FAULT_NAMES.zh
  const pl = FAULT_NAMES.pl
  return TABLES.faults.map((f) => {
    const key = `f${f.code}`
    const placeholder = f.seedPlaceholder ?? `TBD${f.code}`
    const vendorEn = f.vendorEn ?? en[key] ?? placeholder
    return {
      [String(f.code)]: f.placeholder
        ? { en: placeholder, zh_CN: `未知${f.code}`, pl: placeholder }
        : { en: vendorEn, zh_CN: f.vendorZh ?? zh[key] ?? vendorEn, pl: f.plSource === 'vendor' ? (pl[key] ?? vendorEn) : (f.vendorPl ?? vendorEn) },
    }
  })
}

const FAULT_NAMES = {
  en: faultsEn as Record<string, string>,
  zh: faultsZh as Record<string, string>,
  pl: faultsPl as Record<string, string>,
}

export function page(body: Record<string, unknown>, max = Number.MAX_SAFE_INTEGER): { currentPage: number; pageSize: number } {
  const currentPage = body.currentPage
  const pageSize = body.pageSize
  if (!isInt(currentPage) || currentPage < 1 || !isInt(pageSize) || pageSize < FoxLimits.pageSizeMin || pageSize > max) fail(ERRNO.body, 'currentPage/pageSize')
  return { currentPage: currentPage as number, pageSize: pageSize as number }
}
export const paged = <T>(items: T[], p: { currentPage: number; pageSize: number }) => ({
  currentPage: p.currentPage,
  pageSize: p.pageSize,
  total: items.length,
  data: items.slice((p.currentPage - 1) * p.pageSize, p.currentPage * p.pageSize),
})
