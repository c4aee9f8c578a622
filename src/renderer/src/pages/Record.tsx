import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CtPhaseWiring, type Language, type RecordDetail, retestsOf } from '@shared/contract'
import { wiringFromMeasurements } from '@shared/devices/foxess/wiring-svg'
import { deviceIdLabel, formatBand, labelledMeta, localizeNote, localizeStep } from '@shared/i18n/localize'
import { measurementText, settingValueText } from '@shared/i18n/measurement-text'
import { api } from '../api'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { WiringDiagram } from '../components/foxess/WiringDiagram'
import { useJobActions } from '../components/job-actions'
import { saveFile } from '../components/save-file'
import { useTranslate } from '../components/translate'
import { VerdictBadge } from '../components/Verdict'
import { UpsLogFiles } from './ups/UpsLogFiles'
import { useApp } from '../stores/app'
import { useJobs } from '../stores/jobs'
import { jobRoute, useNav } from '../stores/nav'
import { asLanguage, formatDateTime, formatTime } from '@shared/i18n/time'

const EXCHANGES_SHOWN = 200
/** the jobs that run the CT flow: each run's result step keeps the wiring it found */
const CT_JOBS: ReadonlySet<string> = new Set(['ctDetection', 'inverterCommissioning'])

/** A meter's wiring as the record keeps it: the vendor's flag stays in the exchanges, what is wrong is read off the phases. */
function recordedMeter(phases: CtPhaseWiring[]) {
  return {
    phases,
    phaseFlag: null,
    phaseOrderWrong: phases.some((p) => p.expected !== null && p.measured !== null && p.expected !== p.measured),
    sensorFault: phases.some((p) => p.sensorOk === false),
  }
}

