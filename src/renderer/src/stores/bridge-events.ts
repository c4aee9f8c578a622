import type { FieldbenchApi } from '@shared/contract'
import { useApp } from './app'
import { useCabinet } from './cabinet'
import { useEvse } from './evse'
import { useEvseService } from './evse-service'
import { useEvseSetup } from './evse-setup'
import { useFoxess } from './foxess'
import { useJobs } from './jobs'
import { usePorts } from './ports'
import { useUps } from './ups'
import { useUpsTest } from './ups-test'

/** The one place main's events flow into the stores. */
export function bridgeEventsToStores(api: FieldbenchApi): () => void {
  const offs = [
    api.onPortsChanged((ports) => usePorts.getState().setPorts(ports)),
    api.onTerminalTraffic((batch) => usePorts.getState().addTraffic(batch)),
    api.onJobUpdate((job) => useJobs.getState().update(job)),
    api.onJobsChanged((open) => useJobs.getState().setOpen(open)),
    api.onRecordsChanged(() => useJobs.getState().recordsChanged()),
    api.onSettingsChanged((settings) => useApp.getState().setSettings(settings)),
    api.onCabinetRun((run) => useCabinet.getState().setRun(run)),
    api.onCabinetSamples((batch) => useCabinet.getState().addSamples(batch)),
    api.onCabinetFrames((batch) => useCabinet.getState().addFrames(batch)),
    api.onCabinetSim((sim) => useCabinet.getState().setSim(sim)),
    api.onFoxessStatus((status) => useFoxess.getState().setStatus(status)),
    api.onFoxessLive((update) => useFoxess.getState().addLive(update)),
    api.onFoxessCommissioningView((view) => useFoxess.getState().setCommissioning(view)),
    api.onFoxessCtView((view) => useFoxess.getState().setCt(view)),
    api.onEvseLive((update) => useEvse.getState().setLive(update)),
    api.onEvseScan((progress) => useEvse.getState().setScan(progress)),
    api.onEvseServiceView((view) => useEvseService.getState().setView(view)),
    api.onEvseCharger((event) => useEvseService.getState().setCharger(event)),
    api.onEvseSetup((view) => useEvseSetup.getState().setView(view)),
    api.onUpsMonitor((view) => useUps.getState().setView(view)),
    api.onUpsSim((sim) => useUps.getState().setSim(sim)),
    api.onUpsTestRun((run) => useUpsTest.getState().setRun(run)),
    // simulated plants and inverters never stay on screen once demo mode is off, nor the cloud's once it is on
    useApp.subscribe((state, before) => {
      if (before.settings && state.settings && state.settings.demoMode !== before.settings.demoMode) useFoxess.getState().forgetAccount()
    }),
  ]
  return () => offs.forEach((off) => off())
}
