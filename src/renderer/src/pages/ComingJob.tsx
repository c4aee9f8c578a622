import { useTranslation } from 'react-i18next'
import { useNav } from '../stores/nav'

type ComingJob = 'upsMonitor'

/** A job whose wizard has not landed yet: what it will do, and what already works today. */
export function ComingJobPage({ job }: { job: ComingJob }) {
  const { t } = useTranslation()
  const go = useNav((s) => s.go)
  return (
    <section data-testid={`coming-${job}`}>
      <h1>{t(`jobs:names.${job}`)}</h1>
      <p className="lead">{t(`jobs:summaries.${job}`)}</p>
      <div className="panel">
        <h2>{t('jobs:coming.title')}</h2>
        <p>{t(`jobs:coming.${job}`)}</p>
        <p>{t('jobs:coming.meanwhile')}</p>
        <div className="actions">
          <button type="button" onClick={() => go({ page: 'tables' })}>
            {t('common:nav.tables')}
          </button>
          <button type="button" className="secondary" onClick={() => go({ page: 'terminal' })}>
            {t('common:nav.terminal')}
          </button>
        </div>
      </div>
    </section>
  )
}
