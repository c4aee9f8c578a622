import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { matchLanguage } from '@shared/contract'
import { connectApi } from './api'
import { App } from './App'
import { initI18n, preloadLanguage } from './i18n'
import { useApp } from './stores/app'
import { bridgeEventsToStores } from './stores/bridge-events'
import { useJobs } from './stores/jobs'
import { usePorts } from './stores/ports'
import './styles.css'

async function start(): Promise<void> {
  const store = useApp.getState()
  const root = createRoot(document.getElementById('root')!)
  // fetch the likely language's strings while the bridge connects
  preloadLanguage(matchLanguage(navigator.languages))
  preloadLanguage('en')
  let api
  try {
    api = await connectApi((status) => useApp.getState().setBridge(status))
  } catch {
    // no bridge: the page was opened without its launch token; say so in every shipped language
    await initI18n(matchLanguage(navigator.languages))
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
    return
  }
  bridgeEventsToStores(api)
  const [info, settings, ports, jobs, open] = await Promise.all([api.getAppInfo(), api.getSettings(), api.listPorts(), api.listJobs(), api.listOpenJobs()])
  for (const job of jobs) useJobs.getState().update(job)
  useJobs.getState().setOpen(open)
  const language = settings.language ?? matchLanguage([...info.systemLanguages, ...navigator.languages])
  store.setInfo(info)
  store.setSettings(settings)
  store.setLanguage(language)
  usePorts.getState().setPorts(ports)
  await initI18n(language)
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
