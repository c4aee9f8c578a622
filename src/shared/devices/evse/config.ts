/**
 * SystemConfig: the writable fields in the document's order, read from an
 * untrusted answer, and the rule the document states for writes (an IP
 * meter type only together with a valid IP address). Pure.
 */
import { AnswerTextLimits } from '../untrusted'
import type { Parsed } from './answers'
import { FieldReader, isObject } from './read'

export interface EvseConfig {
  ChargerMode: number
  LockMethod: number
  ChargeCurrent: number
  ChargeCurrentBoost: number
  Meter1Type: number
  Meter1Ip: string
  Meter2Type: number
  Meter2Ip: string
  PhaseCurrentLimit: number
  ControlStrategy: number
  ControlLimit: number
  ChargeAutoStart: boolean
  Charge3Phase: boolean
}

export type EvseConfigField = keyof EvseConfig

export const EvseConfigFields: readonly { key: EvseConfigField; kind: 'number' | 'boolean' | 'string' }[] = [
  { key: 'ChargerMode', kind: 'number' },
  { key: 'LockMethod', kind: 'number' },
  { key: 'ChargeCurrent', kind: 'number' },
  { key: 'ChargeCurrentBoost', kind: 'number' },
  { key: 'Meter1Type', kind: 'number' },
  { key: 'Meter1Ip', kind: 'string' },
  { key: 'Meter2Type', kind: 'number' },
  { key: 'Meter2Ip', kind: 'string' },
  { key: 'PhaseCurrentLimit', kind: 'number' },
  { key: 'ControlStrategy', kind: 'number' },
  { key: 'ControlLimit', kind: 'number' },
  { key: 'ChargeAutoStart', kind: 'boolean' },
  { key: 'Charge3Phase', kind: 'boolean' },
]

export interface EvseConfigAnswer {
  uptimeMs: number | null
  systemVersion: string | null
  /** the fields the answer carried in a usable form */
  config: Partial<EvseConfig>
}

/**
 * What the charger takes per numeric field, as far as the document and the
 * hardware tell (6 A is the lowest current IEC 61851 lets a charger offer, 32 A
 * the most a type 2 socket carries); a value outside is likely ignored.
 */
export const EvseConfigRanges: Partial<Record<EvseConfigField, readonly [number, number]>> = {
  ChargerMode: [0, 1],
  LockMethod: [0, 1],
  ChargeCurrent: [6, 32],
  ChargeCurrentBoost: [6, 32],
  Meter1Type: [0, 6],
  Meter2Type: [0, 7],
  PhaseCurrentLimit: [6, 63],
  ControlStrategy: [0, 1],
  ControlLimit: [0, 100_000],
}

/** The fields whose numbers are the document's numbered choices, with how many it lists; the rest are numbers, flags or addresses. */
export const EvseConfigChoices: Partial<Record<EvseConfigField, number>> = { ChargerMode: 2, LockMethod: 2, Meter1Type: 7, Meter2Type: 8, ControlStrategy: 2 }

/** A field's key in texts: the document's name with a small first letter (`ChargeCurrent` → `chargeCurrent`). */
export const configFieldKey = (field: EvseConfigField): string => field[0]!.toLowerCase() + field.slice(1)

/** The stem of a field's choice texts (`evse:option.<stem><n>`): both meters list the same types (meter 2 one more), so they share theirs. */
export const configChoiceStem = (field: EvseConfigField): string => (field === 'Meter1Type' || field === 'Meter2Type' ? 'meterType' : configFieldKey(field))

/** Meter types 4–6 (IP SDM72D-M, IP NMID30-2, IP SDM120M) and meter 2's remote control (7) talk over IP. */
export function meterTypeNeedsIp(type: number | undefined): boolean {
  return type !== undefined && type >= 4 && type <= 7
}

export function isIpv4(text: string | undefined): boolean {
  const m = text === undefined ? null : /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  return m !== null && m.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o) && text !== '0.0.0.0'
}

export function parseConfig(body: unknown): Parsed<EvseConfigAnswer> {
  if (!isObject(body)) return { ok: false, missing: [], problems: ['(body)'] }
  const r = new FieldReader(body)
  const config: Partial<EvseConfig> = {}
  for (const { key, kind } of EvseConfigFields) {
    const value = kind === 'number' ? r.number(key) : kind === 'boolean' ? r.boolean(key) : r.string(AnswerTextLimits.id, key)
    if (value !== null) (config as Record<string, unknown>)[key] = value
  }
  const uptimeMs = r.number('TimeStamp')
  const systemVersion = r.string(AnswerTextLimits.name, 'SystemVersion')
  // an answer with none of the configuration's fields is not a configuration
  if (!Object.keys(config).length) return { ok: false, missing: r.missing, problems: r.problems }
  return { ok: true, value: { uptimeMs, systemVersion, config }, missing: r.missing, problems: r.problems }
}

/** The fields of `wanted` whose value differs from `have` (absent from `have` counts as differing). */
export function configDiff(have: Partial<EvseConfig>, wanted: Partial<EvseConfig>): EvseConfigField[] {
  return EvseConfigFields.map((f) => f.key).filter((k) => wanted[k] !== undefined && wanted[k] !== have[k])
}
