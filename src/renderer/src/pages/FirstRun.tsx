import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Language, Languages } from '@shared/contract'
import { api } from '../api'
import { chooseLanguage } from '../components/Layout'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { useApp } from '../stores/app'

/** First start: pick a language, then simulated devices or real hardware. */
export function FirstRunPage() {
  const { t } = useTranslation()
  const language = useApp((s) => s.language)
  const errorText = useErrorText()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const choose = async (demo: boolean) => {
    setBusy(true)
    setError(null)
    try {
      if (demo) await api().startDemo()
      useApp.getState().setSettings(await api().updateSettings({ firstRunDone: true, demoMode: demo }))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="standalone first-run" data-testid="app-ready" data-state="first-run" data-language={language}>
      <h1>{t('common:firstRun.title')}</h1>
      <p className="lead">{t('common:firstRun.intro')}</p>
      <label className="field inline">
        <span>{t('settings:language')}</span>
        <select value={language} data-testid="language-select" onChange={(e) => void chooseLanguage(e.target.value as Language)}>
          {Languages.map((lang) => (
            <option key={lang} value={lang}>
              {t(`settings:languages.${lang}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner message={error} />
      <div className="choice-grid">
        <button type="button" className="choice primary" disabled={busy} data-testid="first-run-demo" onClick={() => void choose(true)}>
          <strong>{t('common:firstRun.demo')}</strong>
          <span>{t('common:firstRun.demoHint')}</span>
        </button>
        <button type="button" className="choice" disabled={busy} data-testid="first-run-hardware" onClick={() => void choose(false)}>
          <strong>{t('common:firstRun.hardware')}</strong>
          <span>{t('common:firstRun.hardwareHint')}</span>
        </button>
      </div>
    </main>
  )
}
