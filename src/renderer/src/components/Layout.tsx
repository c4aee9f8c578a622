import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../stores/app'
import { type PageId, useNav } from '../stores/nav'
import { LanguageSelect } from './LanguageSelect'
import { OpenJobsStrip } from './OpenJobs'

const NAV: { group: string; items: PageId[] }[] = [
  { group: 'jobs', items: ['ctDetection', 'cabinetTest', 'evseSetup', 'upsMonitor', 'linkCheck'] },
  { group: 'tools', items: ['foxessLive', 'evse', 'ups', 'upsFiles', 'devices', 'terminal', 'tables'] },
  { group: 'app', items: ['records', 'settings', 'about'] },
]

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const route = useNav((s) => s.route)
  const go = useNav((s) => s.go)
  const language = useApp((s) => s.language)
  const demo = useApp((s) => s.settings?.demoMode)
  const bridge = useApp((s) => s.bridge)

  return (
    <div className="shell" data-testid="app-ready" data-language={language}>
      <nav className="sidebar" aria-label={t('common:nav.label')}>
        <button type="button" className="brand" onClick={() => go({ page: 'home' })}>
          {t('common:appName')}
        </button>
        {NAV.map((group) => (
          <div key={group.group} className="nav-group">
            <div className="nav-title">{t(`common:navGroups.${group.group}`)}</div>
            {group.items.map((page) => (
              <button
                type="button"
                key={page}
                data-nav={page}
                className={route.page === page || (page === 'records' && route.page === 'record') ? 'nav-item active' : 'nav-item'}
                onClick={() => go({ page } as never)}
              >
                {t(`common:nav.${page}`)}
              </button>
            ))}
          </div>
        ))}
      </nav>
      <div className="main">
        <header className="topbar">
          {demo && (
            <span className="badge demo" data-testid="demo-badge">
              {t('common:demoBadge')}
            </span>
          )}
          {bridge === 'lost' && <span className="badge fail">{t('common:bridge.lost')}</span>}
          <OpenJobsStrip />
          <span className="spacer" />
          <label className="lang-switch">
            <span className="sr-only">{t('settings:language')}</span>
            <LanguageSelect value={language} testId="language-select" />
          </label>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  )
}
