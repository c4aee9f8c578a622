import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_UPS_BANDS, type JobUpdate, type Language, UPS_BAND_UNITS, UPS_DISCHARGE_DEFAULT_S, UPS_DISCHARGE_MAX_S, UPS_DISCHARGE_MIN_S, UPS_SIM_ID, UpsBandKeys, type UpsBands } from '@shared/contract'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import { formatTime } from '@shared/i18n/time'
import { api } from '../../api'
import { ErrorBanner } from '../../components/ErrorBanner'
import { JobFooter, useFollowJob } from '../../components/JobFooter'
import type { JobContext } from '../../components/JobContextFields'
import { saveFile } from '../../components/save-file'
import { SerialJobStart, useSerialJobStart } from '../../components/SerialJobStart'
import { StartRefusalBanner } from '../../components/StartRefusalBanner'
import { useTranslate } from '../../components/translate'
import { useJobControls } from '../../components/use-job-controls'
import { VerdictBadge } from '../../components/Verdict'
import { useApp } from '../../stores/app'
import { runningJobOf, useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import { useUpsTest } from '../../stores/ups-test'
import { UpsMainsSwitch } from './UpsMainsSwitch'
import { jobFromRecord } from './test-results'
import { UpsTestResults } from './UpsTestResults'

/** The acceptance test: port, file, time on battery and bands; then the steps, the engineer's questions at the breaker, and the verdict with its report. */
export function UpsTestSection({ recordId: initialRecord }: { recordId?: number }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const go = useNav((s) => s.go)
  const language = useApp((s) => s.language)
  const demo = useApp((s) => s.settings?.demoMode)
  const operatorDefault = useApp((s) => s.settings?.operatorName ?? '')
  const [path, setPath] = useState('')
  const [ini, setIni] = useState('')
  const [dischargeS, setDischargeS] = useState(UPS_DISCHARGE_DEFAULT_S)
  const [bands, setBands] = useState<UpsBands>(DEFAULT_UPS_BANDS)
  const [context, setContext] = useState<JobContext>({ site: '', customer: '', operator: operatorDefault })
  const runningRecord = useJobs((s) => runningJobOf(s.open, ['upsTest'])?.recordId)
  const [recordId, setRecordId] = useState<number | undefined>(initialRecord ?? runningRecord)
  const starter = useSerialJobStart(setRecordId)
  useEffect(() => {
    if (initialRecord) setRecordId(initialRecord)
  }, [initialRecord])
  useEffect(() => {
    if (demo) setPath((p) => p || `sim:${UPS_SIM_ID}`)
  }, [demo])
  const job: JobUpdate | undefined = useJobs((s) => (recordId ? s.byRecord[recordId] : undefined))
  const run = useUpsTest((s) => (recordId ? s.runs[recordId] : undefined))
  // a finished test opened from its record: its page as it ended, from the record
  const known = Boolean(job)
  useEffect(() => {
    if (!recordId || known) return
    api()
      .getRecord({ id: recordId })
      .then((record) => {
        const ended = jobFromRecord(record)
        if (ended && !useJobs.getState().byRecord[recordId]) useJobs.getState().update(ended)
      })
      .catch(() => undefined)
  }, [recordId, known])
  useEffect(() => {
    if (!recordId) return
    api()
      .upsTestGetRun({ recordId })
      .then((r) => r && useUpsTest.getState().setRun(r))
      .catch(() => undefined)
  }, [recordId])
  const running = job && (job.phase.phase === 'running' || job.phase.phase === 'paused')
  const runningStep = running ? (job.phase as { step: string }).step : null
  const prompt = running ? (run?.prompt ?? null) : null
  // after the answer the question is gone but the wait goes on: the instruction and the demo switch stay until the UPS changes
  const waitingFor = run?.waitEndsAt ? ({ mainsCut: 'cutMains', mainsReturn: 'restoreMains' } as const)[runningStep as 'mainsCut' | 'mainsReturn'] : undefined
  const atBreaker = prompt ?? (running ? (waitingFor ?? null) : null)
  const controls = useJobControls(recordId)
  const follow = useFollowJob<HTMLElement>(`${job?.phase.phase}:${runningStep}:${prompt}`)
  const bandValid = UpsBandKeys.every((key) => Number.isFinite(bands[key].min) && Number.isFinite(bands[key].max) && bands[key].min <= bands[key].max)
  const durationValid = Number.isInteger(dischargeS) && dischargeS >= UPS_DISCHARGE_MIN_S && dischargeS <= UPS_DISCHARGE_MAX_S

  const start = () => controls.run(() => starter.start(path, () => api().upsTestStart({ path, ...(ini.trim() ? { ini: ini.trim() } : {}), dischargeS, bands, serial: '', ...context })))
  const answer = (kind: 'mainsCut' | 'mainsRestored') => controls.run(() => api().upsTestAnswer({ recordId: recordId!, answer: { kind } }))
  const report = () => controls.run(async () => saveFile(await api().exportRecord({ id: recordId!, format: 'html', language: i18n.language as Language })))

  const time = (at: number | null | undefined) => (at ? formatTime(at, language) : '')
  const next = (): string => {
    if (!job) return ''
    if (job.phase.phase === 'finished') return t(job.phase.verdict === 'fail' ? 'jobs:footer.failed' : 'jobs:footer.passed')
    if (job.phase.phase === 'aborted') return t('jobs:footer.aborted')
    if (prompt && run?.waitEndsAt) return t(`upsTest:next.${prompt}Waiting`, { time: time(run.waitEndsAt) })
    if (prompt) return t(`upsTest:next.${prompt}`)
    if (run?.dischargeEndsAt) return t('upsTest:next.discharge', { time: time(run.dischargeEndsAt) })
    return t('jobs:footer.wait')
  }
  const setBand = (key: (typeof UpsBandKeys)[number], edge: 'min' | 'max', value: string) => setBands((b) => ({ ...b, [key]: { ...b[key], [edge]: value === '' ? NaN : Number(value) } }))

  return (
    <section className="ups-test" data-testid="ups-test" ref={follow}>
      <h1>{t('jobs:names.upsTest')}</h1>
      <ErrorBanner message={controls.error} onClose={controls.clearError} />
      <StartRefusalBanner refusal={starter.refusal} onClose={starter.clearRefusal} />
      {!job && (
        <SerialJobStart
          portLabel={t('upsMonitor:port')}
          path={path}
          onPath={setPath}
          portTestId="ups-test-port"
          context={context}
          onContext={setContext}
          hint={t('upsTest:page.intro')}
          startLabel={t('upsTest:page.start')}
          startTestId="ups-test-start"
          canStart={bandValid && durationValid && !controls.busy}
          onStart={() => void start()}
        >
          <label className="field">
            <span>{t('upsTest:page.file')}</span>
            <input value={ini} placeholder={t('upsTest:page.filePlaceholder')} onChange={(e) => setIni(e.target.value)} data-testid="ups-test-ini" />
          </label>
          <label className="field">
            <span>{t('upsTest:page.duration')}</span>
            <input type="number" min={UPS_DISCHARGE_MIN_S} max={UPS_DISCHARGE_MAX_S} value={Number.isFinite(dischargeS) ? dischargeS : ''} onChange={(e) => setDischargeS(e.target.value === '' ? NaN : Number(e.target.value))} data-testid="ups-test-duration" aria-invalid={!durationValid} />
          </label>
          {!durationValid && <p className="banner warn">{t('upsTest:page.durationInvalid', { min: UPS_DISCHARGE_MIN_S, max: UPS_DISCHARGE_MAX_S })}</p>}
          <table className="ups-bands" data-testid="ups-test-bands">
            <thead>
              <tr>
                <th>{t('upsTest:page.band')}</th>
                <th>{t('upsTest:page.min')}</th>
                <th>{t('upsTest:page.max')}</th>
              </tr>
            </thead>
            <tbody>
              {UpsBandKeys.map((key) => (
                <tr key={key} aria-invalid={!(bands[key].min <= bands[key].max)}>
                  <td>
                    {t(`upsTest:bands.${key}`)} ({UPS_BAND_UNITS[key]})
                  </td>
                  {(['min', 'max'] as const).map((edge) => (
                    <td key={edge}>
                      <input type="number" step="any" value={Number.isFinite(bands[key][edge]) ? bands[key][edge] : ''} onChange={(e) => setBand(key, edge, e.target.value)} data-testid={`ups-band-${key}-${edge}`} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {!bandValid && <p className="banner warn">{t('upsTest:page.bandInvalid')}</p>}
        </SerialJobStart>
      )}
      {job && (
        <div className="panel" data-testid="ups-test-progress" data-phase={job.phase.phase}>
          {atBreaker && (
            <div className="banner info ups-prompt" data-next-action data-testid="ups-test-prompt" data-prompt={atBreaker}>
              <p>{t(`upsTest:cli.${atBreaker}`)}</p>
              <div className="actions">
                {prompt && (
                  <button type="button" onClick={() => void answer(prompt === 'cutMains' ? 'mainsCut' : 'mainsRestored')} data-testid="ups-test-answer">
                    {t(`upsTest:done.${prompt}`)}
                  </button>
                )}
                {demo && <UpsMainsSwitch />}
              </div>
            </div>
          )}
          <ol className="steps">
            {job.steps.map((step) => {
              const current = runningStep === step.key
              return (
                <li key={step.key} className={current ? 'current' : ''} data-step={step.key} data-verdict={step.verdict ?? ''}>
                  <span>{localizeStep(tt, 'upsTest', step.key)}</span>
                  {step.verdict ? <VerdictBadge verdict={step.verdict} /> : current ? <span className="spinner" aria-label={t('common:working')} /> : null}
                  {step.note && <span className="note">{localizeNote(tt, 'upsTest', step.note)}</span>}
                </li>
              )
            })}
          </ol>
          {job.phase.phase === 'aborted' && (
            <div className="banner warn" role="status">
              {t('records:status.aborted')}: {localizeNote(tt, 'upsTest', job.phase.reason)}
            </div>
          )}
          <UpsTestResults job={job} run={run} />
          <JobFooter phase={job.phase} stepLabel={runningStep ? localizeStep(tt, 'upsTest', runningStep) : null} next={next()} verdictTestId="ups-test-result">
            {running && (
              <button type="button" className="secondary" onClick={() => void controls.cancel()}>
                {t('common:cancel')}
              </button>
            )}
            {!running && (
              <>
                <button type="button" onClick={() => void report()} data-testid="ups-test-report">
                  {t('upsTest:page.report')}
                </button>
                <button type="button" className="secondary" onClick={() => go({ page: 'record', id: job.recordId })} data-testid="ups-test-record">
                  {t('linkCheck:openRecord')}
                </button>
                <button type="button" className="secondary" onClick={() => setRecordId(undefined)} data-testid="ups-test-again">
                  {t('upsTest:page.again')}
                </button>
              </>
            )}
          </JobFooter>
        </div>
      )}
    </section>
  )
}
