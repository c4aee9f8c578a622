/**
 * What the commissioning wizard writes into its record: site and device clocks
 * compared as wall clocks of the plant's zone, settings described for people,
 * and the live data check's verdict.
 */
import type { CommissioningView, FoxDeviceTime, JsonValue, LiveCheck, Measurement, SettingItem, SettingWriteResult, StepVerdict } from '@shared/contract'
import { wallClock } from '@shared/devices/foxess/time'
import { RUNNING_OK } from '@shared/devices/foxess/values'
import type { StepOutcome } from '../../flows/recorded-job'

/** the cloud's data counts as live when younger than this */
const DATA_FRESH_S = 15 * 60

/**
 * The live data step's verdict from its last sample and the person's
 * judgement. When the person says something is wrong, what they wrote is the
 * step's note: the checks the app made stay in the measurements.
 */
export function liveOutcome(live: LiveCheck, plausible: boolean, lastError: string | null, personNote: string | null = null): StepOutcome {
  const last = live.samples[live.samples.length - 1]
  const m: Measurement[] = [{ key: 'samples', value: live.samples.length }]
  if (!last) return { verdict: 'fail', note: lastError ?? 'noData', measurements: m }
  const stateOk = live.runningState !== null && RUNNING_OK.has(live.runningState)
  const fresh = live.dataAgeSeconds !== null && live.dataAgeSeconds <= DATA_FRESH_S
  m.push(
    { key: 'runningState', value: String(last.values.runningState ?? '—'), verdict: stateOk ? 'pass' : 'fail' },
    { key: 'faultCount', value: live.faults.length, max: 0, verdict: live.faults.length ? 'fail' : 'pass' },
    ...live.faults.map((f, i) => ({ key: `fault${i + 1}`, value: f.code, verdict: 'fail' as const })),
    { key: 'dataAge', value: live.dataAgeSeconds ?? -1, unit: 's', max: DATA_FRESH_S, verdict: fresh ? ('pass' as const) : ('fail' as const) },
  )
  // measurement keys are the variables' own, except SoC (locale keys are camelCase)
  for (const variable of ['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'SoC', 'batChargePower', 'batDischargePower'] as const) {
    const v = last.values[variable]
    if (typeof v === 'number') m.push({ key: variable === 'SoC' ? 'batterySoc' : variable, value: v, unit: last.units[variable] || undefined })
  }
  m.push({ key: 'plausible', value: plausible, verdict: plausible ? 'pass' : 'fail' })
  const typed = !plausible && personNote?.trim() ? personNote.trim() : null
  const note = typed ?? (live.faults.length ? 'faultsPresent' : !stateOk ? 'notRunning' : !fresh ? 'dataStale' : !plausible ? 'notPlausible' : null)
  return { verdict: note ? 'fail' : 'pass', note, measurements: m }
}

/** The report step: how many steps passed and failed. */
export function reportOutcome(verdicts: (StepVerdict | null | undefined)[]): StepOutcome {
  return {
    verdict: 'info',
    note: 'reportReady',
    measurements: [
      { key: 'stepsPassed', value: verdicts.filter((v) => v === 'pass').length },
      { key: 'stepsFailed', value: verdicts.filter((v) => v === 'fail').length, max: 0, verdict: verdicts.includes('fail') ? 'fail' : 'pass' },
    ],
  }
}

export function siteClock(ms: number, tz: string, twoDigitYear: boolean): FoxDeviceTime {
  const w = wallClock(ms, tz)
  return { ...w, twoDigitYear }
}

const asNaive = (t: FoxDeviceTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)

/** device − site, both as wall clocks of the plant's zone */
export function driftSeconds(device: FoxDeviceTime, site: FoxDeviceTime): number {
  return Math.round((asNaive(device) - asNaive(site)) / 1000)
}

const pad = (n: number) => String(n).padStart(2, '0')

function describe(value: JsonValue): string | number | boolean {
  if (value === null) return '—'
  if (typeof value !== 'object') return value
  if (Array.isArray(value)) {
    return value
      .map((g) => {
        const x = g as Record<string, number | string>
        return x.enable ? `${pad(Number(x.startHour))}:${pad(Number(x.startMinute))}–${pad(Number(x.endHour))}:${pad(Number(x.endMinute))} ${x.workMode}` : null
      })
      .filter(Boolean)
      .join(', ') || '—'
  }
  const fc = value as Record<string, JsonValue>
  if ('enable1' in fc) {
    const period = (n: 1 | 2) => {
      const s = fc[`startTime${n}`] as { hour: number; minute: number }
      const e = fc[`endTime${n}`] as { hour: number; minute: number }
      return fc[`enable${n}`] ? `${pad(s.hour)}:${pad(s.minute)}–${pad(e.hour)}:${pad(e.minute)}` : '—'
    }
    return `${period(1)} · ${period(2)}`
  }
  return JSON.stringify(value)
}

export function snapshotMeasurements(s: CommissioningView['settings']['current']): Measurement[] {
  if (!s) return []
  const m: Measurement[] = []
  if (s.soc) m.push({ key: 'minSoc', value: s.soc.minSoc, unit: '%' }, { key: 'minSocOnGrid', value: s.soc.minSocOnGrid, unit: '%' })
  if (s.maxSoc) m.push({ key: 'maxSoc', value: Number(s.maxSoc.value), unit: s.maxSoc.unit || '%' })
  if (s.exportLimit) m.push({ key: 'exportLimit', value: Number(s.exportLimit.value), unit: s.exportLimit.unit || undefined })
  if (s.gridCode) m.push({ key: 'gridCode', value: s.gridCode.value })
  if (s.forceCharge) m.push({ key: 'forceCharge', value: describe(s.forceCharge as unknown as JsonValue) })
  if (s.schedulerFlag) m.push({ key: 'schedulerFlag', value: s.schedulerFlag.enabled })
  return m
}

/**
 * The setting one item of a read-back stands for: min SOC and on-grid min SOC
 * are read back together, as one object.
 */
function itemValue(item: SettingItem, readBack: JsonValue): JsonValue {
  if ((item === 'minSoc' || item === 'minSocOnGrid') && readBack && typeof readBack === 'object' && !Array.isArray(readBack)) return readBack[item] ?? null
  if ((item === 'maxSoc' || item === 'exportLimit') && typeof readBack === 'string' && readBack.trim() !== '' && Number.isFinite(Number(readBack))) return Number(readBack)
  return readBack
}

const SOC_ITEMS: ReadonlySet<SettingItem> = new Set(['minSoc', 'minSocOnGrid', 'maxSoc'])

/**
 * Each written setting as before → after: the value read before the write and
 * the value read back after it (a dash when no read-back came), with what was
 * asked for when the device holds something else.
 */
export function resultMeasurements(changes: CommissioningView['settings']['changes'], results: SettingWriteResult[]): Measurement[] {
  return changes.map((c) => {
    const r = results.find((x) => x.item === c.item)
    const before = describe(c.before)
    const after = r && r.readBack !== null ? describe(itemValue(c.item, r.readBack)) : '—'
    const asked = describe(c.after)
    return {
      key: c.item,
      before,
      value: after,
      ...(after === asked ? {} : { target: asked }),
      ...(SOC_ITEMS.has(c.item) ? { unit: '%' } : {}),
      verdict: r?.status === 'verified' ? 'pass' : 'fail',
    }
  })
}
