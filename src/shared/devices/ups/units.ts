/**
 * Default unit and scale of a value from its name in the file. The file says
 * neither; these are the usual ones for such UPS (a raw count of tenths for
 * voltages, currents and frequency, hundredths for power factor), and every
 * one can be overridden per value in the framing profile.
 */
import type { UpsValue } from './protocol'

export interface ValueUnit {
  /** what one raw count is worth in `unit` */
  scale: number
  unit: string
}

/** first match wins: more specific words come before the words they contain */
const RULES: [RegExp, ValueUnit][] = [
  [/功率因数/, { scale: 0.01, unit: '' }],
  [/视在功率/, { scale: 1, unit: 'VA' }],
  [/有功功率|输出功率/, { scale: 1, unit: 'W' }],
  [/百分比|容量/, { scale: 1, unit: '%' }],
  [/温度/, { scale: 0.1, unit: '°C' }],
  [/频率/, { scale: 0.01, unit: 'Hz' }],
  [/电压/, { scale: 0.1, unit: 'V' }],
  [/电流/, { scale: 0.1, unit: 'A' }],
]

/** a status bit, a count or an address: no unit, one count is one */
const PLAIN: ValueUnit = { scale: 1, unit: '' }

export function defaultUnit(value: Pick<UpsValue, 'name' | 'bits'>): ValueUnit {
  if (value.bits) return PLAIN
  for (const [pattern, unit] of RULES) if (pattern.test(value.name)) return unit
  return PLAIN
}
