/**
 * A shift's cabinets as one CSV, a row per test: who tested which cabinet
 * when, the verdict, which steps failed on what, and every measurement of the
 * latest attempt of each step in a column of its own.
 */
import { CabinetTestSteps } from '../../contract/cabinet/cabinet'
import type { Measurement, RecordDetail } from '../../contract/records'
import { localizeMeasurement, localizeStep, type Translate } from '../../i18n/localize'
import { isoWithOffset, toCsv } from '../../series/csv'
import { latestAttempts } from './shift'

const JOB = 'cabinetTest'

interface MeasurementColumn {
  key: string
  unit: string | undefined
}

/** The measurement columns of all the records: steps in test order, then each step's measurements in channel order. */
function measurementColumns(records: readonly RecordDetail[]): MeasurementColumn[] {
  const columns: MeasurementColumn[] = []
  for (const stepKey of CabinetTestSteps) {
    const seen = new Map<string, MeasurementColumn>()
    for (const record of records) {
      for (const m of latestAttempts(record).get(stepKey)?.measurements ?? []) if (!seen.has(m.key)) seen.set(m.key, { key: m.key, unit: m.unit })
    }
    columns.push(...[...seen.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })))
  }
  return columns
}

function cellValue(t: Translate, m: Measurement | undefined): string | number {
  if (!m) return ''
  if (typeof m.value === 'boolean') return t(m.value ? 'common:yes' : 'common:no')
  return m.value
}

/** `Channel currents (Channel 3 current, Channel 5 current)`: each failed step with what failed in it. */
function failedStepsText(t: Translate, record: RecordDetail): string {
  const failed: string[] = []
  for (const [key, step] of latestAttempts(record)) {
    if (step.verdict !== 'fail') continue
    const what = step.measurements.filter((m) => m.verdict === 'fail').map((m) => localizeMeasurement(t, JOB, m.key))
    failed.push(what.length ? `${localizeStep(t, JOB, key)} (${what.join(', ')})` : localizeStep(t, JOB, key))
  }
  return failed.join('; ')
}

/**
 * The CSV, headers in the reader's language; times in ISO 8601 with the
 * offset of `timeZone` (the system's when not given), records in the order
 * they started.
 */
export function shiftCsv(t: Translate, records: readonly RecordDetail[], timeZone?: string): string {
  const ordered = [...records].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id)
  const columns = measurementColumns(ordered)
  const header = [
    t('records:fields.id'),
    t('cabinet:shift.serial'),
    t('records:fields.operator'),
    t('records:fields.started'),
    t('records:fields.finished'),
    t('records:fields.status'),
    t('records:fields.verdict'),
    t('cabinet:shift.failedSteps'),
    ...columns.map((c) => {
      const label = localizeMeasurement(t, JOB, c.key)
      return c.unit ? `${label} (${c.unit})` : label
    }),
  ]
  const rows = ordered.map((record) => {
    const latest = latestAttempts(record)
    const byKey = new Map<string, Measurement>()
    for (const step of latest.values()) for (const m of step.measurements) byKey.set(m.key, m)
    return [
      record.id,
      record.deviceSerial,
      record.operator,
      isoWithOffset(record.startedAt, timeZone),
      record.finishedAt === null ? '' : isoWithOffset(record.finishedAt, timeZone),
      t(`records:status.${record.status}`),
      t(`records:verdict.${record.verdict}`),
      failedStepsText(t, record),
      ...columns.map((c) => cellValue(t, byKey.get(c.key))),
    ]
  })
  return toCsv(header, rows)
}
