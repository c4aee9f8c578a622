import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EVSE_TEMPLATE_NAME_MAX, type EvseConfig, type EvseConfigField, type EvseSiteTemplate } from '@shared/contract'
import { configFieldKey } from '@shared/devices/evse/config'
import { evseConfigValueText } from '@shared/i18n/evse-setup'
import { localizeNote } from '@shared/i18n/localize'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useTranslate } from '../../components/translate'
import { useEvse } from '../../stores/evse'
import { useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'

interface Props {
  /** the connected charger's configuration, to save as a template; null when none is read */
  config: Partial<EvseConfig> | null
  host: string | null
}

/** Site templates: the connected charger's configuration saved under a name, applied to the chargers chosen from the scan as one recorded job. */
export function SitePanel({ config, host }: Props) {
  const { t } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const chosen = useEvse((s) => s.chosen)
  const siteJob = useEvse((s) => s.siteJob)
  const job = useJobs((s) => (siteJob ? s.byRecord[siteJob.recordId] : undefined))
  const go = useNav((s) => s.go)
  const [templates, setTemplates] = useState<EvseSiteTemplate[]>([])
  const [selected, setSelected] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api()
      .evseTemplates()
      .then((list) => {
        setTemplates(list)
        setSelected((s) => s || list[0]?.name || '')
      })
      .catch((err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const run = async (action: () => Promise<void>) => {
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(errorText(err))
    }
  }
  const save = () =>
    run(async () => {
      const list = await api().evseTemplateSave({ name: name.trim(), config: config ?? {} })
      setTemplates(list)
      setSelected(name.trim())
      setName('')
    })
  const remove = () =>
    run(async () => {
      const list = await api().evseTemplateDelete({ name: selected })
      setTemplates(list)
      setSelected(list[0]?.name ?? '')
    })
  const apply = () =>
    run(async () => {
      const hosts = [...chosen]
      const started = await api().evseSiteApply({ template: selected, hosts })
      useJobs.getState().update(started)
      useEvse.getState().setSiteJob({ recordId: started.recordId, hosts })
    })

  const template = templates.find((tpl) => tpl.name === selected)
  const phase = job?.phase
  const running = phase?.phase === 'running'
  return (
    <div className="panel evse-site" data-testid="evse-site">
      <h2>{t('evseSite:templates.title')}</h2>
      <div className="evse-site-save">
        <label className="field">
          <span>{t('evseSite:templates.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={EVSE_TEMPLATE_NAME_MAX} placeholder={t('evseSite:templates.nameHint')} data-testid="evse-template-name" />
        </label>
        <button type="button" className="secondary" disabled={!config || !name.trim()} onClick={() => void save()} data-testid="evse-template-save">
          {t('evseSite:templates.save')}
        </button>
      </div>
      <p className="hint">{config && host ? t('evseSite:templates.saveFrom', { host }) : t('evseSite:templates.connectFirst')}</p>
      {templates.length > 0 ? (
        <>
          <label className="field">
            <span>{t('evseSite:templates.template')}</span>
            <select value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="evse-template-select">
              {templates.map((tpl) => (
                <option key={tpl.name} value={tpl.name}>
                  {tpl.name}
                </option>
              ))}
            </select>
          </label>
          {template && (
            <details className="evse-template-fields">
              <summary>{t('evseSite:templates.fields', { count: Object.keys(template.config).length })}</summary>
              <dl className="evse-kv">
                {(Object.entries(template.config) as [EvseConfigField, unknown][]).map(([k, v]) => (
                  <div key={k} className="evse-kv-row" data-field={k}>
                    <dt>{t(`evseSite:measurements.${configFieldKey(k)}`)}</dt>
                    <dd>{evseConfigValueText(tt, k, v)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
          <div className="actions">
            <button type="button" disabled={!template || !chosen.length || running} onClick={() => void apply()} data-testid="evse-template-apply">
              {t('evseSite:templates.apply', { count: chosen.length })}
            </button>
            <button type="button" className="link" disabled={!template || running} onClick={() => void remove()}>
              {t('evseSite:templates.delete')}
            </button>
          </div>
          {!chosen.length && <p className="hint">{t('evseSite:templates.chooseFirst')}</p>}
        </>
      ) : (
        <p className="hint">{t('evseSite:templates.none')}</p>
      )}
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {siteJob && job && (
        <div className="evse-site-job" data-testid="evse-site-job">
          {phase?.phase === 'finished' && (
            <p className={phase.verdict === 'pass' ? 'banner ok' : 'banner error'} data-testid="evse-site-verdict" data-next-action>
              {t(`evseSite:verdict.${phase.verdict}`)}{' '}
              <button type="button" className="secondary small" onClick={() => go({ page: 'record', id: siteJob.recordId })} data-testid="evse-site-record">
                {t('evseSite:job.openRecord')}
              </button>
            </p>
          )}
          <ul className="evse-site-lines">
            {siteJob.hosts.map((h, i) => {
              const line = job.steps.find((s) => s.key === `charger${i + 1}`)
              const running = phase?.phase === 'running' && phase.step === `charger${i + 1}`
              return (
                <li key={h} className={line?.verdict === 'fail' ? 'evse-bad' : line?.verdict === 'pass' ? 'evse-good' : undefined} data-testid="evse-site-line">
                  <strong>{h}</strong> {running ? t('evseSite:job.writing') : line?.verdict ? t(`evseSite:job.${line.verdict}`) : t('evseSite:job.waiting')}
                  {line?.note ? ` — ${localizeNote(tt, 'evseSite', line.note)}` : ''}
                </li>
              )
            })}
          </ul>
          {phase?.phase === 'aborted' && <p className="banner error">{t('evseSite:job.aborted', { reason: localizeNote(tt, 'evseSite', phase.reason) })}</p>}
        </div>
      )}
    </div>
  )
}
