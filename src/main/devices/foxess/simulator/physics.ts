/**
 * The simulated inverter's energy: a PV day curve for the plant's latitude,
 * season and passing clouds, a household load with morning and evening
 * peaks, and a battery whose SOC follows charge and discharge under the work
 * mode in force (self-use, feed-in, backup, force charge/discharge, the
 * force-charge windows, the export limit). Deterministic: the same instant
 * gives the same values in real-time and history answers.
 */
import { groupAt } from '@shared/devices/foxess/scheduler'
import { wallClock, zoneOffsetMinutes } from '@shared/devices/foxess/time'
import type { SimDeviceSpec, SimPlant, SimSettings } from './fleet'

export const STEP_MS = 5 * 60 * 1000
const DAY_MS = 24 * 3600 * 1000
const STEP_H = STEP_MS / 3600_000
const EFFICIENCY = 0.95

/** One 5-minute interval's average powers (kW) and the SOC at its end (%). */
export interface EnergyStep {
  t: number
  pv: number
  load: number
  charge: number
  discharge: number
  gridImport: number
  feedin: number
  soc: number
  irradiance: number
}

/** Smooth deterministic noise in [0, 1] over time (value noise with knots every `period`). */
function noise(seed: number, t: number, period: number): number {
  const k = Math.floor(t / period)
  const f = t / period - k
  const a = hash(seed, k)
  const b = hash(seed, k + 1)
  const s = f * f * (3 - 2 * f)
  return a + (b - a) * s
}

function hash(seed: number, n: number): number {
  let x = (Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed + 0x27d4eb2f, 0xc2b2ae35)) >>> 0
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0
  x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0
  return ((x ^ (x >>> 15)) >>> 0) / 4294967296
}

/** Local solar hour and day of year, cached per hour of UTC (zone offsets change at most hourly). */
class LocalTime {
  private readonly offsets = new Map<number, number>()
  constructor(private readonly timezone: string) {}

  at(t: number): { hour: number; dayOfYear: number; midnight: number } {
    const hourKey = Math.floor(t / 3600_000)
    let offset = this.offsets.get(hourKey)
    if (offset === undefined) {
      offset = zoneOffsetMinutes(t, this.timezone)
      this.offsets.set(hourKey, offset)
      if (this.offsets.size > 20_000) this.offsets.clear()
    }
    const local = t + offset * 60_000
    const localDay = Math.floor(local / DAY_MS)
    const start = Date.UTC(new Date(local).getUTCFullYear(), 0, 1) / DAY_MS
    return { hour: (local - localDay * DAY_MS) / 3600_000, dayOfYear: localDay - start + 1, midnight: localDay * DAY_MS - offset * 60_000 }
  }
}

export class EnergyModel {
  private readonly local: LocalTime
  /** SOC at the start of each UTC day, computed once */
  private readonly socAtDay = new Map<number, number>()
  private readonly baseDay: number

  constructor(
    private readonly spec: SimDeviceSpec,
    private readonly plant: SimPlant,
    private readonly settings: () => SimSettings,
    createdAt: number,
  ) {
    this.local = new LocalTime(plant.timezone)
    this.baseDay = Math.floor(createdAt / DAY_MS) - 10
  }

  /** Settings changed: what was already computed for today and later is recomputed with them. */
  settingsChanged(now: number): void {
    const today = Math.floor(now / DAY_MS)
    for (const d of [...this.socAtDay.keys()]) if (d > today) this.socAtDay.delete(d)
  }

  /** PV power (kW) and irradiance (0–1) at an instant. */
  pv(t: number): { pv: number; irradiance: number } {
    const { hour, dayOfYear } = this.local.at(t)
    const season = Math.sin((2 * Math.PI * (dayOfYear - 80)) / 365)
    const amplitude = 4 * Math.min(1, Math.abs(this.plant.latitude) / 50)
    const dayLength = 12 + amplitude * season
    const sunrise = 12.5 - dayLength / 2
    const h = hour - sunrise
    if (h <= 0 || h >= dayLength) return { pv: 0, irradiance: 0 }
    const elevation = Math.sin((Math.PI * h) / dayLength) ** 1.3
    const seasonal = 0.62 + 0.38 * season
    const cloud = 0.45 + 0.55 * noise(this.spec.seed, t, 20 * 60_000) ** 0.6
    const irradiance = elevation * seasonal * cloud
    return { pv: this.spec.pvKw * 0.92 * irradiance, irradiance }
  }

  /** Household or site load (kW) at an instant. */
  load(t: number): number {
    const { hour } = this.local.at(t)
    const morning = Math.exp(-(((hour - 7.5) / 1.1) ** 2)) * 1.2
    const evening = Math.exp(-(((hour - 19.5) / 1.8) ** 2)) * 2.1
    const midday = Math.exp(-(((hour - 13) / 2.5) ** 2)) * 0.4
    const spikes = noise(this.spec.seed + 7, t, 7 * 60_000) > 0.93 ? 2.2 : 0
    return this.spec.baseLoadKw + (morning + evening + midday) * (0.6 + 0.8 * noise(this.spec.seed + 3, t, 45 * 60_000)) + spikes
  }

  /** The 5-minute steps covering [from, to], each with the SOC at its end. */
  steps(from: number, to: number): EnergyStep[] {
    const first = Math.floor(from / STEP_MS) * STEP_MS
    const dayStart = Math.floor(first / DAY_MS) * DAY_MS
    let soc = this.socAtDayStart(dayStart / DAY_MS)
    const out: EnergyStep[] = []
    for (let t = dayStart; t <= to; t += STEP_MS) {
      if (t % DAY_MS === 0 && !this.socAtDay.has(t / DAY_MS)) this.socAtDay.set(t / DAY_MS, soc)
      const step = this.step(t, soc)
      soc = step.soc
      if (t >= first) out.push(step)
    }
    return out
  }

