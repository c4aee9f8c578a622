import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobUpdate, RecordDetail, UpsDischargeCurve, UpsTestAlarm, UpsTestRun } from '@shared/contract'
import { alarmsOf, dischargeOf } from '@shared/devices/ups/acceptance-record'
import { valueNameKey } from '@shared/devices/ups/names'
import { formatBand, localizeStep } from '@shared/i18n/localize'
import { measurementText } from '@shared/i18n/measurement-text'
import { formatTime } from '@shared/i18n/time'
import { SeriesStore } from '@shared/series/store'
import { api } from '../../api'
import { TimeChart } from '../../components/charts/TimeChart'
import { useTranslate } from '../../components/translate'
import { VerdictBadge } from '../../components/Verdict'
import { useApp } from '../../stores/app'
import { type BatteryFigures, dischargeFigures, failuresFirst } from './test-results'

/** The record as its steps end: their measurements, and the curve and alarms of a test no longer running. */
function useRecord(recordId: number, job: JobUpdate): RecordDetail | null {
  const [record, setRecord] = useState<RecordDetail | null>(null)
  const ended = job.steps.map((s) => `${s.key}:${s.verdict ?? ''}`).join(' ') + job.phase.phase
  useEffect(() => {
    let current = true
    api()
      .getRecord({ id: recordId })
      .then((r) => current && setRecord(r))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [recordId, ended])
  return record
}

/** The discharge on the shared chart, one chart a unit. */
function DischargeCharts({ curve, spanS }: { curve: UpsDischargeCurve; spanS: number }) {
  const { t, i18n } = useTranslation()
  const store = useMemo(() => {
    const s = new SeriesStore()
    for (const [seconds, voltage, capacity] of curve.points) {
      const at = curve.startedAt + seconds * 1000
      if (voltage !== null) s.append('voltage', at, voltage)
      if (capacity !== null) s.append('capacity', at, capacity)
    }
    return s
  }, [curve])
  const last = curve.points.at(-1)?.[0] ?? 0
  // the chosen time on battery from the start, so the line grows across a chart that stays put
  const to = curve.startedAt + Math.max(spanS, last) * 1000
  const num = (v: number) => v.toLocaleString(i18n.language, { maximumFractionDigits: 1 })
  const chart = (key: 'voltage' | 'capacity', label: string, unit: string) => (
    <TimeChart store={store} revision={store.revision} series={[{ key, label, unit }]} from={curve.startedAt} to={to} height={120} formatValue={num} testId={`ups-test-chart-${key}`} />
  )
  return (
    <div className="ups-test-charts">
      {chart('voltage', t('upsTest:bands.batteryVoltage'), 'V')}
      {chart('capacity', t('upsTest:bands.batteryCapacity'), '%')}
    </div>
  )
}

/**
 * What the test measured, as it runs and once it is over: the transfer and
 * return with their resolution, the battery over the discharge (figures and
 * chart), the alarms seen with their times, and each ended step's values
 * against their bands, failures first. A reopened test reads it all from
 * its record.
 */
export function UpsTestResults({ job, run }: { job: JobUpdate; run: UpsTestRun | undefined }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const language = useApp((s) => s.language)
  const record = useRecord(job.recordId, job)
  const num = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 2 })
  const steps = (record?.steps ?? []).filter((s) => s.status === 'done')
  const latest = (key: string) => steps.filter((s) => s.key === key).at(-1)
  const measured = (step: string, key: string) => latest(step)?.measurements.find((m) => m.key === key)
  const curve = run?.discharge ?? (record ? dischargeOf(record.meta) : null)
  const alarms: UpsTestAlarm[] = run?.alarms.length ? run.alarms : record ? alarmsOf(record.meta) : []
  const figures = dischargeFigures(latest('discharge')?.measurements ?? null, curve)
  const time = (ms: number) => formatTime(ms, language)
  const timed = (step: string, key: string) => {
    const value = measured(step, key)?.value
    const resolution = measured(step, 'transferResolution')?.value
    return typeof value === 'number' ? t('upsTest:results.timed', { time: num(value), resolution: num(Number(resolution)) }) : t('upsTest:results.notTimed')
  }
  const cell = (v: number | null, unit: string) => (v === null ? '—' : `${num(v)} ${unit}`)
  const batteryRow = (label: string, f: BatteryFigures, unit: string, key: string) => (
    <tr data-battery={key}>
      <td>{label}</td>
      <td className="num">{cell(f.atStart, unit)}</td>
      <td className="num">{cell(f.atEnd, unit)}</td>
      <td className="num">{cell(f.fall, unit)}</td>
      <td className="num" data-testid={`ups-test-fall-${key}`} data-value={f.fallPerMin ?? ''}>
        {cell(f.fallPerMin, `${unit}/min`)}
      </td>
    </tr>
  )
  const mainsShown = latest('mainsCut') || curve || alarms.length > 0
  return (
    <div className="ups-test-results" data-testid="ups-test-results">
      {mainsShown && (
        <div className="panel" data-testid="ups-test-mains">
          <dl className="ups-test-transfer">
            <dt>{t('upsTest:results.transfer')}</dt>
            <dd data-testid="ups-test-transfer" data-ms={measured('mainsCut', 'transferTime')?.value ?? ''} data-resolution-ms={measured('mainsCut', 'transferResolution')?.value ?? ''}>{latest('mainsCut') ? timed('mainsCut', 'transferTime') : '—'}</dd>
            {latest('mainsReturn') && (
              <>
                <dt>{t('upsTest:results.return')}</dt>
                <dd data-testid="ups-test-return">{timed('mainsReturn', 'returnTime')}</dd>
              </>
            )}
          </dl>
          {figures && (
            <>
              <h3>{t('upsTest:results.discharge', { seconds: num(figures.seconds) })}</h3>
              <table className="grid compact" data-testid="ups-test-discharge">
                <thead>
                  <tr>
                    <th>{t('upsTest:results.quantity')}</th>
                    <th>{t('upsTest:results.atStart')}</th>
                    <th>{t('upsTest:results.atEnd')}</th>
                    <th>{t('upsTest:results.fall')}</th>
                    <th>{t('upsTest:results.fallPerMin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {batteryRow(t('upsTest:bands.batteryVoltage'), figures.voltage, 'V', 'voltage')}
                  {batteryRow(t('upsTest:bands.batteryCapacity'), figures.capacity, '%', 'capacity')}
                </tbody>
              </table>
            </>
          )}
          {curve && curve.points.length > 1 && <DischargeCharts curve={curve} spanS={typeof record?.meta.dischargeS === 'number' ? record.meta.dischargeS : 10} />}
          <h3>{t('upsTest:results.alarms')}</h3>
          {!alarms.length && <p className="hint">{t('upsTest:results.noAlarms')}</p>}
          <ul className="ups-test-alarms" data-testid="ups-test-alarms">
            {alarms.map((a) => (
              <li key={`${a.n}-${a.raisedAt}`} data-n={a.n} data-cleared={a.clearedAt !== null}>
                <span className="ups-name">{a.localized ? t(valueNameKey(a.n)) : a.name}</span>{' '}
                <span className="muted">{a.clearedAt === null ? t('upsTest:results.alarmActive', { raised: time(a.raisedAt) }) : t('upsTest:results.alarmSpan', { raised: time(a.raisedAt), cleared: time(a.clearedAt) })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {steps.map((step) => {
        const shown = failuresFirst(step.measurements)
        const failed = shown.filter((m) => m.verdict === 'fail').length
        if (!shown.length) return null
        return (
          <div key={step.id} className="panel" data-testid={`ups-test-values-${step.key}`}>
            <h3>
              {t('upsTest:results.step', { step: localizeStep(tt, 'upsTest', step.key) })}
              {failed > 0 && <span className="badge verdict-fail"> {t('upsTest:results.failures', { count: failed })}</span>}
            </h3>
            <table className="grid compact">
              <thead>
                <tr>
                  <th>{t('records:report.measurement')}</th>
                  <th>{t('records:report.value')}</th>
                  <th>{t('records:report.band')}</th>
                  <th>{t('records:report.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => {
                  const text = measurementText(tt, 'upsTest', step, m, num)
                  return (
                    <tr key={m.key} data-measurement={m.key} data-verdict={m.verdict ?? ''}>
                      <td>{text.label}</td>
                      <td className={text.decoded ? '' : 'num'}>
                        {text.value} {m.unit}
                      </td>
                      <td className="num muted">{formatBand(m, num)}</td>
                      <td>{m.verdict && m.verdict !== 'info' && <VerdictBadge verdict={m.verdict} />}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )
      })}
    </div>
  )
}
