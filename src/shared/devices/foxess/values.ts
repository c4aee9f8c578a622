/**
 * Inverter values as people read them: running state and current faults
 * decoded, powers and temperatures in the units the person chose, and what a refresh rate costs against the daily call budget. Pure.
 */
import { FoxLimits } from '../../contract/foxess/foxess'
import type { PowerUnit, TemperatureUnit } from '../../contract/settings'

/** The runningState codes the document lists (160 self-test … 170 illegal). */
export const RUNNING_STATES = [160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170] as const

/** Running states in which the inverter is working normally. */
export const RUNNING_OK = new Set([163, 164])

/** The locale key of a runningState value (`foxessStates:runningState.s163`), or null when the code is not in the table. */
export function runningStateCode(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value.trim()) : value
  return typeof n === 'number' && (RUNNING_STATES as readonly number[]).includes(n) ? n : null
}

/**
 * `currentFault` to fault codes. The document types it as a number but a device
 * with several faults sends a list: "1,4153", "1;4153", [1, 4153]. 0 and "" mean none.
 */
export function faultCodes(value: unknown): number[] {
  const parts: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;\s|]+/) : [value]
  const out: number[] = []
  for (const p of parts) {
    const n = typeof p === 'string' ? (p.trim() === '' ? NaN : Number(p.trim())) : typeof p === 'number' ? p : NaN
    if (Number.isInteger(n) && n > 0 && !out.includes(n)) out.push(n)
  }
  return out
}

export interface DisplayPrefs {
  powerUnit: PowerUnit
  temperatureUnit: TemperatureUnit
}

/** A value converted to the person's units: kW ↔ W, ℃ ↔ ℉; other units unchanged. */
export function convertValue(value: number, unit: string, prefs: DisplayPrefs): { value: number; unit: string } {
  if (unit === 'kW' && prefs.powerUnit === 'W') return { value: value * 1000, unit: 'W' }
  if (unit === 'kVar' && prefs.powerUnit === 'W') return { value: value * 1000, unit: 'Var' }
  if ((unit === '℃' || unit === '°C') && prefs.temperatureUnit === 'fahrenheit') return { value: (value * 9) / 5 + 32, unit: '℉' }
  return { value, unit }
}

/** Calls a live view makes per hour: one v1 batch call per 50 inverters per refresh. */
export function liveCallsPerHour(inverters: number, refreshSeconds: number, batched = true): number {
  if (inverters <= 0 || refreshSeconds <= 0) return 0
  const perRefresh = batched ? Math.ceil(inverters / FoxLimits.realTimeBatchMax) : inverters
  return (perRefresh * 3600) / refreshSeconds
}

/** The default daily budget of an open API account (the service reports the real one through getAccessCount). */
export const DEFAULT_DAILY_BUDGET = 1440
