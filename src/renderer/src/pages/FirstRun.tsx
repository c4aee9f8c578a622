import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { ErrorBanner } from '../components/ErrorBanner'
import { LanguageSelect } from '../components/LanguageSelect'
import { useAction } from '../components/use-action'
import { useApp } from '../stores/app'

/** First start: pick a language, then simulated devices or real hardware. */
export function FirstRunPage() {
  const { t } = useTranslation()
  const language = useApp((s) => s.language)
  const { run, busy, error } = useAction()

  const choose = (demo: boolean) =>
    run(async () => {
      if (demo) await api().startDemo()
      useApp.getState().setSettings(await api().updateSettings({ firstRunDone: true, demoMode: demo }))
    })

  return (
    <main className="standalone first-run" data-testid="app-ready" data-state="first-run" data-language={language}>
      <h1>{t('common:firstRun.title')}</h1>
      <p className="lead">{t('common:firstRun.intro')}</p>
      <label className="field inline">
        <span>{t('settings:language')}</span>
        <LanguageSelect value={language} testId="language-select" />
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
