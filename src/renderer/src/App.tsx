import { useTranslation } from 'react-i18next'
import { Layout } from './components/Layout'
import { AboutPage } from './pages/About'
import { CabinetPage } from './pages/cabinet/CabinetPage'
import { ComingJobPage } from './pages/ComingJob'
import { CtDetectionPage } from './pages/foxess/CtDetection'
import { LiveDataPage } from './pages/foxess/LiveData'
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
    case 'evseSetup':
    case 'upsMonitor':
      return <ComingJobPage job={route.page} />
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
      <Page route={route} />
    </Layout>
  )
}
