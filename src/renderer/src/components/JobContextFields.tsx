import { useTranslation } from 'react-i18next'

export interface JobContext {
  site: string
  customer: string
  operator: string
}

/** Where the job happens and who does it: the fields every job's record starts with. */
export function JobContextFields({
  value,
  onChange,
  sitePlaceholder,
  siteTestId,
}: {
  value: JobContext
  onChange: (next: JobContext) => void
  sitePlaceholder?: string
  siteTestId?: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <label className="field">
        <span>{t('records:fields.site')}</span>
        <input value={value.site} maxLength={200} placeholder={sitePlaceholder} onChange={(e) => onChange({ ...value, site: e.target.value })} data-testid={siteTestId} />
      </label>
      <label className="field">
        <span>{t('records:fields.customer')}</span>
        <input value={value.customer} maxLength={200} onChange={(e) => onChange({ ...value, customer: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('records:fields.operator')}</span>
        <input value={value.operator} maxLength={200} onChange={(e) => onChange({ ...value, operator: e.target.value })} />
      </label>
    </>
  )
}
