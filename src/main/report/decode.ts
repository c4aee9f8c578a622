/**
 * A step's measurements as a person reads them: vendor codes turned into
 * names in the report's language, and the vendor's own raw readings (bit
 * fields, error codes) set apart for the appendix, so no API field name
 * reaches the body of a report.
 */
import type { Measurement, RecordStep } from '@shared/contract'
import { evaluatePreconditions } from '@shared/devices/foxess/ct'
import { faultKey } from '@shared/devices/foxess/tables'
import { formatBand, localizeMeasurement, type Translate } from '@shared/i18n/localize'

export interface ShownMeasurement {
  label: string
  value: string
  band: string
  unit: string
  verdict: Measurement['verdict'] | null
  /** a number, set right-aligned so digits line up */
  numeric: boolean
}

/** raw vendor readings of the CT check: kept in the appendix, their meaning is in the verdict and the wiring picture */
const RAW_KEYS = new Set(['bits', 'meterStatus', 'phaseFlag'])
const isRawKey = (key: string) => RAW_KEYS.has(key) || /^meter\d+PhaseFlag$/.test(key)

/** the CT precondition a measurement stands for, with the body field(s) it was read from */
const CT_CONDITIONS: Record<string, { index: number; fields: string[] }> = {
  deviceStatus: { index: 0, fields: ['deviceStatus'] },
  bmsCommunication: { index: 1, fields: ['faultArmFlag2'] },
  meterConnected: { index: 2, fields: ['meterStatus', 'meterConnected'] },
  notChecking: { index: 3, fields: ['checking'] },
}

export interface Decoder {
  t: Translate
  jobType: string
  num: (n: number) => string
}

function ctCondition(d: Decoder, m: Measurement): ShownMeasurement | null {
  const rule = CT_CONDITIONS[m.key]
  if (!rule || typeof m.value !== 'string') return null
  const parts = m.value.split(' / ')
  const body: Record<string, unknown> = {}
  rule.fields.forEach((field, i) => (body[field] = parts[i] === '—' ? undefined : parts[i]))
  const condition = evaluatePreconditions(body).conditions[rule.index]!
  return { label: d.t(`ct:conditions.${m.key}`), value: d.t(`ct:reasons.${condition.reason}`), band: '', unit: '', verdict: m.verdict ?? null, numeric: false }
}

function decodedValue(d: Decoder, step: RecordStep, m: Measurement): string | null {
  const { t } = d
  const v = m.value
  if (typeof v === 'boolean') return t(v ? 'common:yes' : 'common:no')
  if (m.key === 'system' && typeof v === 'string' && t.exists(`ct:systems.${v}`)) return t(`ct:systems.${v}`)
  if ((m.key === 'outcome' || m.key === 'previousResult') && typeof v === 'string' && t.exists(`ct:outcomes.${v}`)) return t(`ct:outcomes.${v}`)
  if (m.key === 'previousResult' && v === 'none') return t('records:report.none')
  if (d.jobType === 'inverterCommissioning' && step.key === 'device' && m.key === 'deviceStatus' && t.exists(`foxess:deviceStatus.s${v}`)) return t(`foxess:deviceStatus.s${v}`)
  if (m.key === 'runningState' && t.exists(`foxessStates:runningState.s${v}`)) return t(`foxessStates:runningState.s${v}`)
  if (/^fault\d+$/.test(m.key) && typeof v === 'number' && t.exists(`foxessFaults:${faultKey(v)}`)) return `${t(`foxessFaults:${faultKey(v)}`)} (${v})`
  return null
}

const plain = (d: Decoder, v: number | string | boolean) => (typeof v === 'boolean' ? d.t(v ? 'common:yes' : 'common:no') : typeof v === 'number' ? d.num(v) : v)

/** A changed setting: read before → read back, and what was asked when the device holds something else. */
export function settingChange(d: Decoder, m: Measurement): string {
  const change = `${plain(d, m.before!)} → ${plain(d, m.value)}`
  return m.target === undefined ? change : `${change} (${d.t('records:report.asked', { value: plain(d, m.target) })})`
}

/** The measurements to show in the body of the report, and those kept raw for the appendix. */
export function decodeStep(d: Decoder, step: RecordStep): { shown: ShownMeasurement[]; raw: Measurement[] } {
  const shown: ShownMeasurement[] = []
  const raw: Measurement[] = []
  for (const m of step.measurements) {
    if (isRawKey(m.key)) {
      raw.push(m)
      continue
    }
    const condition = step.key === 'preconditions' ? ctCondition(d, m) : null
    if (condition) {
      shown.push(condition)
      continue
    }
    const label =
      d.jobType === 'inverterCommissioning' && step.key === 'device' && m.key === 'deviceStatus' ? d.t('records:report.inverterStatus') : localizeMeasurement(d.t, d.jobType, m.key)
    if (m.before !== undefined) {
      shown.push({ label, value: settingChange(d, m), band: formatBand(m, d.num), unit: m.unit ?? '', verdict: m.verdict ?? null, numeric: false })
      continue
    }
    const decoded = decodedValue(d, step, m)
    const value = decoded ?? (typeof m.value === 'number' ? d.num(m.value) : String(m.value))
    shown.push({ label, value, band: formatBand(m, d.num), unit: m.unit ?? '', verdict: m.verdict ?? null, numeric: decoded === null && typeof m.value === 'number' })
  }
  return { shown, raw }
}