export function RecordPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const go = useNav((s) => s.go)
  const canPdf = useApp((s) => s.info?.canPrintPdf)
  const tick = useJobs((s) => s.recordsTick)
  const open = useJobs((s) => s.open.find((job) => job.recordId === id))
  const actions = useJobActions()
  const [record, setRecord] = useState<RecordDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const num = (n: number) => n.toLocaleString(i18n.language)
  const setting = (jobType: string, key: string, v: number | string | boolean) => settingValueText(tt, jobType, key, v, num)
  const time = (ms: number | null) => (ms ? formatDateTime(ms, asLanguage(i18n.language)) : '—')

  useEffect(() => {
    api().getRecord({ id }).then(setRecord, (err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, tick])

  const attempt = async (body: () => Promise<void>) => {
    try {
      await body()
    } catch (err) {
      setError(errorText(err))
    }
  }

  const exportAs = async (format: 'json' | 'html' | 'pdf') => {
    try {
      saveFile(await api().exportRecord({ id, format, language: i18n.language as Language }))
    } catch (err) {
      setError(errorText(err))
    }
  }
  const retests = record ? retestsOf(record.steps) : new Map<number, number>()
  const earlierFailed = record ? record.steps.filter((step) => step.verdict === 'fail').map((step) => step.seq) : []

  return (
    <section data-testid="record" data-record={id}>
      <button type="button" className="link" onClick={() => go({ page: 'records' })}>
        {t('records:back')}
      </button>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {record && (
        <>
          <h1>
            {t(`jobs:names.${record.jobType}`)} · #{record.id}
          </h1>
          <div className="record-head">
            <VerdictBadge verdict={record.status === 'completed' ? record.verdict : 'none'} large />
            <span data-testid="record-status">
              {t(`records:status.${record.status}`)}
              {record.endReason && ` · ${localizeNote(tt, record.jobType, record.endReason)}`}
              {record.status === 'completed' && record.verdict === 'pass' && earlierFailed.length > 0 && ` · ${t('records:report.earlierFailed', { steps: earlierFailed.join(', ') })}`}
            </span>
            <span className="spacer" />
            <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
              {t('records:export.json')}
            </button>
            <button type="button" onClick={() => void exportAs('html')} data-testid="export-html">
              {t('records:export.html')}
            </button>
            <button type="button" onClick={() => void exportAs('pdf')} disabled={!canPdf} title={canPdf ? undefined : t('records:export.pdfUnavailable')} data-testid="export-pdf">
              {t('records:export.pdf')}
            </button>
            {record.jobType === 'upsTest' && record.status !== 'inProgress' && (
              <button type="button" className="secondary" onClick={() => go(jobRoute(record.jobType, record.id))} data-testid="record-show-on-page">
                {t('records:showOnPage')}
              </button>
            )}
          </div>
          {record.status === 'inProgress' && open?.state === 'running' && (
            <div className="banner ok" role="status" data-testid="record-open" data-state="running">
              <span>{t('jobs:open.runningHere')}</span>
              <button type="button" onClick={() => actions.returnTo(record.jobType, record.id)} data-testid="return-to-job">
                {t('jobs:open.returnTo')}
              </button>
            </div>
          )}
          {record.status === 'inProgress' && open?.state === 'suspended' && (
            <div className="banner warn" role="status" data-testid="record-open" data-state="suspended">
              <span>{t('jobs:open.suspendedHere')}</span>
              {open.resumable && (
                <button type="button" onClick={() => void attempt(() => actions.resume(record.jobType, record.id))} data-testid="resume-job">
                  {t('common:home.resume')}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => void attempt(() => actions.closeAborted(record.id))} data-testid="close-job">
                {t('common:home.closeAborted')}
              </button>
            </div>
          )}
          <dl className="facts">
            <dt>{t('records:fields.site')}</dt>
            <dd>{record.site || '—'}</dd>
            <dt>{t('records:fields.customer')}</dt>
            <dd>{record.customer || '—'}</dd>
            <dt>{t('records:fields.deviceSerial')}</dt>
            <dd className="mono">{record.deviceSerial || '—'}</dd>
            <dt>{t('records:fields.deviceIds')}</dt>
            <dd className="mono">
              {Object.entries(record.deviceIds)
                .map(([kind, id]) => `${deviceIdLabel(tt, kind)}: ${id}`)
                .join(' · ') || '—'}
            </dd>
            <dt>{t('records:fields.operator')}</dt>
            <dd>{record.operator || '—'}</dd>
            {labelledMeta(tt, record.jobType, record.meta).map((m) => (
              <div key={m.key} className="contents">
                <dt>{m.label}</dt>
                <dd>{m.value || '—'}</dd>
              </div>
            ))}
            <dt>{t('records:fields.started')}</dt>
            <dd>{time(record.startedAt)}</dd>
            <dt>{t('records:fields.finished')}</dt>
            <dd>{time(record.finishedAt)}</dd>
          </dl>
          {record.jobType === 'upsLog' && <UpsLogFiles record={record} onError={(err) => setError(errorText(err))} />}
          <h2>{t('records:report.steps')}</h2>
          {record.steps.map((step) => ({ step, retestOf: retests.get(step.id) })).map(({ step, retestOf }) => (
            <div key={step.id} className="panel step" data-step={step.key} data-status={step.status}>
              <h3>
                <span>
                  {step.seq}. {localizeStep(tt, record.jobType, step.key)}
                  {retestOf !== undefined && <span className="muted"> · {t('records:report.retestOf', { seq: retestOf })}</span>}
                </span>
                {step.status === 'done' ? <VerdictBadge verdict={step.verdict} /> : <span className="badge verdict-none">{t(`records:stepStatus.${step.status}`)}</span>}
              </h3>
              <p className="muted">
                {time(step.startedAt)} → {time(step.finishedAt)}
                {step.note && ` · ${localizeNote(tt, record.jobType, step.note)}`}
              </p>
              {step.measurements.length > 0 && (
                <table className="grid compact">
                  <tbody>
                    {step.measurements.map((m) => {
                      const text = measurementText(tt, record.jobType, step, m, num)
                      return (
                        <tr key={m.key} data-measurement={m.key}>
                          <td>{text.label}</td>
                          <td className={text.decoded ? '' : 'num'}>
                            {m.before !== undefined ? `${setting(record.jobType, m.key, m.before)} → ${setting(record.jobType, m.key, m.value)}` : text.value} {m.unit}
                            {m.target !== undefined && <span className="muted"> ({t('records:report.asked', { value: setting(record.jobType, m.key, m.target) })})</span>}
                          </td>
                          <td className="num muted">{formatBand(m, num)}</td>
                          <td>{m.verdict && <VerdictBadge verdict={m.verdict} />}</td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              )}
              {step.key === 'result' && CT_JOBS.has(record.jobType) && wiringFromMeasurements(step.measurements).map((meter, i) => <WiringDiagram key={i} meter={recordedMeter(meter.phases)} />)}
            </div>
          ))}
          <h2>{t('records:report.exchanges', { count: record.exchangeCount })}</h2>
          <div className="traffic short">
            {record.exchanges.slice(0, EXCHANGES_SHOWN).map((x) => (
              <div key={x.id} className={`traffic-row ${x.direction}`}>
                <span className="time">{formatTime(x.ts, asLanguage(i18n.language), { milliseconds: true })}</span>
                <span className="dir">{t(`records:direction.${x.direction}`)}</span>
                <span className="hex">{x.data.length > 120 ? `${x.data.slice(0, 120)}…` : x.data}</span>
              </div>
            ))}
            {record.exchangeCount > EXCHANGES_SHOWN && <div className="muted">{t('records:moreInExport', { count: record.exchangeCount - EXCHANGES_SHOWN })}</div>}
          </div>
        </>
      )}
    </section>
  )
}
