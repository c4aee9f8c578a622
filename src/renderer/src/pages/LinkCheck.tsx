import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BaudRates, type JobUpdate, type Measurement } from '@shared/contract'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import { api } from '../api'
import { ErrorBanner } from '../components/ErrorBanner'
import { JobFooter, useFollowJob } from '../components/JobFooter'
import { StartRefusalBanner } from '../components/StartRefusalBanner'
import type { JobContext } from '../components/JobContextFields'
import { DemoCable } from '../components/DemoCable'
import { SerialJobStart, useSerialJobStart } from '../components/SerialJobStart'
import { useTranslate } from '../components/translate'
import { useJobControls } from '../components/use-job-controls'
import { VerdictBadge } from '../components/Verdict'
import { useApp } from '../stores/app'
import { runningJobOf, useJobs } from '../stores/jobs'
import { useNav } from '../stores/nav'

/** The measured echo rate of the record's latest throughput step, read once that step has a verdict. */
function useThroughput(recordId: number | undefined, verdict: string | null): Partial<Record<'echoRate' | 'nominalRate', Measurement>> {
  const [measured, setMeasured] = useState<Partial<Record<'echoRate' | 'nominalRate', Measurement>>>({})
  useEffect(() => {
    if (!recordId || !verdict) return setMeasured({})
    let current = true
    api()
      .getRecord({ id: recordId })
      .then((record) => {
        const step = record.steps.filter((s) => s.key === 'throughput' && s.status === 'done').at(-1)
        const find = (key: string) => step?.measurements.find((m) => m.key === key)
        if (current) setMeasured({ echoRate: find('echoRate'), nominalRate: find('nominalRate') })
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [recordId, verdict])
  return measured
}

/** Serial link check with a loopback plug: the foundation's complete, recorded job. */
export function LinkCheckPage({ recordId: initialRecord }: { recordId?: number }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const go = useNav((s) => s.go)
  const route = useNav((s) => s.route)
  const operatorDefault = useApp((s) => s.settings?.operatorName ?? '')
  const [path, setPath] = useState('')
  const [baudRate, setBaudRate] = useState(115200)
  const [adapterLabel, setAdapterLabel] = useState('')
  const [context, setContext] = useState<JobContext>({ site: '', customer: '', operator: operatorDefault })
  // the page shows the link check still running in main, if any, when it opens
  const runningRecord = useJobs((s) => runningJobOf(s.open, ['linkCheck'])?.recordId)
  const [recordId, setRecordId] = useState<number | undefined>(initialRecord ?? runningRecord)
  const starter = useSerialJobStart(setRecordId)
  // "return to the job" names a record, even when this page is already open
  useEffect(() => {
    if (initialRecord) setRecordId(initialRecord)
  }, [route, initialRecord])
  const job: JobUpdate | undefined = useJobs((s) => (recordId ? s.byRecord[recordId] : undefined))
  const jobPath = useJobs((s) => (recordId ? s.paths[recordId] : undefined)) ?? path
  const running = job && (job.phase.phase === 'running' || job.phase.phase === 'paused')
  const runningStep = job && (job.phase.phase === 'running' || job.phase.phase === 'paused') ? job.phase.step : null

  const { run, error, clearError, cancel } = useJobControls(recordId)
  const follow = useFollowJob<HTMLElement>(`${job?.phase.phase}:${runningStep}`)
  const nextAction = (update: JobUpdate) =>
    update.phase.phase === 'finished'
      ? t(update.phase.verdict === 'fail' ? 'jobs:footer.failed' : 'jobs:footer.passed')
      : update.phase.phase === 'aborted'
        ? t('jobs:footer.aborted')
        : update.phase.phase === 'paused'
          ? t('linkCheck:pausedHint')
          : t('jobs:footer.linkRunning')
  const throughput = useThroughput(recordId, job?.steps.find((s) => s.key === 'throughput')?.verdict ?? null)
  const number = (n: unknown) => (typeof n === 'number' ? n.toLocaleString(i18n.language) : '—')

  const start = () => run(() => starter.start(path, () => api().startLinkCheck({ path, baudRate, adapterLabel, ...context })))

  return (
    <section data-testid="link-check" ref={follow}>
      <h1>{t('jobs:names.linkCheck')}</h1>
      <p className="lead">{t('linkCheck:intro')}</p>
      <ErrorBanner message={error} onClose={clearError} />
      <StartRefusalBanner refusal={starter.refusal} onClose={starter.clearRefusal} />
      {!job && (
        <SerialJobStart
          portLabel={t('linkCheck:port')}
          path={path}
          onPath={setPath}
          portTestId="link-port"
          context={context}
          onContext={setContext}
          siteTestId="link-site"
          hint={t('linkCheck:plugHint')}
          startLabel={t('linkCheck:start')}
          startTestId="link-start"
          canStart
          onStart={() => void start()}
        >
          <label className="field">
            <span>{t('linkCheck:baudRate')}</span>
            <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))} data-testid="link-baud">
              {BaudRates.map((rate) => (
                <option key={rate} value={rate}>
                  {rate}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('linkCheck:adapterLabel')}</span>
            <input value={adapterLabel} maxLength={100} onChange={(e) => setAdapterLabel(e.target.value)} data-testid="link-adapter" />
          </label>
        </SerialJobStart>
      )}
      {job && (
        <div className="panel" data-testid="link-progress" data-phase={job.phase.phase}>
          <ol className="steps">
            {job.steps.map((step) => {
              const current = (job.phase.phase === 'running' || job.phase.phase === 'paused') && job.phase.step === step.key
              return (
                <li key={step.key} className={current ? 'current' : ''} data-step={step.key} data-verdict={step.verdict ?? ''}>
                  <span>{localizeStep(tt, 'linkCheck', step.key)}</span>
                  {step.verdict ? <VerdictBadge verdict={step.verdict} /> : current ? <span className="spinner" aria-label={t('common:working')} /> : null}
                  {step.note && <span className="note">{localizeNote(tt, 'linkCheck', step.note)}</span>}
                  {step.key === 'throughput' && throughput.echoRate && (
                    <span className="note" data-testid="link-rate">
                      {t('linkCheck:measuredRate', { rate: number(throughput.echoRate.value), min: number(throughput.echoRate.min), nominal: number(throughput.nominalRate?.value) })}
                    </span>
                  )}
                </li>
              )
            })}
          </ol>
          {job.phase.phase === 'paused' && (
            <div className="banner warn" role="status">
              {localizeNote(tt, 'linkCheck', job.phase.reason)} {t('linkCheck:pausedHint')}
            </div>
          )}
          {job.phase.phase === 'aborted' && (
            <div className="banner warn" role="status">
              {t('records:status.aborted')}: {localizeNote(tt, 'linkCheck', job.phase.reason)}
            </div>
          )}
          <JobFooter phase={job.phase} stepLabel={runningStep ? localizeStep(tt, 'linkCheck', runningStep) : null} next={nextAction(job)} verdictTestId="link-result">
            {running && (
              <button type="button" className="secondary" onClick={() => void cancel()}>
                {t('common:cancel')}
              </button>
            )}
            {running && <DemoCable path={jobPath} />}
            {!running && (
              <>
                <button type="button" onClick={() => go({ page: 'record', id: job.recordId })} data-testid="link-open-record">
                  {t('linkCheck:openRecord')}
                </button>
                <button type="button" className="secondary" onClick={() => setRecordId(undefined)} data-testid="link-again">
                  {t('linkCheck:again')}
                </button>
              </>
            )}
          </JobFooter>
        </div>
      )}
    </section>
  )
}