  /** The step an instant falls in. */
  at(t: number): EnergyStep {
    return this.steps(t, t)[0]!
  }

  private socAtDayStart(dayIndex: number): number {
    if (!this.spec.hasBattery) return 0
    if (dayIndex <= this.baseDay) return 50
    const known = this.socAtDay.get(dayIndex)
    if (known !== undefined) return known
    // walk forward from the latest known day (at most the days since the base)
    let d = dayIndex - 1
    while (d > this.baseDay && !this.socAtDay.has(d)) d--
    let soc = d <= this.baseDay ? 50 : this.socAtDay.get(d)!
    for (; d < dayIndex; d++) {
      this.socAtDay.set(d, soc)
      for (let t = d * DAY_MS; t < (d + 1) * DAY_MS; t += STEP_MS) soc = this.step(t, soc).soc
    }
    this.socAtDay.set(dayIndex, soc)
    return soc
  }

  private step(t: number, socStart: number): EnergyStep {
    const s = this.settings()
    const { pv: pvRaw, irradiance } = this.pv(t + STEP_MS / 2)
    const load = this.load(t + STEP_MS / 2)
    let pv = pvRaw
    let charge = 0
    let discharge = 0
    const spec = this.spec
    if (spec.hasBattery && spec.batteryKwh > 0) {
      const { hour } = this.local.at(t)
      const minute = Math.floor(hour * 60)
      const room = (kwPerPercent(spec) * Math.max(0, s.maxSoc - socStart)) / STEP_H
      const above = (floor: number) => (kwPerPercent(spec) * Math.max(0, socStart - floor)) / STEP_H
      const group = s.schedulerEnabled ? groupAt(s.groups, minute) : null
      const forced = inWindow(s, minute)
      const mode = forced ? 'ForceCharge' : (group?.workMode ?? 'SelfUse')
      const floor = group?.minSocOnGrid ?? s.minSocOnGrid
      const net = pv - load
      switch (mode) {
        case 'ForceCharge':
          charge = Math.min(spec.batteryKw, room)
          break
        case 'ForceDischarge':
          discharge = Math.min(spec.batteryKw, (group?.fdPwr ?? spec.batteryKw * 1000) / 1000, above(Math.max(floor, group?.fdSoc ?? floor)))
          break
        case 'Backup':
          charge = net > 0 ? Math.min(net, spec.batteryKw, room) : 0
          break
        case 'Feedin': {
          const exportable = s.exportLimitW / 1000
          if (net > exportable) charge = Math.min(net - exportable, spec.batteryKw, room)
          else if (net < 0) discharge = Math.min(-net, spec.batteryKw, above(floor))
          break
        }
        default:
          if (net > 0) charge = Math.min(net, spec.batteryKw, room)
          else discharge = Math.min(-net, spec.batteryKw, above(floor))
      }
    }
    let grid = load + charge - pv - discharge
    const limit = s.exportLimitW / 1000
    if (-grid > limit) {
      // the export limit curtails PV
      pv -= -grid - limit
      grid = -limit
    }
    const socDelta = spec.hasBattery && spec.batteryKwh > 0 ? ((charge * EFFICIENCY - discharge / EFFICIENCY) * STEP_H * 100) / spec.batteryKwh : 0
    const soc = spec.hasBattery ? Math.max(0, Math.min(100, socStart + socDelta)) : 0
    return { t, pv: Math.max(0, pv), load, charge, discharge, gridImport: Math.max(0, grid), feedin: Math.max(0, -grid), soc, irradiance }
  }

  /** Energy (kWh) of each variable over [from, to). */
  energy(from: number, to: number): { generation: number; feedin: number; gridConsumption: number; chargeEnergyToTal: number; dischargeEnergyToTal: number } {
    const out = { generation: 0, feedin: 0, gridConsumption: 0, chargeEnergyToTal: 0, dischargeEnergyToTal: 0 }
    if (!(to > from)) return out
    for (const s of this.steps(from, to - 1)) {
      if (s.t < from || s.t >= to) continue
      out.generation += s.pv * STEP_H
      out.feedin += s.feedin * STEP_H
      out.gridConsumption += s.gridImport * STEP_H
      out.chargeEnergyToTal += s.charge * STEP_H
      out.dischargeEnergyToTal += s.discharge * STEP_H
    }
    return out
  }

  localMidnight(t: number): number {
    return this.local.at(t).midnight
  }

  localHour(t: number): number {
    return this.local.at(t).hour
  }

  /** small fast fluctuation (±share) for minute-level real-time values */
  jitter(t: number, salt: number, share: number): number {
    return 1 + (noise(this.spec.seed + salt, t, 60_000) - 0.5) * 2 * share
  }
}

const kwPerPercent = (spec: SimDeviceSpec) => spec.batteryKwh / 100

function inWindow(s: SimSettings, minute: number): boolean {
  const fc = s.forceCharge
  const within = (start: { hour: number; minute: number }, end: { hour: number; minute: number }) => {
    const a = start.hour * 60 + start.minute
    const b = end.hour * 60 + end.minute
    if (a === b) return false
    return a < b ? minute >= a && minute < b : minute >= a || minute < b
  }
  return (fc.enable1 && within(fc.startTime1, fc.endTime1)) || (fc.enable2 && within(fc.startTime2, fc.endTime2))
}

/** The device's wall clock, with its drift, in the plant's zone. */
export function deviceWallClock(t: number, plant: SimPlant, driftSeconds: number) {
  return wallClock(t + driftSeconds * 1000, plant.timezone)
}
