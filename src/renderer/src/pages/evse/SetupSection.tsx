import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ConfigWriteResult, EVSE_HOST_MAX, EVSE_HOST_PATTERN, EVSE_SIM_ID, type EvseConfig, type EvseSetupView, type JobUpdate } from '@shared/contract'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import { api } from '../../api'
import { ErrorBanner } from '../../components/ErrorBanner'
import { type JobContext, JobContextFields } from '../../components/JobContextFields'
import { JobFooter, useFollowJob } from '../../components/JobFooter'
import { type StartRefusal, startRefusal } from '../../components/job-actions'
import { StartRefusalBanner } from '../../components/StartRefusalBanner'
import { useTranslate } from '../../components/translate'
import { useJobControls } from '../../components/use-job-controls'
import { VerdictBadge } from '../../components/Verdict'
import { useApp } from '../../stores/app'
import { useEvse } from '../../stores/evse'
import { useEvseSetup } from '../../stores/evse-setup'
import { runningJobOf, useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import { SETUP_CONFIG_FORM, SetupConfigForm } from './SetupConfigForm'
import { SetupCharger, SetupWriteResult } from './SetupFacts'
import { SetupTestCharge } from './SetupTestCharge'

const JOB = 'evseSetup'

/** What the installer does next, in words, for the footer. */
function nextAction(t: (key: string) => string, job: JobUpdate, view: EvseSetupView | undefined): string {
  const phase = job.phase
  if (phase.phase === 'finished') return t(phase.verdict === 'fail' ? 'evseSetup:ui.nextFailed' : 'evseSetup:ui.nextPassed')
  if (phase.phase === 'aborted') return t('jobs:footer.aborted')
  if (view?.awaiting === 'configTarget') return t('evseSetup:ui.nextConfig')
  if (view?.awaiting === 'plugIn') return t('evseSetup:ui.nextPlugIn')
  if (phase.phase === 'running' && phase.step === 'testCharge') return t('evseSetup:ui.nextCharging')
  return t('jobs:footer.wait')
}

/** The setup job on the charger page: start it for the address typed in, then follow its steps to the verdict. */
export function SetupSection({ recordId: initialRecord }: { recordId?: number }) {
  const { t } = useTranslation()
  const tt = useTranslate()
  const go = useNav((s) => s.go)
  const host = useEvse((s) => s.host)
  const setHost = useEvse((s) => s.setHost)
  const operatorDefault = useApp((s) => s.settings?.operatorName ?? '')
  const [context, setContext] = useState<JobContext>({ site: '', customer: '', operator: operatorDefault })
  const runningRecord = useJobs((s) => runningJobOf(s.open, [JOB])?.recordId)
  const [recordId, setRecordId] = useState<number | undefined>(initialRecord ?? runningRecord)
  const [refusal, setRefusal] = useState<StartRefusal | null>(null)
  const [restored, setRestored] = useState<ConfigWriteResult | null>(null)
  const [badAddress, setBadAddress] = useState<string | null>(null)
  useEffect(() => {
    if (initialRecord) setRecordId(initialRecord)
  }, [initialRecord])
  const job = useJobs((s) => (recordId ? s.byRecord[recordId] : undefined))
  const view = useEvseSetup((s) => (recordId ? s.views[recordId] : undefined))
  const series = useEvseSetup((s) => (recordId ? s.series[recordId] : undefined))
  const { run, error, clearError, cancel } = useJobControls(recordId)
  const live = job && (job.phase.phase === 'running' || job.phase.phase === 'paused')
  const step = live && (job.phase.phase === 'running' || job.phase.phase === 'paused') ? job.phase.step : null
  const follow = useFollowJob<HTMLDivElement>(`${job?.phase.phase}:${step}:${view?.awaiting}`)

  // in demo mode the simulated charger's address is offered when none was typed yet
  useEffect(() => {
    if (host) return
    api()
      .listSimulators()
      .then((sims) => {
        const sim = sims.find((s) => s.id === EVSE_SIM_ID && s.running && s.endpoint)
        if (sim?.endpoint && !useEvse.getState().host) setHost(new URL(sim.endpoint).host)
      })
      .catch(() => undefined)
  }, [host, setHost])

  // a page opened on a job already running asks main for its view once
  useEffect(() => {
    if (!recordId || view) return
    api()
      .evseSetupView({ recordId })
      .then((v) => v && useEvseSetup.getState().setView(v))
      .catch(() => undefined)
  }, [recordId, view])

  const start = () =>
    run(async () => {
      const address = host.trim()
      if (address.length > EVSE_HOST_MAX || !EVSE_HOST_PATTERN.test(address)) {
        setBadAddress(t('evse:page.badAddress', { host: address }))
        return
      }
      setBadAddress(null)
      setRefusal(null)
      setRestored(null)
      try {
        const update = await api().evseSetupStart({ host: address, ...context })
        useJobs.getState().update(update)
        setRecordId(update.recordId)
      } catch (err) {
        const refused = startRefusal(err)
        if (refused) setRefusal(refused)
        else throw err
      }
    })
  const answer = (a: Parameters<ReturnType<typeof api>['evseSetupAnswer']>[0]['answer']) =>
    run(async () => {
      if (recordId) useEvseSetup.getState().setView(await api().evseSetupAnswer({ recordId, answer: a }))
    })
  const restore = () =>
    run(async () => {
      if (recordId) setRestored(await api().evseSetupRestore({ recordId }))
    })
  const awaiting = view?.awaiting ?? null
  const canRestore = Boolean(view?.backup) && (!live || awaiting !== null)

  if (!job) {
    return (
      <div className="evse-setup" data-testid="evse-setup">
        <ErrorBanner message={error ?? badAddress} onClose={() => (clearError(), setBadAddress(null))} />
        <StartRefusalBanner refusal={refusal} onClose={() => setRefusal(null)} />
        <form
          className="panel form-grid"
          onSubmit={(e) => {
            e.preventDefault()
            void start()
          }}
        >
          <p className="lead">{t('evseSetup:ui.intro')}</p>
          <label className="field">
            <span>{t('evse:page.address')}</span>
            <input value={host} onChange={(e) => setHost(e.target.value)} placeholder={t('evse:page.addressHint')} maxLength={EVSE_HOST_MAX} data-testid="evse-setup-address" />
          </label>
          <JobContextFields value={context} onChange={setContext} siteTestId="evse-setup-site" />
          <div className="actions">
            <button type="submit" disabled={!host.trim()} data-testid="evse-setup-start">
              {t('evseSetup:ui.start')}
            </button>
          </div>
        </form>
      </div>
    )
  }

  return (
    <div className="evse-setup" data-testid="evse-setup" ref={follow}>
      <ErrorBanner message={error} onClose={clearError} />
      <div className="evse-setup-top">
        <ol className="steps panel" data-testid="evse-setup-steps">
          {job.steps.map((s) => {
            const current = step === s.key
            return (
              <li key={s.key} className={current ? 'current' : ''} data-step={s.key} data-verdict={s.verdict ?? ''}>
                <span>{localizeStep(tt, JOB, s.key)}</span>
                {s.verdict ? <VerdictBadge verdict={s.verdict} /> : current ? <span className="spinner" aria-label={t('common:working')} /> : null}
                {s.note && <span className="note">{localizeNote(tt, JOB, s.note)}</span>}
              </li>
            )
          })}
        </ol>
        {view && <SetupCharger view={view} />}
      </div>
      {view && awaiting === 'configTarget' && view.current && (
        <SetupConfigForm current={view.current} busy={false} onWrite={(target: Partial<EvseConfig>) => void answer({ kind: 'config', target })} onKeep={() => void answer({ kind: 'config', target: null })} />
      )}
      {view?.write && <SetupWriteResult result={view.write} testId="evse-setup-write-result" />}
      {restored && <SetupWriteResult result={restored} testId="evse-setup-restore-result" title={t('evseSetup:ui.restoredTitle')} />}
      {awaiting === 'plugIn' && (
        <div className="panel banner" data-next-action data-testid="evse-setup-plug">
          {t('evseSetup:ui.plugIn')}
        </div>
      )}
      {view?.testCharge && <SetupTestCharge view={view.testCharge} series={series} />}
      <JobFooter phase={job.phase} stepLabel={step ? localizeStep(tt, JOB, step) : null} next={nextAction(t, job, view)} verdictTestId="evse-setup-verdict">
        {awaiting === 'configTarget' && (
          <button type="submit" form={SETUP_CONFIG_FORM} data-testid="evse-setup-footer-write">
            {t('evseSetup:ui.writeShort')}
          </button>
        )}
        {awaiting === 'plugIn' && (
          <>
            <button type="button" onClick={() => void answer({ kind: 'plugIn', ready: true })} data-testid="evse-setup-ready">
              {t('evseSetup:ui.ready')}
            </button>
            <button type="button" className="secondary" onClick={() => void answer({ kind: 'plugIn', ready: false })} data-testid="evse-setup-skip">
              {t('evseSetup:ui.skip')}
            </button>
          </>
        )}
        {canRestore && (
          <button type="button" className="secondary" onClick={() => void restore()} data-testid="evse-setup-restore">
            {t('evseSetup:ui.restore')}
          </button>
        )}
        {live && (
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('common:cancel')}
          </button>
        )}
        {!live && (
          <>
            <button type="button" onClick={() => go({ page: 'record', id: job.recordId })} data-testid="evse-setup-open-record">
              {t('evseSetup:ui.openRecord')}
            </button>
            <button type="button" className="secondary" onClick={() => (setRecordId(undefined), setRestored(null))} data-testid="evse-setup-again">
              {t('evseSetup:ui.again')}
            </button>
          </>
        )}
      </JobFooter>
    </div>
  )
}
