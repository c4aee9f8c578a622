/**
 * What a simulated inverter reports for each variable of the vendor's table,
 * at an instant: computed from the energy model, with the table's units.
 */
import type { FoxessTablesMeta, VariableMeta } from '@shared/devices/foxess/tables'
import tablesJson from '@locales/foxess-tables.json'
import namesEn from '@locales/en/foxessVariables.json'
import namesPl from '@locales/pl/foxessVariables.json'
import namesZh from '@locales/zh/foxessVariables.json'
import type { SimDeviceSpec } from './fleet'
import { type EnergyModel, STEP_MS } from './physics'

export const TABLES = tablesJson as unknown as FoxessTablesMeta
export const VARIABLE_NAMES = { en: namesEn as Record<string, string>, zh: namesZh as Record<string, string>, pl: namesPl as Record<string, string> }
export const VARIABLES: Map<string, VariableMeta> = new Map(TABLES.variables.map((v) => [v.key, v]))

/** Variables this inverter has: by type (grid-tied or storage), PV string count and phases. */
export function variablesOf(spec: SimDeviceSpec): string[] {
  return TABLES.variables
    .filter((v) => (spec.hasBattery ? v.storage : v.gridTied))
    .filter((v) => {
      const pv = /^pv(\d+)(Volt|Current|Power)$/.exec(v.key)
      if (pv) return Number(pv[1]) <= spec.strings
      if (spec.phases === 1 && /^(S|T)(Current|Volt|Freq|Power)$|^(eps|loads|meter)\w*[ST]$|Power[ST]$/.test(v.key)) return false
      return true
    })
    .map((v) => v.key)
}

const round = (v: number, digits: number) => Number(v.toFixed(digits))

/**
 * Every variable's value at instant `t`. The cloud holds what the logger
 * uploaded last: a value for each whole minute (`dataTime`).
 */
export function readingsAt(spec: SimDeviceSpec, model: EnergyModel, dataTime: number, faults: string): Record<string, number | string> {
  const step = model.at(dataTime)
  const j = (salt: number, share: number) => model.jitter(dataTime, salt, share)
  const pv = step.pv * (step.pv > 0 ? j(1, 0.04) : 1)
  const load = step.load * j(2, 0.05)
  const charge = step.charge
  const discharge = step.discharge
  const gen = Math.max(0, pv - charge + discharge)
  const ambient = 12 + 10 * step.irradiance + 2 * j(3, 0.5)
  const out: Record<string, number | string> = {}

  // PV strings share the array unevenly; string voltage rises with light
  const weights = spec.strings === 1 ? [1] : Array.from({ length: spec.strings }, (_, i) => (i === 0 ? 0.55 : 0.45 / (spec.strings - 1)))
  out.pvPower = round(pv, 3)
  weights.forEach((w, i) => {
    const p = pv * w
    const volt = p > 0.01 ? 330 + 140 * step.irradiance * j(10 + i, 0.02) : 0
    out[`pv${i + 1}Power`] = round(p, 3)
    out[`pv${i + 1}Volt`] = round(volt, 1)
    out[`pv${i + 1}Current`] = round(volt > 0 ? (p * 1000) / volt : 0, 2)
  })

  const phases = spec.phases === 3 ? ['R', 'S', 'T'] : ['R']
  const imbalance = [1.04, 0.97, 0.99]
  phases.forEach((ph, i) => {
    const volt = 230 * j(20 + i, 0.012)
    const power = (gen / phases.length) * imbalance[i]!
    out[`${ph}Volt`] = round(volt, 1)
    out[`${ph}Power`] = round(power, 3)
    out[`${ph}Current`] = round((power * 1000) / volt, 2)
    out[`${ph}Freq`] = round(50 + (j(30, 0.0006) - 1) * 50, 2)
    out[`loadsPower${ph}`] = round((load / phases.length) * imbalance[i]!, 3)
    out[`meterPower${ph}`] = round(((step.gridImport - step.feedin) / phases.length) * imbalance[i]!, 3)
  })
  out.loadsPower = round(load, 3)
  out.generationPower = round(gen, 3)
  out.feedinPower = round(step.feedin, 3)
  out.gridConsumptionPower = round(step.gridImport, 3)
  out.meterPower = round(step.gridImport - step.feedin, 3)
  out.meterPower2 = 0
  out.ReactivePower = round(gen * 0.04, 3)
  out.PowerFactor = gen > 0.05 ? 0.99 : 0
  out.ambientTemperation = round(ambient, 1)
  out.boostTemperation = round(ambient + 6 + 18 * (pv / Math.max(1, spec.pvKw)), 1)
  out.invTemperation = round(ambient + 9 + 22 * (gen / Math.max(1, spec.ratedW / 1000)), 1)
  out.dspTemperature = round(ambient + 14, 1)

  const midnight = model.localMidnight(dataTime)
  const today = model.energy(midnight, Math.floor(dataTime / STEP_MS) * STEP_MS)
  out.todayYield = round(today.generation, 2)
  out.generation = round(spec.generationBase + today.generation, 1)

  if (spec.hasBattery) {
    const batPower = charge - discharge
    const batVolt = spec.batteryVolts * (0.95 + 0.1 * (step.soc / 100))
    out.SoC = Math.round(step.soc)
    out.batChargePower = round(charge, 3)
    out.batDischargePower = round(discharge, 3)
    out.invBatPower = round(-batPower, 3)
    out.invBatVolt = round(batVolt, 1)
    out.invBatCurrent = round((-batPower * 1000) / batVolt, 2)
    out.batVolt = round(batVolt, 1)
    out.batCurrent = round((-batPower * 1000) / batVolt, 2)
    out.ResidualEnergy = round((step.soc / 100) * spec.batteryKwh, 2)
    out.batTemperature = round(20 + 4 * (Math.abs(batPower) / Math.max(1, spec.batteryKw)), 1)
    out.chargeTemperature = round(22 + 5 * (Math.abs(batPower) / Math.max(1, spec.batteryKw)), 1)
    out.batStatus = charge > 0.02 ? 1 : discharge > 0.02 ? 2 : 0
    out.batStatusV2 = charge > 0.02 ? 'Charging' : discharge > 0.02 ? 'Discharging' : 'Idle'
    out.epsPower = 0
    for (const ph of phases) {
      out[`epsVolt${ph}`] = 0
      out[`epsCurrent${ph}`] = 0
      out[`epsPower${ph}`] = 0
    }
  }

  const faultList = faults.split(',').filter(Boolean)
  out.currentFault = faults
  out.currentFaultCount = faultList.length
  out.runningState = spec.status === 2 || faultList.length ? 165 : !spec.hasBattery && pv < 0.01 ? 161 : 163

  const allowed = new Set(variablesOf(spec))
  for (const key of Object.keys(out)) if (!allowed.has(key)) delete out[key]
  return out
}
