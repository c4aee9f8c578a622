/**
 * A step's measurements as a person reads them (`shared/i18n/measurement-text.ts`,
 * the record page's wording too), and the vendor's own raw readings (bit
 * fields, error codes) set apart for the appendix, so no API field name
 * reaches the body of a report.
 */
import type { Measurement, RecordStep } from '@shared/contract'
import { formatBand, type Translate } from '@shared/i18n/localize'
import { isRawMeasurement, measurementText, settingValueText } from '@shared/i18n/measurement-text'

export interface ShownMeasurement {
  label: string
  value: string
  band: string
  unit: string
  verdict: Measurement['verdict'] | null
  /** a number, set right-aligned so digits line up */
  numeric: boolean
}

export interface Decoder {
  t: Translate
  jobType: string
  num: (n: number) => string
}


/** A changed setting: read before → read back, and what was asked when the device holds something else. */
export function settingChange(d: Decoder, m: Measurement): string {
  const setting = (v: number | string | boolean) => settingValueText(d.t, d.jobType, m.key, v, d.num)
  const change = `${setting(m.before!)} → ${setting(m.value)}`
  return m.target === undefined ? change : `${change} (${d.t('records:report.asked', { value: setting(m.target) })})`
}

/** The measurements to show in the body of the report, and those kept raw for the appendix. */
export function decodeStep(d: Decoder, step: RecordStep): { shown: ShownMeasurement[]; raw: Measurement[] } {
  const shown: ShownMeasurement[] = []
  const raw: Measurement[] = []
  for (const m of step.measurements) {
    if (isRawMeasurement(m.key)) {
      raw.push(m)
      continue
    }
    const { label, value, decoded } = measurementText(d.t, d.jobType, step, m, d.num)
    if (m.before !== undefined) {
      shown.push({ label, value: settingChange(d, m), band: formatBand(m, d.num), unit: m.unit ?? '', verdict: m.verdict ?? null, numeric: false })
      continue
    }
    shown.push({ label, value, band: formatBand(m, d.num), unit: m.unit ?? '', verdict: m.verdict ?? null, numeric: !decoded && typeof m.value === 'number' })
  }
  return { shown, raw }
}
