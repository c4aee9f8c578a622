import './foxess.css'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isSettingsError, type OpenJob } from '@shared/contract'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { type StartRefusal, startRefusal } from '../../components/job-actions'
import { StartRefusalBanner } from '../../components/StartRefusalBanner'
import { type JobContext, JobContextFields } from '../../components/JobContextFields'
import { BudgetBadge } from '../../components/foxess/BudgetBadge'
import { CloudSetupBanner } from '../../components/foxess/CloudSetupBanner'
import { ConnectionPanel } from '../../components/foxess/ConnectionPanel'
import { InverterPicker } from '../../components/foxess/InverterPicker'
import { useApp } from '../../stores/app'
import { useFoxess } from '../../stores/foxess'
import { runningJobOf, useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import { CommissioningJobView, CtJobView } from './JobViews'

type JobKind = 'ctDetection' | 'inverterCommissioning'
const JOB_KINDS: readonly JobKind[] = ['ctDetection', 'inverterCommissioning']

/** The job the page shows: the one the route names, else the newest one running. */
function attachTo(open: OpenJob[], recordId?: number, job?: JobKind): { recordId: number; job: JobKind } | null {
  if (recordId && job) return { recordId, job }
  const running = runningJobOf(open, JOB_KINDS)
  return running ? { recordId: running.recordId, job: running.jobType as JobKind } : null
}

/** CT detection and inverter commissioning: pick the inverter, then check its CTs or commission it. */
export function CtDetectionPage({ recordId, job }: { recordId?: number; job?: JobKind }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const operatorDefault = useApp((s) => s.settings?.operatorName ?? '')
  const demo = useApp((s) => s.settings?.demoMode)
  const connection = useFoxess((s) => s.connection)
  const route = useNav((s) => s.route)
  const [active, setActive] = useState(() => attachTo(useJobs.getState().open, recordId, job))
  const activeRunning = useJobs((s) => s.open.some((j) => j.recordId === active?.recordId && j.state === 'running'))
  const [refusal, setRefusal] = useState<StartRefusal | null>(null)
  const [selectedSn, setSelectedSn] = useState<string | null>(null)
  // the chosen inverter as the account lists it now: gone when the account changes (demo mode on or off)
  const device = useFoxess((s) => s.devices?.find((d) => d.deviceSN === selectedSn) ?? null)
  const actionsRef = useRef<HTMLDivElement>(null)
  const [setupProblem, setSetupProblem] = useState<string | null>(null)
  const [jobContext, setJobContext] = useState<JobContext>({ site: '', customer: '', operator: operatorDefault })
  const [error, setError] = useState<string | null>(null)
  const [showConnection, setShowConnection] = useState(false)

  // "return to the job" names a record, even when this page is already open
  useEffect(() => {
    if (recordId && job) setActive({ recordId, job })
  }, [route, recordId, job])

  // the inverter's actions come into view where the person just clicked, not below the fold
  useEffect(() => {
    if (selectedSn) actionsRef.current?.scrollIntoView({ block: 'nearest' })
  }, [selectedSn])

  useEffect(() => {
    api().foxessGetConnection().then((c) => useFoxess.getState().setConnection(c), () => undefined)
  }, [demo])

  const start = async (kind: JobKind) => {
    if (!device) return
    setError(null)
    setRefusal(null)
    setSetupProblem(null)
    try {
      // the plant's name is the site unless the person typed one
      const context = { sn: device.deviceSN, ...jobContext, site: jobContext.site.trim() || device.stationName }
      const update = kind === 'ctDetection' ? await api().foxessCtStart({ ...context, productType: device.productType }) : await api().foxessCommissioningStart(context)
      useJobs.getState().update(update)
      setActive({ recordId: update.recordId, job: kind })
    } catch (err) {
      const refused = startRefusal(err)
      if (refused) setRefusal(refused)
      else if (isSettingsError(err)) setSetupProblem(errorText(err))
      else setError(errorText(err))
    }
  }

  const notConfigured = !demo && connection && (!connection.apiKeySet || !connection.ctBaseUrl || !connection.ctTokenSet)
  return (
    <section data-testid="ct-detection" className="foxess">
      <div className="page-head">
        <h1>{t('foxess:wizard.title')}</h1>
        <BudgetBadge />
        {active && activeRunning && (
          <button type="button" className="link" onClick={() => setActive(null)} data-testid="new-job">
            {t('jobs:open.newJob')}
          </button>
        )}
      </div>
      <p className="lead">{t('foxess:wizard.intro')}</p>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <StartRefusalBanner refusal={refusal} onClose={() => setRefusal(null)} />
      <CloudSetupBanner message={setupProblem} onClose={() => setSetupProblem(null)} />
      {!active && (
        <>
          {(showConnection || notConfigured) && <ConnectionPanel compact />}
          {!showConnection && !notConfigured && (
            <button type="button" className="link" onClick={() => setShowConnection(true)}>
              {t('foxess:connection.show')}
            </button>
          )}
          <h2>{t('foxess:wizard.pick')}</h2>
          <InverterPicker selected={device?.deviceSN ?? null} onSelect={(d) => setSelectedSn(d.deviceSN)} />
          {device && (
            <div className="panel" data-testid="job-context" ref={actionsRef}>
              <h2>{t('foxess:wizard.selected', { sn: device.deviceSN, plant: device.stationName })}</h2>
              <div className="form-grid">
                <JobContextFields value={jobContext} onChange={setJobContext} sitePlaceholder={device.stationName} siteTestId="job-site" />
              </div>
              <div className="choice-grid">
                <button type="button" className="choice primary" onClick={() => void start('inverterCommissioning')} data-testid="start-commissioning">
                  <strong>{t('foxess:wizard.commission')}</strong>
                  <span>{t('foxess:wizard.commissionHint')}</span>
                </button>
                <button type="button" className="choice" onClick={() => void start('ctDetection')} data-testid="start-ct">
                  <strong>{t('foxess:wizard.ctOnly')}</strong>
                  <span>{t('foxess:wizard.ctOnlyHint')}</span>
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {active?.job === 'ctDetection' && <CtJobView recordId={active.recordId} onAgain={() => setActive(null)} />}
      {active?.job === 'inverterCommissioning' && <CommissioningJobView recordId={active.recordId} onAgain={() => setActive(null)} />}
    </section>
  )
}
