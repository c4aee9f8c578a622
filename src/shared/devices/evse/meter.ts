/**
 * Meter1 / Meter2: the register map decoded into description, value, unit
 * (the description's brackets), error counter and freshness. Pure.
 */
import { AnswerTextLimits } from '../untrusted'
import type { Parsed } from './answers'
import { isObject, toNumber, toText } from './read'

export type Freshness = 'valid' | 'notAvailable' | 'unknown'

export interface MeterRegister {
  /** normalized "0x04_0x0034": Modbus function and register */
  key: string
  description: string | null
  /** the description without its bracketed unit ("TotalImport") */
  name: string | null
  unit: string | null
  value: number | null
  errors: number | null
  freshness: Freshness
}

export interface MeterReading {
  uptimeMs: number | null
  registers: MeterRegister[]
}

/** more registers than any meter the charger reads is a malformed answer */
export const METER_MAX_REGISTERS = 128

/**
 * Register keys: the example writes "0x04_0x0034" and, once, "0x04 0x0180".
 * Both are read and kept as the underscore form (the one used everywhere
 * else in the document).
 */
export function registerKey(key: string): string | null {
  const m = /^0x([0-9a-f]{1,2})[ _]0x([0-9a-f]{1,4})$/i.exec(key.trim())
  return m ? `0x${m[1]!.toLowerCase().padStart(2, '0')}_0x${m[2]!.toLowerCase().padStart(4, '0')}` : null
}

export function splitUnit(description: string): { name: string; unit: string | null } {
  const m = /^(.*?)\s*\[([^\]]{1,32})\]\s*$/.exec(description)
  return m ? { name: m[1]!, unit: m[2]! } : { name: description, unit: null }
}

function freshnessOf(value: unknown): Freshness {
  if (typeof value !== 'string') return 'unknown'
  const v = value.trim().toLowerCase()
  return v === 'valid' ? 'valid' : v === 'not available' || v === 'notavailable' ? 'notAvailable' : 'unknown'
}

/** `meter`: 1 or 2; the answer wraps the map in "Meter1"/"Meter2" (a bare map is read too). */
export function parseMeter(body: unknown, meter: 1 | 2): Parsed<MeterReading> {
  const problems: string[] = []
  if (!isObject(body)) return { ok: false, missing: [], problems: ['(body)'] }
  const inner = isObject(body[`Meter${meter}`]) ? (body[`Meter${meter}`] as Record<string, unknown>) : body
  const data = inner.ModbusData
  if (!isObject(data)) return { ok: false, missing: ['ModbusData'], problems }
  const keys = Object.keys(data)
  if (keys.length > METER_MAX_REGISTERS) return { ok: false, missing: [], problems: ['ModbusData'] }
  const registers: MeterRegister[] = []
  for (const raw of keys) {
    const key = registerKey(raw)
    const entry = data[raw]
    if (!key || !isObject(entry)) {
      problems.push(`ModbusData.${raw.slice(0, AnswerTextLimits.id)}`)
      continue
    }
    const description = toText(entry.Desc, AnswerTextLimits.name)
    const split = description === null ? null : splitUnit(description)
    registers.push({
      key,
      description,
      name: split?.name ?? null,
      unit: split?.unit ?? null,
      value: toNumber(entry.Value),
      errors: toNumber(entry.ErrCounter),
      freshness: freshnessOf(entry.DataStatus),
    })
  }
  registers.sort((a, b) => a.key.localeCompare(b.key))
  return { ok: true, value: { uptimeMs: toNumber(inner.TimeStamp), registers }, missing: [], problems }
}
