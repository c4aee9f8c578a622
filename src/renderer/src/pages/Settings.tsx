import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { matchLanguage, PowerUnits, type SecretStatus, type SettingsPatch, TemperatureUnits } from '@shared/contract'
import { api } from '../api'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { ConnectionPanel } from '../components/foxess/ConnectionPanel'
import { LanguageSelect } from '../components/LanguageSelect'
import { switchLanguage } from '../i18n'
import { useApp } from '../stores/app'

function SecretField({ status, onChange }: { status: SecretStatus; onChange: (s: SecretStatus) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    setError(null)
    try {
      onChange(await api().setSecret({ name: status.name, value }))
      setValue('')
    } catch (err) {
      setError(errorText(err))
    }
  }
  const clear = async () => {
    setError(null)
    try {
      onChange(await api().deleteSecret({ name: status.name }))
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <div className="secret" data-secret={status.name} data-set={status.isSet}>
      <div className="row">
        <strong>{t(`settings:secretNames.${status.name}`)}</strong>
        <span className={status.isSet ? 'badge verdict-pass' : 'badge verdict-none'}>{status.isSet ? t('settings:secrets.set') : t('settings:secrets.notSet')}</span>
        <span className="muted">{t(`settings:secretBackends.${status.backend}`)}</span>
      </div>
      {!status.readOnly ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('settings:secrets.placeholder')} data-testid={`secret-${status.name}`} />
          <button type="submit" disabled={!value}>
            {t('common:save')}
          </button>
          {status.isSet && (
            <button type="button" className="secondary" onClick={() => void clear()}>
              {t('common:remove')}
            </button>
          )}
        </form>
      ) : (
        <p className="hint">{t('settings:secrets.fromEnv')}</p>
      )}
      <ErrorBanner message={error} />
    </div>
  )
}

export function SettingsPage() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const settings = useApp((s) => s.settings)!
  const info = useApp((s) => s.info)
  const [operator, setOperator] = useState(settings.operatorName)
  const [secrets, setSecrets] = useState<SecretStatus[]>([])
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    api().listSecrets().then(setSecrets, (err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const update = async (patch: SettingsPatch) => {
    setError(null)
    setSaved(false)
    try {
      useApp.getState().setSettings(await api().updateSettings(patch))
      setSaved(true)
    } catch (err) {
      setError(errorText(err))
    }
  }
  const followSystem = async () => {
    await update({ language: null })
    const language = matchLanguage([...(info?.systemLanguages ?? []), ...navigator.languages])
    await switchLanguage(language)
    useApp.getState().setLanguage(language)
  }

  return (
    <section data-testid="settings">
      <h1>{t('settings:title')}</h1>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {saved && (
        <div className="banner ok" role="status">
          {t('settings:saved')}
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          <span>{t('settings:language')}</span>
          <LanguageSelect value={settings.language ?? 'system'} testId="settings-language" followSystem={followSystem} />
        </label>
        <label className="field">
          <span>{t('settings:temperatureUnit')}</span>
          <select value={settings.temperatureUnit} onChange={(e) => void update({ temperatureUnit: e.target.value as (typeof TemperatureUnits)[number] })}>
            {TemperatureUnits.map((u) => (
              <option key={u} value={u}>
                {t(`settings:units.${u}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings:powerUnit')}</span>
          <select value={settings.powerUnit} onChange={(e) => void update({ powerUnit: e.target.value as (typeof PowerUnits)[number] })}>
            {PowerUnits.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault()
            void update({ operatorName: operator })
          }}
        >
          <span>{t('settings:operatorName')}</span>
          <div className="inline-form">
            <input value={operator} maxLength={80} onChange={(e) => setOperator(e.target.value)} data-testid="settings-operator" />
            <button type="submit">{t('common:save')}</button>
          </div>
        </form>
        <label className="check">
          <input type="checkbox" checked={settings.demoMode} data-testid="settings-demo" onChange={(e) => void update({ demoMode: e.target.checked })} />
          {t('settings:demoMode')}
        </label>
      </div>
      <h2>{t('settings:secrets.title')}</h2>
      <p className="hint">{t('settings:secrets.intro')}</p>
      {secrets.map((status) => (
        <SecretField key={status.name} status={status} onChange={(next) => setSecrets((list) => list.map((s) => (s.name === next.name ? next : s)))} />
      ))}
      <ConnectionPanel key={String(settings.demoMode)} />
    </section>
  )
}

