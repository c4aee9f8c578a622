/**
 * From what the inverter has to what the installer wants: the diff, and the
 * order the writes go in. Pure: the wizard shows the diff as the person
 * edits, main writes it.
 */
import type {
  FoxForceCharge,
  FoxScheduler,
  FoxSchedulerGroup,
  FoxSettingsSnapshot,
  FoxSettingsTarget,
  SettingChange,
  SettingItem,
} from '../../contract/foxess/foxess'
import type { JsonValue } from '../../contract/records'

export function sameForceCharge(a: FoxForceCharge | null, b: FoxForceCharge | null): boolean {
  if (!a || !b) return a === b
  const t = (x: { hour: number; minute: number }) => x.hour * 60 + x.minute
  return (
    a.enable1 === b.enable1 &&
    a.enable2 === b.enable2 &&
    t(a.startTime1) === t(b.startTime1) &&
    t(a.endTime1) === t(b.endTime1) &&
    t(a.startTime2) === t(b.startTime2) &&
    t(a.endTime2) === t(b.endTime2)
  )
}

const groupKey = (g: FoxSchedulerGroup) => [g.enable, g.startHour, g.startMinute, g.endHour, g.endMinute, g.workMode, g.minSocOnGrid, g.fdSoc, g.fdPwr].join('|')

export function sameGroups(a: readonly FoxSchedulerGroup[], b: readonly FoxSchedulerGroup[]): boolean {
  return a.length === b.length && a.every((g, i) => groupKey(g) === groupKey(b[i]!))
}

const num = (v: string | undefined | null) => (v === undefined || v === null || v.trim() === '' ? null : Number(v))

/** The form's starting values: what the device has now (null where it could not be read). */
export function targetFromSnapshot(s: FoxSettingsSnapshot): FoxSettingsTarget {
  return {
    minSoc: s.soc?.minSoc ?? null,
    minSocOnGrid: s.soc?.minSocOnGrid ?? null,
    maxSoc: num(s.maxSoc?.value),
    exportLimit: num(s.exportLimit?.value),
    forceCharge: s.forceCharge ? structuredClone(s.forceCharge) : null,
    scheduler: s.scheduler ? { enabled: s.schedulerFlag?.enabled ?? s.scheduler.enabled, groups: structuredClone(s.scheduler.groups) } : null,
  }
}

/** Every item whose target differs from the device's current value. */
export function planChanges(current: FoxSettingsSnapshot, target: FoxSettingsTarget): SettingChange[] {
  const out: SettingChange[] = []
  const push = (item: SettingItem, before: JsonValue, after: JsonValue) => out.push({ item, before, after })
  if (target.minSoc !== null && target.minSoc !== current.soc?.minSoc) push('minSoc', current.soc?.minSoc ?? null, target.minSoc)
  if (target.minSocOnGrid !== null && target.minSocOnGrid !== current.soc?.minSocOnGrid) push('minSocOnGrid', current.soc?.minSocOnGrid ?? null, target.minSocOnGrid)
  if (target.maxSoc !== null && target.maxSoc !== num(current.maxSoc?.value)) push('maxSoc', num(current.maxSoc?.value), target.maxSoc)
  if (target.exportLimit !== null && target.exportLimit !== num(current.exportLimit?.value)) push('exportLimit', num(current.exportLimit?.value), target.exportLimit)
  if (target.forceCharge && !sameForceCharge(current.forceCharge, target.forceCharge)) {
    push('forceCharge', (current.forceCharge ?? null) as unknown as JsonValue, target.forceCharge as unknown as JsonValue)
  }
  const scheduler: FoxScheduler | null = target.scheduler
  if (scheduler) {
    if (!current.scheduler || !sameGroups(current.scheduler.groups, scheduler.groups)) {
      push('schedulerGroups', (current.scheduler?.groups ?? null) as unknown as JsonValue, scheduler.groups as unknown as JsonValue)
    }
    const enabledNow = current.schedulerFlag?.enabled ?? current.scheduler?.enabled ?? null
    if (scheduler.enabled !== enabledNow) push('schedulerFlag', enabledNow, scheduler.enabled)
  }
  return out
}

/**
 * The writes in order, each a set of items one call carries (min SOC and
 * on-grid min SOC go together in battery/soc/set). An inverter with its
 * work-mode schedule on refuses SOC and charge-time changes (errno 44096), so
 * switching the schedule off goes first and switching it on goes last.
 */
export function writeOrder(changes: readonly SettingChange[]): SettingItem[][] {
  const items = new Set(changes.map((c) => c.item))
  const flag = changes.find((c) => c.item === 'schedulerFlag')
  const out: SettingItem[][] = []
  if (flag && flag.after === false) out.push(['schedulerFlag'])
  const soc = (['minSoc', 'minSocOnGrid'] as const).filter((i) => items.has(i))
  if (soc.length) out.push([...soc])
  for (const item of ['maxSoc', 'exportLimit', 'forceCharge', 'schedulerGroups'] as const) if (items.has(item)) out.push([item])
  if (flag && flag.after === true) out.push(['schedulerFlag'])
  return out
}
