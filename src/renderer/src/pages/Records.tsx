import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type RecordSearch, type RecordSummary, RecordStatuses, Verdicts } from '@shared/contract'
import { api } from '../api'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { DateField } from '../components/TimeFields'
import { VerdictBadge } from '../components/Verdict'
import { useJobs } from '../stores/jobs'
import { useNav } from '../stores/nav'
import { asLanguage, formatDateTime } from '@shared/i18n/time'

export function RecordsPage() {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const go = useNav((s) => s.go)
  const tick = useJobs((s) => s.recordsTick)
  const [query, setQuery] = useState<RecordSearch>({ text: '', deviceSerial: '', site: '' })
  const [result, setResult] = useState<{ records: RecordSummary[]; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const timer = setTimeout(() => {
      api()
        .searchRecords({ ...query, from: query.from || undefined, to: query.to || undefined })
        .then(setResult, (err: unknown) => setError(errorText(err)))
    }, 150)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, tick])

  const set = (patch: Partial<RecordSearch>) => setQuery((q) => ({ ...q, ...patch }))

  return (
    <section data-testid="records">
      <h1>{t('records:title')}</h1>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <div className="filters">
        <label className="field">
          <span>{t('records:search.text')}</span>
          <input type="search" value={query.text} onChange={(e) => set({ text: e.target.value })} data-testid="records-text" />
        </label>
        <label className="field">
          <span>{t('records:fields.deviceSerial')}</span>
          <input value={query.deviceSerial} onChange={(e) => set({ deviceSerial: e.target.value })} data-testid="records-serial" />
        </label>
        <label className="field">
          <span>{t('records:fields.site')}</span>
          <input value={query.site} onChange={(e) => set({ site: e.target.value })} data-testid="records-site" />
        </label>
        <label className="field">
          <span>{t('records:search.from')}</span>
          <DateField value={query.from} onChange={(from) => set({ from })} label={t('records:search.from')} testId="records-from" />
        </label>
        <label className="field">
          <span>{t('records:search.to')}</span>
          <DateField value={query.to} onChange={(to) => set({ to })} label={t('records:search.to')} testId="records-to" />
        </label>
        <label className="field">
          <span>{t('records:fields.verdict')}</span>
          <select value={query.verdict ?? ''} onChange={(e) => set({ verdict: (e.target.value || undefined) as RecordSearch['verdict'] })} data-testid="records-verdict">
            <option value="">{t('records:search.any')}</option>
            {Verdicts.map((v) => (
              <option key={v} value={v}>
                {t(`records:verdict.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('records:fields.status')}</span>
          <select value={query.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as RecordSearch['status'] })}>
            <option value="">{t('records:search.any')}</option>
            {RecordStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`records:status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result && (
        <p className="muted" data-testid="records-total">
          {t('records:found', { count: result.total })}
        </p>
      )}
      <table className="grid clickable records-table" data-testid="records-table">
        <thead>
          <tr>
            <th>{t('records:fields.id')}</th>
            <th>{t('records:fields.job')}</th>
            <th>{t('records:fields.started')}</th>
            <th>{t('records:fields.site')}</th>
            <th>{t('records:fields.deviceSerial')}</th>
            <th>{t('records:fields.operator')}</th>
            <th>{t('records:fields.status')}</th>
            <th>{t('records:fields.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {result?.records.map((r) => (
            <tr key={r.id} onClick={() => go({ page: 'record', id: r.id })} data-record={r.id}>
              <td>{r.id}</td>
              <td>{t(`jobs:names.${r.jobType}`)}</td>
              <td className="when">{formatDateTime(r.startedAt, asLanguage(i18n.language))}</td>
              <td>{r.site || '—'}</td>
              <td className="mono">{r.deviceSerial || '—'}</td>
              <td>{r.operator || '—'}</td>
              <td>{t(`records:status.${r.status}`)}</td>
              <td>
                <VerdictBadge verdict={r.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
