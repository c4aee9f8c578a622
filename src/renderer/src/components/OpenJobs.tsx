import { useTranslation } from 'react-i18next'
import type { OpenJob } from '@shared/contract'
import { localizeStep } from '@shared/i18n/localize'
import { useJobs } from '../stores/jobs'
import { type Route, useNav } from '../stores/nav'
import { deviceLabel, useJobActions } from './job-actions'
import { useTranslate } from './translate'
import { asLanguage, formatDateTime } from '@shared/i18n/time'

/** chips shown in the header before the rest fold into "+n" */
const SHOWN = 3

/** Whether the page on screen already shows this job. */
function showing(route: Route, job: OpenJob): boolean {
  return 'recordId' in route && route.recordId === job.recordId
}

function JobChip({ job }: { job: OpenJob }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const go = useNav((s) => s.go)
  const route = useNav((s) => s.route)
  const { returnTo } = useJobActions()
  const device = deviceLabel(t, job.deviceKey)
  const step = job.step ? localizeStep(tt, job.jobType, job.step) : ''
  const title = [t(`jobs:open.${job.state}`), t(`jobs:names.${job.jobType}`), device, step, t('jobs:open.started', { time: formatDateTime(job.startedAt, asLanguage(i18n.language)) })]
    .filter(Boolean)
    .join(' · ')
  // a suspended job opens on its record, where it can be resumed or closed
  const open = () => (job.state === 'running' ? returnTo(job.jobType, job.recordId) : go({ page: 'record', id: job.recordId }))
  return (
    <button
      type="button"
      className={`job-chip ${job.state}${showing(route, job) ? ' current' : ''}`}
      title={`${title} — ${t('jobs:open.returnTo')}`}
      onClick={open}
      data-testid="open-job"
      data-open-record={job.recordId}
      data-state={job.state}
      data-device={job.deviceKey ?? ''}
    >
      <span className="dot" aria-label={t(`jobs:open.${job.state}`)} />
      <strong>{t(`jobs:names.${job.jobType}`)}</strong>
      {device && <span className="device">{device}</span>}
      {step && <span className="step">{step}</span>}
    </button>
  )
}

/** The shell's strip of running and suspended jobs: one click returns to a job, whatever page is open. */
export function OpenJobsStrip() {
  const { t } = useTranslation()
  const open = useJobs((s) => s.open)
  if (!open.length) return null
  const rest = open.slice(SHOWN)
  return (
    <nav className="open-jobs" aria-label={t('jobs:open.label')} data-testid="open-jobs">
      {open.slice(0, SHOWN).map((job) => (
        <JobChip key={job.recordId} job={job} />
      ))}
      {rest.length > 0 && (
        <details className="open-jobs-more">
          <summary>{t('jobs:open.more', { n: rest.length })}</summary>
          <div className="open-jobs-menu">
            {rest.map((job) => (
              <JobChip key={job.recordId} job={job} />
            ))}
          </div>
        </details>
      )}
    </nav>
  )
}
