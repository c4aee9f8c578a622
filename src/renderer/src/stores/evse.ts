import { create } from 'zustand'
import type { EvseLiveUpdate, EvseScanProgress } from '@shared/contract'
import { SeriesStore } from '@shared/series/store'

/** a template job started from the page: its record and the chargers in its order (one line each) */
export interface SiteJobRef {
  recordId: number
  hosts: string[]
}

/** Power and current of the live session on one charger, in the bounded store the chart draws from. */
export interface EvseLiveSeries {
  host: string
  store: SeriesStore
  revision: number
  /** the first reading of the session: the chart's left edge */
  from: number
  /** the newest reading taken in, so a repeated update adds nothing twice */
  lastAt: number
}

interface EvseState {
  /** the address last connected to, kept while the app runs so the page opens on it again */
  host: string
  /** the latest live Status (or its failure) main pushed */
  live: EvseLiveUpdate | null
  /** the live session's series; a different charger starts a new one */
  liveSeries: EvseLiveSeries | null
  /** the latest scan's progress; an older scan's late events are dropped */
  scan: EvseScanProgress | null
  /** chargers from the scan chosen for a site template, by address */
  chosen: string[]
  siteJob: SiteJobRef | null
  setHost(host: string): void
  setLive(update: EvseLiveUpdate): void
  setScan(progress: EvseScanProgress | null): void
  choose(host: string, on: boolean): void
  setSiteJob(job: SiteJobRef | null): void
}

export const useEvse = create<EvseState>()((set) => ({
  host: '',
  live: null,
  liveSeries: null,
  scan: null,
  chosen: [],
  siteJob: null,
  setHost: (host) => set({ host }),
  setLive: (live) =>
    set((state) => {
      const known = state.liveSeries?.host === live.host ? state.liveSeries : null
      if (!live.status || (known && live.at <= known.lastAt)) return { live }
      const series = known ?? { host: live.host, store: new SeriesStore(), revision: 0, from: live.at, lastAt: -Infinity }
      if (live.status.powerW !== null) series.store.append('powerW', live.at, live.status.powerW)
      if (live.status.currentA !== null) series.store.append('currentA', live.at, live.status.currentA)
      return { live, liveSeries: { ...series, lastAt: live.at, revision: series.store.revision } }
    }),
  setScan: (scan) =>
    set((state) => {
      if (scan && state.scan && scan.scanId < state.scan.scanId) return {}
      // a new scan forgets the chargers chosen from the last one's list
      const fresh = scan && scan.scanId !== state.scan?.scanId
      return fresh ? { scan, chosen: [] } : { scan }
    }),
  choose: (host, on) => set((state) => ({ chosen: on ? [...new Set([...state.chosen, host])] : state.chosen.filter((h) => h !== host) })),
  setSiteJob: (siteJob) => set({ siteJob }),
}))
