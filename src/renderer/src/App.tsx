import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Layout } from './components/Layout'
import { AboutPage } from './pages/About'
import { ComingJobPage } from './pages/ComingJob'
import { DevicesPage } from './pages/Devices'
import { DeviceTablesPage } from './pages/DeviceTables'
import { FirstRunPage } from './pages/FirstRun'
import { HomePage } from './pages/Home'
import { LinkCheckPage } from './pages/LinkCheck'
import { RecordPage } from './pages/Record'
import { RecordsPage } from './pages/Records'
import { SettingsPage } from './pages/Settings'
import { TerminalPage } from './pages/Terminal'
import { useApp } from './stores/app'
import { type Route, useNav } from './stores/nav'

// device pages (and the charts they draw) load when first opened, not at start
const CabinetPage = lazy(() => import('./pages/cabinet/CabinetPage').then((m) => ({ default: m.CabinetPage })))
const CtDetectionPage = lazy(() => import('./pages/foxess/CtDetection').then((m) => ({ default: m.CtDetectionPage })))
const EvsePage = lazy(() => import('./pages/evse/EvsePage').then((m) => ({ default: m.EvsePage })))
const UpsFilesPage = lazy(() => import('./pages/ups/EditorPage').then((m) => ({ default: m.EditorPage })))
const UpsTabs = lazy(() => import('./pages/ups/UpsTabs').then((m) => ({ default: m.UpsTabs })))
const LiveDataPage = lazy(() => import('./pages/foxess/LiveData').then((m) => ({ default: m.LiveDataPage })))

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'ctDetection':
      return <CtDetectionPage recordId={route.recordId} job={route.job} />
    case 'foxessLive':
      return <LiveDataPage />
    case 'cabinetTest':
      return <CabinetPage recordId={route.recordId} />
    case 'evse':
      return <EvsePage />
    case 'ups':
      return <UpsTabs recordId={route.recordId} />
    case 'evseSetup':
      return <EvsePage tab="setup" recordId={route.recordId} />
    case 'upsMonitor':
      return <ComingJobPage job={route.page} />
    case 'upsFiles':
      return <UpsFilesPage />
    case 'linkCheck':
      return <LinkCheckPage recordId={route.recordId} />
    case 'devices':
      return <DevicesPage />
    case 'terminal':
      return <TerminalPage initialPath={route.path} />
    case 'tables':
      return <DeviceTablesPage />
    case 'records':
      return <RecordsPage />
    case 'record':
      return <RecordPage id={route.id} />
    case 'settings':
      return <SettingsPage />
    case 'about':
      return <AboutPage />
  }
}

export function App() {
  const { t } = useTranslation()
  const bridge = useApp((s) => s.bridge)
  const settings = useApp((s) => s.settings)
  const route = useNav((s) => s.route)

  if (bridge === 'unauthorized' || !settings) {
    return (
      <main className="standalone" data-testid="app-ready" data-state="unauthorized">
        <h1>{t('common:appName')}</h1>
        <p>{t('common:bridge.unauthorized')}</p>
      </main>
    )
  }
  if (!settings.firstRunDone) return <FirstRunPage />
  return (
    <Layout>
      <Suspense fallback={<p className="muted">{t('common:loading')}</p>}>
        <Page route={route} />
      </Suspense>
    </Layout>
  )
}
