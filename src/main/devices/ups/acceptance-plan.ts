/**
 * What the acceptance test looks for in a protocol file, and how it reads a
 * poll. The file says neither which value is the mains voltage nor which bit
 * means "on battery"; its names do, in the maker's Chinese, as they give the
 * units (`units.ts`). A mains failure shows on an online UPS as its input
 * undervoltage alarms (the mains input and AC input alarm groups), with the
 * inverter still feeding the load: that is the transfer to battery.
 */
import type { Measurement, UpsBandKey, UpsBands } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { indicatorKind } from '@shared/devices/ups/indicators'
import type { UpsProtocol, UpsValue } from '@shared/devices/ups/protocol'
import { unitOf } from './files'

const BAND_NAMES: Record<UpsBandKey, RegExp> = {
  mainsVoltage: /(市电|交流)输入.*电压/,
  outputVoltage: /逆变输出.*电压/,
  outputFrequency: /输出频率/,
  load: /负载百分比/,
  batteryVoltage: /电池.*电压/,
  batteryCapacity: /电池.*容量/,
  temperature: /温度/,
}
const MAINS_GROUP = /市电|交流输入|mains|AC input/i
const UNDERVOLTAGE = /欠压|undervoltage/i

export interface UpsTestPlan {
  /** the measurable values of each banded quantity, in the file's order */
  banded: Record<UpsBandKey, UpsValue[]>
  /** the input undervoltage alarms a mains failure must raise, and the return must clear */
  mainsAlarms: UpsValue[]
  /** every alarm indicator: none may be active in the values step */
  alarms: UpsValue[]
  scale: Map<number, number>
}

export function testPlan(protocol: UpsProtocol, framing: FramingProfile): UpsTestPlan {
  const groups = new Map(protocol.groups.map((g) => [g.id, g]))
  const measurable = protocol.values.filter((v) => v.measurable)
  const banded = Object.fromEntries(
    (Object.keys(BAND_NAMES) as UpsBandKey[]).map((key) => [key, measurable.filter((v) => !v.bits && BAND_NAMES[key].test(v.name))]),
  ) as Record<UpsBandKey, UpsValue[]>
  const groupOf = (v: UpsValue) => (v.group !== undefined ? groups.get(v.group) : undefined)
  const alarms = measurable.filter((v) => indicatorKind(v, groupOf(v)) === 'alarm')
  const mainsAlarms = alarms.filter((v) => UNDERVOLTAGE.test(v.name) && MAINS_GROUP.test(groupOf(v)?.name ?? ''))
  return { banded, mainsAlarms, alarms, scale: new Map(measurable.map((v) => [v.n, unitOf(v, framing).scale])) }
}

/** One poll as the test reads it: each value scaled to its unit, null where the poll missed it. */
export type PollValues = Map<number, number | null>

export function scaledPoll(plan: UpsTestPlan, raw: Map<number, number | null>): PollValues {
  const out: PollValues = new Map()
  for (const [n, count] of raw) out.set(n, count === null ? null : round(count * (plan.scale.get(n) ?? 1)))
  return out
}

/**
 * Where the load's power comes from in one poll: mains; the battery (an input
 * undervoltage alarm up, or every mains voltage gone, with the output still
 * on); nowhere (the output is off); or unknown (the poll missed what says so).
 */
export type PowerSource = 'mains' | 'battery' | 'outputOff' | 'unknown'

export function powerSource(plan: UpsTestPlan, poll: PollValues, bands: UpsBands): PowerSource {
  const read = (values: UpsValue[]) => values.map((v) => poll.get(v.n)).filter((x): x is number => x !== null && x !== undefined)
  const mains = read(plan.banded.mainsVoltage)
  const output = read(plan.banded.outputVoltage)
  const alarmsUp = read(plan.mainsAlarms).some((bit) => bit !== 0)
  if (!output.length && !mains.length && !alarmsUp) return 'unknown'
  if (output.length && output.every((v) => v < bands.outputVoltage.min)) return 'outputOff'
  const mainsGone = mains.length > 0 && mains.every((v) => v < bands.mainsVoltage.min)
  return alarmsUp || mainsGone ? 'battery' : 'mains'
}

/** The mains alarms up in a poll, by N. */
export function mainsAlarmsUp(plan: UpsTestPlan, poll: PollValues): number[] {
  return plan.mainsAlarms.filter((v) => (poll.get(v.n) ?? 0) !== 0).map((v) => v.n)
}

/** Each banded value of a poll against its band: `mainsVoltage1` is the mains voltage read as value N=1. */
export function bandMeasurements(plan: UpsTestPlan, poll: PollValues, bands: UpsBands, units: Record<UpsBandKey, string>): { measurements: Measurement[]; outOfBand: number[]; missed: number[] } {
  const measurements: Measurement[] = []
  const outOfBand: number[] = []
  const missed: number[] = []
  for (const key of Object.keys(plan.banded) as UpsBandKey[]) {
    const band = bands[key]
    for (const v of plan.banded[key]) {
      const value = poll.get(v.n)
      if (value === null || value === undefined) {
        missed.push(v.n)
        measurements.push({ key: `${key}${v.n}`, value: '', unit: units[key], min: band.min, max: band.max, verdict: 'fail' })
        continue
      }
      const ok = value >= band.min && value <= band.max
      if (!ok) outOfBand.push(v.n)
      measurements.push({ key: `${key}${v.n}`, value, unit: units[key], min: band.min, max: band.max, verdict: ok ? 'pass' : 'fail' })
    }
  }
  return { measurements, outOfBand, missed }
}

/** Battery voltage (the mean of the strings) and capacity in a poll, null where the file has none or the poll missed them. */
export function batteryOf(plan: UpsTestPlan, poll: PollValues): { voltage: number | null; capacity: number | null } {
  const mean = (values: UpsValue[]) => {
    const read = values.map((v) => poll.get(v.n)).filter((x): x is number => x !== null && x !== undefined)
    return read.length ? round(read.reduce((a, b) => a + b, 0) / read.length) : null
  }
  return { voltage: mean(plan.banded.batteryVoltage), capacity: mean(plan.banded.batteryCapacity) }
}

export const round = (n: number) => Math.round(n * 100) / 100
