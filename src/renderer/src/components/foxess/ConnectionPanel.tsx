import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FoxConfig, FoxConfigLimits } from '@shared/contract'
import { api } from '../../api'
import { useFoxess } from '../../stores/foxess'
import { useNav } from '../../stores/nav'
import { useErrorText } from '../errors'
import { ErrorBanner } from '../ErrorBanner'

type NumberKey = keyof typeof FoxConfigLimits

/** Where the two Fox ESS APIs are, how often to poll them, and whether the key and token are set. */
export function ConnectionPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const go = useNav((s) => s.go)
  const connection = useFoxess((s) => s.connection)
  const [draft, setDraft] = useState<FoxConfig | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    api()
      .foxessGetConnection()
      .then((c) => {
        useFoxess.getState().setConnection(c)
        setDraft(c)
      }, (err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (!connection || !draft) return <ErrorBanner message={error} />

  const save = async () => {
    setError(null)
    setSaved(false)
    try {
      const { openApiBaseUrl, ctBaseUrl, livePollSeconds, ctPollSeconds, ctTimeoutSeconds, ctStartTimeoutSeconds } = draft
      const next = await api().foxessSetConfig({ openApiBaseUrl, ctBaseUrl, livePollSeconds, ctPollSeconds, ctTimeoutSeconds, ctStartTimeoutSeconds })
      useFoxess.getState().setConnection(next)
      setDraft(next)
      setSaved(true)
    } catch (err) {
      setError(errorText(err))
    }
  }
  const numberField = (key: NumberKey) => (
    <label className="field" key={key}>
      <span>{t(`foxess:connection.${key}`, { min: FoxConfigLimits[key].min, max: FoxConfigLimits[key].max })}</span>
      <input
        type="number"
        min={FoxConfigLimits[key].min}
        max={FoxConfigLimits[key].max}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
        data-testid={`foxess-config-${key}`}
      />
    </label>
  )

  return (
    <div className="panel" data-testid="foxess-connection">
      <h2>{t('foxess:connection.title')}</h2>
      {connection.demo && <p className="banner ok">{t('foxess:connection.demo', { url: connection.effectiveOpenApiBaseUrl })}</p>}
      {!compact && <p className="hint">{t('foxess:connection.intro')}</p>}
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field">
          <span>{t('foxess:connection.openApiBaseUrl')}</span>
          <input value={draft.openApiBaseUrl} onChange={(e) => setDraft({ ...draft, openApiBaseUrl: e.target.value })} data-testid="foxess-config-openApiBaseUrl" />
        </label>
        <label className="field">
          <span>{t('foxess:connection.ctBaseUrl')}</span>
          <input value={draft.ctBaseUrl} placeholder={t('foxess:connection.ctBaseUrlPlaceholder')} onChange={(e) => setDraft({ ...draft, ctBaseUrl: e.target.value })} data-testid="foxess-config-ctBaseUrl" />
        </label>
        {(['livePollSeconds', 'ctPollSeconds', 'ctTimeoutSeconds', 'ctStartTimeoutSeconds'] as const).map(numberField)}
        <p className="hint">
          {connection.demo && `${t('foxess:connection.demoKeys')} `}
          {connection.apiKeySet ? t('foxess:connection.keySet') : t('foxess:connection.keyMissing')} · {connection.ctTokenSet ? t('foxess:connection.tokenSet') : t('foxess:connection.tokenMissing')}{' '}
          <button type="button" className="link" onClick={() => go({ page: 'settings' })}>
            {t('foxess:connection.toKeys')}
          </button>
        </p>
        <div className="actions">
          <button type="submit" data-testid="foxess-config-save">
            {t('common:save')}
          </button>
          {saved && <span className="badge verdict-pass">{t('settings:saved')}</span>}
        </div>
      </form>
      <ErrorBanner message={error} onClose={() => setError(null)} />
    </div>
  )
}
