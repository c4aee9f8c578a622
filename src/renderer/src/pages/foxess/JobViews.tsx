import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { type CommissioningAnswer, type CtAnswer, type JobUpdate, type Language, SettingsErrorCodes } from '@shared/contract'
import { api } from '../../api'
import { ErrorBanner } from '../../components/ErrorBanner'
import { JobFooter, useFollowJob } from '../../components/JobFooter'
import { ClockPanel, DevicePanel, LivePanel, WriteResults } from '../../components/foxess/CommissioningPanels'
import { CloudSetupBanner } from '../../components/foxess/CloudSetupBanner'
import { CtPanel } from '../../components/foxess/CtPanel'
import { useJobWording } from '../../components/foxess/format'
import { SettingsForm } from '../../components/foxess/SettingsForm'
import { saveFile } from '../../components/save-file'
import { useAction } from '../../components/use-action'
import { type JobControls, useJobControls } from '../../components/use-job-controls'
import { VerdictBadge } from '../../components/Verdict'
import { useApp } from '../../stores/app'
import { useFoxess } from '../../stores/foxess'
import { useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'

/** The step list of a running or finished job, with verdicts and notes. */
/** the CT flow's own steps, shown under the commissioning wizard's CT step */
const CT_SUBSTEPS = new Set(['applicability', 'preconditions', 'start', 'result'])

function StepRail({ job }: { job: JobUpdate }) {
  const { t } = useTranslation()
  const wording = useJobWording()
  const running = job.phase.phase === 'running' || job.phase.phase === 'paused' ? job.phase.step : null
  const currentKey = running && job.jobType === 'inverterCommissioning' && CT_SUBSTEPS.has(running) ? 'ctDetection' : running
  return (
    <ol className="steps rail" data-testid="job-steps" data-phase={job.phase.phase}>
      {job.steps.map((step) => {
        const current = currentKey === step.key
        return (
          <li key={step.key} className={current ? 'current' : ''} data-step={step.key} data-verdict={step.verdict ?? ''}>
            <span>{wording.step(step.key)}</span>
            {step.verdict ? <VerdictBadge verdict={step.verdict} /> : current ? <span className="spinner" aria-label={t('common:working')} /> : null}
            {step.note && <span className="note">{wording.note(step.note)}</span>}
          </li>
        )
      })}
    </ol>
  )
}

/** After the job: why it stopped, if it did not finish, and where its report goes. */
function Ended({ job, error, clearError }: { job: JobUpdate; error: string | null; clearError: () => void }) {
  const { t } = useTranslation()
  const wording = useJobWording()
  return (
    <div className="panel" data-testid="job-finished" data-phase={job.phase.phase}>
      {job.phase.phase === 'aborted' &&
        ((SettingsErrorCodes as readonly string[]).includes(job.phase.reason) ? (
          <CloudSetupBanner message={`${t('records:status.aborted')}: ${wording.note(job.phase.reason)}`} />
        ) : (
          <p className="banner warn">
            {t('records:status.aborted')}: {wording.note(job.phase.reason)}
          </p>
        ))}
      <p className="hint">{t('foxess:report.hint')}</p>
      <ErrorBanner message={error} onClose={clearError} />
    </div>
  )
}

/** Around a job's own panels: its steps, its error, and the footer with cancel while it runs or the report once it has ended. */
function JobFrame({ job, controls, onAgain, awaiting, children }: { job: JobUpdate | undefined; controls: JobControls; onAgain: () => void; awaiting: string | null; children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const wording = useJobWording()
  const go = useNav((s) => s.go)
  const canPdf = useApp((s) => s.info?.canPrintPdf)
  const report = useAction()
  const phase = job?.phase
  const live = phase?.phase === 'running' || phase?.phase === 'paused'
  const done = phase?.phase === 'finished' || phase?.phase === 'aborted'
  const follow = useFollowJob<HTMLDivElement>(`${phase?.phase}:${live ? phase.step : ''}:${awaiting}`)
  const exportAs = (format: 'html' | 'pdf') => report.run(async () => saveFile(await api().exportRecord({ id: job!.recordId, format, language: i18n.language as Language })))
  const next =
    phase?.phase === 'finished'
      ? t(phase.verdict === 'fail' ? 'jobs:footer.failed' : 'jobs:footer.passed')
      : phase?.phase === 'aborted'
        ? t('jobs:footer.aborted')
        : awaiting
          ? t(`jobs:footer.${awaiting}`)
          : t('jobs:footer.wait')
  return (
    <div ref={follow}>
      {job && <StepRail job={job} />}
      <ErrorBanner message={controls.error} onClose={controls.clearError} />
      {children}
      {job && done && <Ended job={job} error={report.error} clearError={report.clearError} />}
      {job && (
        <JobFooter phase={phase} stepLabel={live && phase.step ? wording.step(phase.step) : null} next={next} verdictTestId="job-verdict">
          {!done && (
            <button type="button" className="secondary" onClick={() => void controls.cancel()} data-testid="job-cancel">
              {t('common:cancel')}
            </button>
          )}
          {done && (
            <>
              <button type="button" onClick={() => void exportAs('html')} data-testid="report-html">
                {t('records:export.html')}
              </button>
              {canPdf && (
                <button type="button" onClick={() => void exportAs('pdf')}>
                  {t('records:export.pdf')}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => go({ page: 'record', id: job.recordId })} data-testid="open-record">
                {t('linkCheck:openRecord')}
              </button>
              <button type="button" className="secondary" onClick={onAgain} data-testid="job-again">
                {t('foxess:wizard.again')}
              </button>
            </>
          )}
        </JobFooter>
      )}
    </div>
  )
}

/** The CT check on its own. */
export function CtJobView({ recordId, onAgain }: { recordId: number; onAgain: () => void }) {
  const job = useJobs((s) => s.byRecord[recordId])
  const view = useFoxess((s) => s.ct[recordId])
  const controls = useJobControls(recordId)
  const { busy, run } = controls

  useEffect(() => {
    api()
      .foxessCtView({ recordId })
      .then((v) => useFoxess.getState().setCt(v), () => undefined)
  }, [recordId])

  const answer = (a: CtAnswer) => void run(async () => useFoxess.getState().setCt(await api().foxessCtAnswer({ recordId, answer: a })))
  return (
    <section data-testid="ct-job" data-record={recordId}>
      <JobFrame job={job} controls={controls} onAgain={onAgain} awaiting={view?.awaiting ?? null}>
        {view && <CtPanel view={view} answer={answer} busy={busy} />}
      </JobFrame>
    </section>
  )
}

/** The commissioning wizard: every stage's panel as it is reached, the current one waiting for its answer. */
export function CommissioningJobView({ recordId, onAgain }: { recordId: number; onAgain: () => void }) {
  const { t } = useTranslation()
  const job = useJobs((s) => s.byRecord[recordId])
  const view = useFoxess((s) => s.commissioning[recordId])
  const controls = useJobControls(recordId)
  const { busy, run } = controls

  useEffect(() => {
    api()
      .foxessCommissioningView({ recordId })
      .then((v) => useFoxess.getState().setCommissioning(v), () => undefined)
  }, [recordId])

  const answer = (a: CommissioningAnswer) => void run(async () => useFoxess.getState().setCommissioning(await api().foxessCommissioningAnswer({ recordId, answer: a })))
  const settings = view?.settings
  return (
    <section data-testid="commissioning-job" data-record={recordId} data-awaiting={view?.awaiting ?? ''}>
      <JobFrame job={job} controls={controls} onAgain={onAgain} awaiting={view?.awaiting ?? null}>
        {view?.device && <DevicePanel device={view.device} />}
        {view?.ct && <CtPanel view={view.ct} answer={answer} busy={busy} />}
        {settings && (settings.current || settings.results.length > 0) && (
          <div className="panel" data-testid="settings-panel">
            <h2>{t('foxess:steps.settings')}</h2>
            {view.awaiting === 'settingsTarget' && settings.current && (
              <SettingsForm key={settings.current.readAt} current={settings.current} initial={settings.target} busy={busy} onSubmit={(target) => answer({ kind: 'settingsTarget', target })} />
            )}
            <WriteResults results={settings.results} />
            {view.awaiting === 'settingsAfterWrite' && (
              <div className="actions" data-next-action>
                <span>{t('foxess:write.notAll')}</span>
                <button type="button" disabled={busy} onClick={() => answer({ kind: 'settingsAfterWrite', action: 'retry' })} data-testid="settings-retry">
                  {t('foxess:write.retry')}
                </button>
                <button type="button" className="secondary" disabled={busy} onClick={() => answer({ kind: 'settingsAfterWrite', action: 'continue' })} data-testid="settings-continue">
                  {t('foxess:write.continue')}
                </button>
              </div>
            )}
          </div>
        )}
        {view?.clock && <ClockPanel clock={view.clock} awaiting={view.awaiting === 'clock'} busy={busy} answer={(action) => answer({ kind: 'clock', action })} />}
        {view?.live && view.device && (
          <LivePanel sn={view.sn} timezone={view.device.timezone} live={view.live} awaiting={view.awaiting === 'liveConfirm'} busy={busy} answer={(plausible, note) => answer({ kind: 'liveConfirm', plausible, ...(note ? { note } : {}) })} />
        )}
      </JobFrame>
    </section>
  )
}
