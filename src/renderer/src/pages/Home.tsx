import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecordSummary } from '@shared/contract'
import { api } from '../api'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { useJobs } from '../stores/jobs'
import { jobRoute, useNav } from '../stores/nav'
import { asLanguage, formatDateTime } from '@shared/i18n/time'

const JOBS = ['ctDetection', 'cabinetTest', 'evseSetup', 'upsMonitor', 'linkCheck'] as const

export function HomePage() {
  const { t, i18n } = useTranslation()
  const go = useNav((s) => s.go)
  const tick = useJobs((s) => s.recordsTick)
  const errorText = useErrorText()
  const [interrupted, setInterrupted] = useState<RecordSummary[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api().listInterruptedRecords().then(setInterrupted, (err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick])

  const resume = async (record: RecordSummary) => {
    try {
      await api().resumeJob({ recordId: record.id })
      go(jobRoute(record.jobType, record.id))
    } catch (err) {
      setError(errorText(err))
    }
  }
  const close = async (record: RecordSummary) => {
    try {
      await api().abortRecord({ id: record.id })
      setInterrupted((list) => list.filter((r) => r.id !== record.id))
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <section>
      <h1>{t('common:home.title')}</h1>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {interrupted.length > 0 && (
        <div className="panel warn" data-testid="interrupted">
          <h2>{t('common:home.interrupted', { count: interrupted.length })}</h2>
          <ul className="plain">
            {interrupted.map((record) => (
              <li key={record.id} className="row">
                <span>
                  {t(`jobs:names.${record.jobType}`)} · #{record.id} · {formatDateTime(record.startedAt, asLanguage(i18n.language))}
                  {record.deviceSerial && ` · ${record.deviceSerial}`} · {t('common:home.stepsDone', { count: record.stepCount })}
                </span>
                <span className="actions">
                  <button type="button" onClick={() => void resume(record)} data-testid={`resume-${record.id}`}>
                    {t('common:home.resume')}
                  </button>
                  <button type="button" className="secondary" onClick={() => void close(record)} data-testid={`abort-${record.id}`}>
                    {t('common:home.closeAborted')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="card-grid">
        <button type="button" className="card" data-testid="tool-evse" onClick={() => go({ page: 'evse' })}>
          <strong>{t('common:nav.evse')}</strong>
          <span>{t('evse:page.summary')}</span>
        </button>
        {JOBS.map((job) => (
          <button type="button" key={job} className="card" data-testid={`job-${job}`} onClick={() => go({ page: job })}>
            <strong>{t(`jobs:names.${job}`)}</strong>
            <span>{t(`jobs:summaries.${job}`)}</span>
          </button>
        ))}
      </div>
    </section>
  )
}
