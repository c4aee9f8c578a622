import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CabinetConfirmation, type CabinetRun, type JobUpdate, type Language, type RetestableStep, RetestableSteps } from '@shared/contract'
import { localText, profileTexts } from '@shared/i18n/cabinet'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import { api } from '../../api'
import { ErrorBanner } from '../../components/ErrorBanner'
import { JobFooter, useFollowJob } from '../../components/JobFooter'
import { saveFile } from '../../components/save-file'
import { useTranslate } from '../../components/translate'
import { useJobControls } from '../../components/use-job-controls'
import { VerdictBadge } from '../../components/Verdict'
import { useApp } from '../../stores/app'
import { useCabinet } from '../../stores/cabinet'
import { useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import { CurrentChart } from './CurrentChart'
import { Failures } from './Failures'
import { Slots } from './Slots'

const isRetestable = (key: string): key is RetestableStep => (RetestableSteps as readonly string[]).includes(key)

/** One cabinet's test as it runs: steps, what it waits for, the slots, the currents, the verdict. */
export function RunView({ recordId }: { recordId: number }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const go = useNav((s) => s.go)
  const canPdf = useApp((s) => s.info?.canPrintPdf)
  const job: JobUpdate | undefined = useJobs((s) => s.byRecord[recordId])
  const run: CabinetRun | undefined = useCabinet((s) => s.runs[recordId])
  const setForm = useCabinet((s) => s.setForm)
  const setActive = useCabinet((s) => s.setActive)
  const phase = job?.phase
  const live = phase?.phase === 'running' || phase?.phase === 'paused'
  const ended = phase?.phase === 'finished' || phase?.phase === 'aborted'

  const { run: act, error, clearError, cancel } = useJobControls(recordId)
  const confirm = (what: CabinetConfirmation, ok: boolean) => act(() => api().cabinetConfirm({ recordId, what, ok }))
  const retest = (steps: RetestableStep[]) =>
    act(async () => {
      useJobs.getState().update(await api().cabinetRetest({ recordId, steps }))
    })
  const failedSteps = phase?.phase === 'finished' ? (job?.steps ?? []).filter((step) => step.verdict === 'fail' && isRetestable(step.key)).map((step) => step.key as RetestableStep) : []
  const passedOnRetest =
    phase?.phase === 'finished' && phase.verdict === 'pass' && run?.earlierFailed.length
      ? t('cabinet:run.passedOnRetest', { steps: run.earlierFailed.map((key) => localizeStep(tt, 'cabinetTest', key)).join(', ') })
      : null
  const report = (format: 'html' | 'pdf') => act(async () => saveFile(await api().exportRecord({ id: recordId, format, language: i18n.language as Language })))
  const nextCabinet = () => {
    setForm({ serial: '' })
    setActive(null)
  }

  const asked = run?.awaiting ?? null
  const awaiting = asked?.what ?? null
  const next =
    phase?.phase === 'finished'
      ? (passedOnRetest ?? t(phase.verdict === 'pass' ? 'jobs:footer.passed' : 'jobs:footer.failed'))
      : phase?.phase === 'aborted'
        ? t('jobs:footer.aborted')
        : asked?.what === 'doors'
          ? t('jobs:footer.doors', { slots: asked.slots.join(', ') })
          : awaiting
            ? t(`jobs:footer.${awaiting}`)
            : phase?.phase === 'paused'
              ? t('jobs:footer.paused')
              : t('jobs:footer.wait')
  const follow = useFollowJob<HTMLDivElement>(`${phase?.phase}:${live ? phase.step : ''}:${awaiting}`)

  return (
    <div data-testid="cabinet-run" data-record={recordId} data-phase={phase?.phase ?? ''} ref={follow}>
      <ErrorBanner message={error} onClose={clearError} />
      {run && (
        <dl className="facts cabinet-facts" data-testid="cabinet-facts">
          <dt>{t('cabinet:run.serial')}</dt>
          <dd className="mono">{run.serial || '—'}</dd>
          <dt>{t('cabinet:run.operator')}</dt>
          <dd>{run.operator || '—'}</dd>
          <dt>{t('cabinet:run.profile')}</dt>
          <dd>{localText(tt, profileTexts({ id: run.profileId ?? undefined, name: run.profileName, note: '' }).name)}</dd>
          <dt>{t('cabinet:run.firmware')}</dt>
          <dd className="mono">{run.firmware || t('cabinet:run.firmwareUnknown')}</dd>
          <dt>{t('cabinet:run.port')}</dt>
          <dd className="mono">{run.path}</dd>
        </dl>
      )}
      {phase?.phase === 'paused' && (
        <div className="banner warn" role="status" data-testid="cabinet-paused">
          {phase.reason === 'portDifferentDevice' ? localizeNote(tt, 'cabinetTest', phase.reason) : t('cabinet:run.paused')}
        </div>
      )}
      {run?.awaiting?.what === 'safety' && <SafetyPanel onAnswer={(ok) => void confirm('safety', ok)} />}
      {run?.awaiting?.what === 'airflow' && (
        <div className="panel attention" data-testid="cabinet-airflow">
          <h2>{t('cabinet:airflow.title')}</h2>
          <p>{t('cabinet:airflow.question')}</p>
          <div className="actions" data-next-action>
            <button type="button" onClick={() => void confirm('airflow', true)} data-testid="cabinet-airflow-yes">
              {t('cabinet:airflow.yes')}
            </button>
            <button type="button" className="secondary" onClick={() => void confirm('airflow', false)} data-testid="cabinet-airflow-no">
              {t('cabinet:airflow.no')}
            </button>
          </div>
        </div>
      )}
      {run?.awaiting?.what === 'doors' && (
        <DoorsPanel slots={run.awaiting.slots} deadline={run.awaiting.deadline} paused={phase?.phase === 'paused'} onDone={() => void confirm('doorsDone', true)} />
      )}
      <div className="cabinet-grid">
        <div className="panel">
          <h2>{t('cabinet:run.steps')}</h2>
          <ol className="steps" data-testid="cabinet-steps">
            {job?.steps.map((step) => {
              const current = live && phase.step === step.key
              const canRetest = failedSteps.includes(step.key as RetestableStep)
              const retested = Boolean(step.verdict) && run?.retested.includes(step.key as RetestableStep)
              return (
                <li key={step.key} className={current ? 'current' : ''} data-step={step.key} data-verdict={step.verdict ?? ''}>
                  <span className="grow">
                    {localizeStep(tt, 'cabinetTest', step.key)}
                    {retested && <span className="note block">{t('cabinet:run.retested')}</span>}
                    {step.note && <span className="note block">{localizeNote(tt, 'cabinetTest', step.note)}</span>}
                  </span>
                  {step.verdict ? <VerdictBadge verdict={step.verdict} /> : current ? <span className="spinner" aria-label={t('common:working')} /> : null}
                  {canRetest && (
                    <button type="button" className="secondary small" onClick={() => void retest([step.key as RetestableStep])} data-testid={`cabinet-retest-${step.key}`}>
                      {t('cabinet:run.retest')}
                    </button>
                  )}
                </li>
              )
            })}
          </ol>
        </div>
        <div>
          {run && <Slots slots={run.slots} failures={run.failures} />}
          {run && <Failures failures={run.failures} onRetestAll={failedSteps.length ? () => void retest(failedSteps) : null} passedOnRetest={passedOnRetest} />}
          {run && (
            <p className="muted small-text" data-testid="cabinet-link">
              {t('cabinet:run.link', { tx: run.link.framesTx, rx: run.link.framesRx, badCrc: run.link.badCrc, junk: run.link.junkBytes, timeouts: run.link.timeouts })}
            </p>
          )}
        </div>
      </div>
      {run && <CurrentChart recordId={recordId} bands={run.bands} unit={run.currentUnit} />}
      {phase?.phase === 'aborted' && (
        <div className="banner warn" role="status" data-testid="cabinet-aborted">
          {t('records:status.aborted')}: {localizeNote(tt, 'cabinetTest', phase.reason)}
        </div>
      )}
      <JobFooter phase={phase} stepLabel={live && phase.step ? localizeStep(tt, 'cabinetTest', phase.step) : null} next={next} verdictTestId="cabinet-result">
        {live && (
          <button type="button" className="secondary" onClick={() => void cancel()} data-testid="cabinet-cancel">
            {t('common:cancel')}
          </button>
        )}
        {ended && (
          <>
            <button type="button" onClick={nextCabinet} data-testid="cabinet-next">
              {t('cabinet:run.next')}
            </button>
            <button type="button" className="secondary" onClick={() => void report('html')} data-testid="cabinet-report">
              {t('cabinet:run.report')}
            </button>
            {canPdf && (
              <button type="button" className="secondary" onClick={() => void report('pdf')}>
                {t('cabinet:run.reportPdf')}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => go({ page: 'record', id: recordId })} data-testid="cabinet-open-record">
              {t('cabinet:run.openRecord')}
            </button>
          </>
        )}
      </JobFooter>
    </div>
  )
}

function SafetyPanel({ onAnswer }: { onAnswer: (ok: boolean) => void }) {
  const { t } = useTranslation()
  const [read, setRead] = useState(false)
  return (
    <div className="panel danger" role="alertdialog" aria-labelledby="cabinet-safety-title" data-testid="cabinet-safety">
      <h2 id="cabinet-safety-title">{t('cabinet:safety.title')}</h2>
      <p className="safety-text">{t('cabinet:safety.warning')}</p>
      <label className="check">
        <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} data-testid="cabinet-safety-read" />
        <span>{t('cabinet:safety.check')}</span>
      </label>
      <div className="actions" data-next-action>
        <button type="button" disabled={!read} onClick={() => onAnswer(true)} data-testid="cabinet-safety-confirm">
          {t('cabinet:safety.confirm')}
        </button>
        <button type="button" className="secondary" onClick={() => onAnswer(false)} data-testid="cabinet-safety-decline">
          {t('cabinet:safety.decline')}
        </button>
      </div>
    </div>
  )
}

function DoorsPanel({ slots, deadline, paused, onDone }: { slots: number[]; deadline: number; paused: boolean; onDone: () => void }) {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000))
  return (
    <div className="panel attention" data-testid="cabinet-doors">
      <h2>{t('cabinet:doors.title')}</h2>
      <p>{t('cabinet:doors.instruction')}</p>
      <p>
        {t('cabinet:doors.left', { count: slots.length, slots: slots.join(', ') })}
        {!paused && ` · ${t('cabinet:doors.timeLeft', { count: seconds })}`}
      </p>
      {paused && <p className="hint">{t('cabinet:doors.whilePaused')}</p>}
      <div className="actions" data-next-action>
        <button type="button" className="secondary" onClick={onDone} data-testid="cabinet-doors-done">
          {t('cabinet:doors.allClosed')}
        </button>
      </div>
    </div>
  )
}
