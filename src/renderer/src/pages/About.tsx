import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { ErrorBanner } from '../components/ErrorBanner'
import { useAction } from '../components/use-action'
import { saveFile } from '../components/save-file'
import { useApp } from '../stores/app'

export const DOCS_URL = 'https://www.foxesscloud.com/public/i18n/en/OpenApiDocument.html'

export function AboutPage() {
  const { t } = useTranslation()
  const info = useApp((s) => s.info)
  const { run, error, clearError } = useAction()
  return (
    <section data-testid="about">
      <h1>{t('common:about.title')}</h1>
      <p className="lead">{t('common:about.intro')}</p>
      <ErrorBanner message={error} onClose={clearError} />
      {info && (
        <dl className="facts" data-testid="about-facts">
          <dt>{t('common:about.version')}</dt>
          <dd className="mono">{info.version}</dd>
          <dt>{t('common:about.transport')}</dt>
          <dd>{t(`common:transports.${info.transport}`)}</dd>
          <dt>{t('common:about.platform')}</dt>
          <dd className="mono">
            {info.platform} {info.arch}
          </dd>
          {Object.entries(info.versions).map(([name, version]) => (
            <div key={name} className="contents">
              <dt className="mono">{name}</dt>
              <dd className="mono">{version}</dd>
            </div>
          ))}
          <dt>{t('common:about.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
        </dl>
      )}
      <div className="actions">
        <button type="button" data-testid="export-diagnostics" onClick={() => void run(async () => saveFile(await api().exportDiagnostics()))}>
          {t('common:about.exportDiagnostics')}
        </button>
        <a
          href={DOCS_URL}
          data-testid="docs-link"
          onClick={(e) => {
            // links never navigate the app window: the vetted opener hands them to the system browser
            e.preventDefault()
            void run(() => api().openExternal({ url: DOCS_URL }))
          }}
        >
          {t('common:about.foxessDocs')}
        </a>
      </div>
      <p className="hint">{t('common:about.diagnosticsHint')}</p>
    </section>
  )
}
