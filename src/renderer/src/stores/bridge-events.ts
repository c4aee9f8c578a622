import type { FieldbenchApi } from '@shared/contract'
import { useApp } from './app'
import { useJobs } from './jobs'
import { usePorts } from './ports'

/** The one place main's events flow into the stores. */
export function bridgeEventsToStores(api: FieldbenchApi): () => void {
  const offs = [
    api.onPortsChanged((ports) => usePorts.getState().setPorts(ports)),
    api.onTerminalTraffic((batch) => usePorts.getState().addTraffic(batch)),
    api.onJobUpdate((job) => useJobs.getState().update(job)),
    api.onRecordsChanged(() => useJobs.getState().recordsChanged()),
    api.onSettingsChanged((settings) => useApp.getState().setSettings(settings)),
  ]
  return () => offs.forEach((off) => off())
}
