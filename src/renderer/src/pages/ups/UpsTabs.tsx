import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UpsPage } from './UpsPage'
import { UpsTestSection } from './UpsTestSection'

/** The UPS page: the live monitor, and the acceptance test beside it (opened directly when a test's record is named). */
export function UpsTabs({ recordId }: { recordId?: number }) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<'monitor' | 'test'>(recordId ? 'test' : 'monitor')
  useEffect(() => {
    if (recordId) setTab('test')
  }, [recordId])
  return (
    <div className="ups-tabs">
      <div className="tabs" role="tablist">
        {(['monitor', 'test'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'small' : 'secondary small'} onClick={() => setTab(id)} data-testid={`ups-tab-${id}`}>
            {t(`upsTest:tab.${id}`)}
          </button>
        ))}
      </div>
      {tab === 'monitor' ? <UpsPage /> : <UpsTestSection recordId={recordId} />}
    </div>
  )
}
