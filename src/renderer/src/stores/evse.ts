import { create } from 'zustand'
import type { EvseLiveUpdate, EvseScanProgress } from '@shared/contract'

/** a template job started from the page: its record and the chargers in its order (one line each) */
export interface SiteJobRef {
  recordId: number
  hosts: string[]
}

interface EvseState {
  /** the address last connected to, kept while the app runs so the page opens on it again */
  host: string
  /** the latest live Status (or its failure) main pushed */
  live: EvseLiveUpdate | null
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
  scan: null,
  chosen: [],
  siteJob: null,
  setHost: (host) => set({ host }),
  setLive: (live) => set({ live }),
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
